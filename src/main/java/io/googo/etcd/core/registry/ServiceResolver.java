package io.googo.etcd.core.registry;

import com.fasterxml.jackson.databind.node.NullNode;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.client.EtcdClient;
import io.googo.etcd.core.key.ServiceKeys;
import io.googo.etcd.core.kv.GetOptions;
import io.googo.etcd.core.kv.GetResult;
import io.googo.etcd.core.kv.Kv;
import io.googo.etcd.core.watch.WatchEvent;
import io.googo.etcd.core.watch.WatchOptions;
import io.googo.etcd.core.watch.Watcher;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Finds the live instances of a service registered in etcd's gRPC naming layout (KEYS.md): one range read
 * of {@code PREFIX/SERVICE/}, and a watch from that read's revision + 1, so no change in between is missed.
 * A value that does not parse is reported and skipped, never fatal.
 */
public final class ServiceResolver {
    private final EtcdClient client;
    private final String service;
    private final String prefix;
    private final String keyPrefix;

    /** @throws EtcdException INVALID_INPUT for a bad prefix or service name (nothing is sent) */
    public ServiceResolver(EtcdClient client, String prefix, String service) {
        this.client = client;
        this.keyPrefix = ServiceKeys.servicePrefix(prefix, service);
        this.prefix = ServiceKeys.checkPrefix(prefix);
        this.service = service;
    }

    public String keyPrefix() {
        return keyPrefix;
    }

    /** The instances now, in key order. */
    public ServiceList list() {
        GetResult r = client.get(
                keyPrefix.getBytes(StandardCharsets.UTF_8),
                GetOptions.builder().prefix(true).build());
        List<ServiceInstance> out = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        for (Kv kv : r.kvs()) {
            try {
                out.add(ServiceInstance.of(kv));
            } catch (EtcdException e) {
                invalid.add(e.getMessage());
            }
        }
        return new ServiceList(service, prefix, r.header().revision(), out, invalid);
    }

    /**
     * Watches the service's instances from {@code afterRevision + 1} (a {@link #list()}'s revision): the
     * returned watch delivers every change after it exactly once, across lost connections and leader changes.
     *
     * @param onInvalid told (on the polling thread) about each value that does not parse; it is skipped
     */
    public ServiceWatch watch(long afterRevision, Consumer<String> onInvalid) {
        Watcher w = client.watcher(
                keyPrefix.getBytes(StandardCharsets.UTF_8),
                WatchOptions.builder()
                        .prefix(true)
                        .startRevision(afterRevision + 1)
                        .build());
        w.start();
        return new ServiceWatch(w, onInvalid);
    }

    /** A running watch of a service; {@link #poll} on one thread, {@link #close} from any. */
    public final class ServiceWatch implements AutoCloseable {
        private final Watcher watcher;
        private final Consumer<String> onInvalid;

        private ServiceWatch(Watcher watcher, Consumer<String> onInvalid) {
            this.watcher = watcher;
            this.onInvalid = onInvalid;
        }

        /**
         * The next change, waiting at most {@code timeout}; null when none came or the watch is closed.
         *
         * @throws EtcdException INTERRUPTED when the watch cannot go on (compacted)
         */
        public ServiceChange poll(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                WatchEvent e = watcher.poll(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                if (e == null) {
                    return null;
                }
                if (e.isProgress()) {
                    continue;
                }
                Kv kv = e.kv();
                if (e.type() == WatchEvent.Type.DELETE) {
                    String key = new String(kv.key(), StandardCharsets.UTF_8);
                    String addr = key.startsWith(keyPrefix) ? key.substring(keyPrefix.length()) : key;
                    return new ServiceChange(
                            ServiceChange.Type.REMOVE,
                            new ServiceInstance(key, addr, NullNode.getInstance(), 0, 0, e.revision()),
                            e.revision());
                }
                try {
                    return new ServiceChange(ServiceChange.Type.ADD, ServiceInstance.of(kv), e.revision());
                } catch (EtcdException bad) {
                    if (onInvalid != null) {
                        onInvalid.accept(bad.getMessage());
                    }
                }
            }
        }

        public boolean isClosed() {
            return watcher.isClosed();
        }

        @Override
        public void close() {
            watcher.close();
        }
    }
}
