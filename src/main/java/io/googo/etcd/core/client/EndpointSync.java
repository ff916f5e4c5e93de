package io.googo.etcd.core.client;

import io.etcd.jetcd.cluster.Member;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.config.Endpoints;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Auto-sync ({@code auto-sync-interval} &gt; 0): every interval, reads the member list through the
 * client itself and points the client at the client URLs of the started, voting members, as etcd's
 * Go client does. A member added while a long-running command runs gets requests; one removed gets
 * none. A failed read keeps the current list and is tried again at the next tick. Runs on a daemon
 * thread of its own, never on a gRPC or jetcd thread.
 */
final class EndpointSync implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EndpointSync.class);

    private final EtcdClient client;
    private final SyncedEndpoints endpoints;
    private final ScheduledExecutorService timer;
    private volatile EtcdException lastError;

    EndpointSync(EtcdClient client, SyncedEndpoints endpoints, Duration interval) {
        this.client = client;
        this.endpoints = endpoints;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gooetcd-auto-sync-" + client.name());
            t.setDaemon(true);
            return t;
        });
        long ms = Math.max(1, interval.toMillis());
        timer.scheduleWithFixedDelay(this::syncQuietly, ms, ms, TimeUnit.MILLISECONDS);
    }

    private void syncQuietly() {
        try {
            sync();
            lastError = null;
        } catch (EtcdException e) {
            lastError = e;
            LOG.debug("auto-sync of {} failed; keeping {}: {}", client.name(), endpoints.endpoints(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.debug("auto-sync of {} failed", client.name(), e);
        }
    }

    /** Reads the member list now and applies it; returns the endpoints in use afterwards. */
    List<String> sync() {
        var r = client.call(
                "auto-sync: member list",
                () -> client.jetcd().getClusterClient().listMember());
        List<String> next = clientEndpoints(r.getMembers(), client.config().usesTls());
        if (next.isEmpty()) {
            LOG.debug(
                    "auto-sync of {}: no started voting member has a usable client URL; keeping {}",
                    client.name(),
                    endpoints.endpoints());
        } else if (endpoints.update(next)) {
            LOG.debug("auto-sync of {}: endpoints now {}", client.name(), next);
        }
        return endpoints.endpoints();
    }

    /** The last sync's failure, or {@code null} after a good one. */
    EtcdException lastError() {
        return lastError;
    }

    /**
     * The client URLs of the started voting members (a learner serves no ordinary requests, an
     * unstarted member has none) whose scheme fits the client: https with TLS, else http.
     */
    static List<String> clientEndpoints(List<Member> members, boolean tls) {
        List<String> out = new ArrayList<>();
        for (Member m : members) {
            if (m.getName() == null || m.getName().isEmpty() || m.isLearner()) {
                continue;
            }
            for (URI u : m.getClientURIs()) {
                try {
                    String e = Endpoints.normalize(u.toString(), "member client URL");
                    if (Endpoints.isTls(e) == tls && !out.contains(e)) {
                        out.add(e);
                    }
                } catch (EtcdException ignored) {
                    // unix:// and other URLs a TCP client cannot use
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        endpoints.close();
    }
}
