package io.googo.etcd.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.client.EtcdClient;
import io.googo.etcd.core.config.Durations;
import io.googo.etcd.core.key.ServiceKeys;
import io.googo.etcd.core.kv.PutOptions;
import io.googo.etcd.core.lease.LeaseIds;
import io.googo.etcd.core.lease.LeaseKeeper;
import io.googo.etcd.core.lease.LeaseLost;
import io.googo.etcd.core.watch.WatchEvent;
import io.googo.etcd.core.watch.WatchOptions;
import io.googo.etcd.core.watch.Watcher;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Keeps one instance of a service registered in etcd's gRPC naming layout (KEYS.md): the key
 * {@code PREFIX/SERVICE/ADDR} with the value {@code {"Op":0,"Addr":ADDR,"Metadata":…}}, attached to a
 * lease kept alive at a third of its TTL — for days, without a restart:
 * <ul>
 * <li>when the lease is lost for any reason (expired during a partition, revoked, the key deleted by
 * someone: the key is watched), it registers again on a new lease, retrying with a capped backoff (at most
 * a third of the TTL, at least 500 ms) until the cluster answers;</li>
 * <li>with a {@link HealthCheck}, it withdraws the key (revokes the lease) after N failed checks in a row
 * and puts it back after the first passing one; with a check, nothing is registered before a check
 * passes;</li>
 * <li>{@link #close()} revokes the lease, so the instance disappears at once.</li>
 * </ul>
 * Each state change is reported to a {@link Listener} (on the registrar's thread, or on the caller's for
 * {@link #close()}). The checking itself (its thread, timeout and counting) is {@link HealthGate}'s; this
 * class is the registration's state machine.
 */
public final class ServiceRegistrar implements AutoCloseable {
    private static final long FIRST_RETRY_MS = 200;
    private static final long MIN_CAP_MS = 500;
    private static final Duration REVOKE_TIMEOUT = Duration.ofSeconds(2);

    /** Told about every state change; must be thread-safe and quick. */
    @FunctionalInterface
    public interface Listener {
        void event(RegistrationEvent e);
    }

    private final EtcdClient client;
    private final String service;
    private final String addr;
    private final String key;
    private final byte[] keyBytes;
    private final byte[] value;
    private final Duration ttl;
    private final HealthGate health;
    private final Listener listener;
    private final long retryCapMs;
    private final ScheduledThreadPoolExecutor loop;

    // guarded by this; changed on the loop thread, and by close()
    private boolean started;
    private boolean stopped;
    private int gen;
    private LeaseKeeper keeper;
    private Watcher keyWatch;
    private long lease;
    // loop thread only
    private boolean healthy;
    private boolean everRegistered;
    private long retryMs = FIRST_RETRY_MS;
    private ScheduledFuture<?> retry;

    private ServiceRegistrar(Builder b) {
        this.client = Objects.requireNonNull(b.client, "client");
        this.service = b.service;
        this.addr = b.addr;
        this.key = ServiceKeys.instanceKey(b.prefix, b.service, b.addr);
        this.keyBytes = key.getBytes(StandardCharsets.UTF_8);
        this.value = ServiceInstance.value(b.addr, b.metadata).getBytes(StandardCharsets.UTF_8);
        checkTtl(b.ttl);
        this.ttl = b.ttl;
        if (b.checkInterval.isNegative() || b.checkInterval.isZero()) {
            throw EtcdException.invalid("check interval must be positive, not " + Durations.format(b.checkInterval));
        }
        if (b.checkFailures < 1) {
            throw EtcdException.invalid("check failures must be at least 1, not " + b.checkFailures);
        }
        this.listener = b.listener == null ? e -> {} : b.listener;
        this.retryCapMs = Math.min(ttl.toMillis(), Math.max(MIN_CAP_MS, ttl.toMillis() / 3));
        this.loop = executor("gooetcd-registrar");
        this.health = b.check == null
                ? null
                : new HealthGate(
                        b.check,
                        b.checkInterval,
                        b.checkFailures,
                        new HealthGate.Listener() {
                            @Override
                            public void healthy(boolean wasUnhealthy) {
                                post(() -> becameHealthy(wasUnhealthy));
                            }

                            @Override
                            public void unhealthy(int failures, String reason) {
                                post(() -> becameUnhealthy(failures, reason));
                            }
                        },
                        executor("gooetcd-registrar-check"));
    }

    /** A TTL etcd takes for a lease: whole seconds, at least 1 s (INVALID_INPUT otherwise). */
    public static void checkTtl(Duration ttl) {
        if (ttl == null || ttl.isNegative() || ttl.isZero() || ttl.toNanos() % 1_000_000_000L != 0) {
            throw EtcdException.invalid("ttl must be a whole number of seconds, at least 1s, not "
                    + (ttl == null ? "none" : Durations.format(ttl)));
        }
    }

    public static Builder builder(EtcdClient client, String service, String addr) {
        return new Builder(client, service, addr);
    }

    public String key() {
        return key;
    }

    /** The lease the key is attached to now, 0 when not registered. */
    public synchronized long leaseId() {
        return lease;
    }

    /** Whether the key is registered now (as far as the registrar knows). */
    public synchronized boolean isRegistered() {
        return keeper != null && keeper.isAlive();
    }

    /**
     * Registers (without a health check: now, on this thread) and keeps the registration up until
     * {@link #close()}. A cluster that cannot be reached now, or a lease lost at once, is retried in the
     * background.
     *
     * @throws EtcdException when the first registration is refused by the server (permission denied, …)
     */
    public ServiceRegistrar start() {
        synchronized (this) {
            if (started || stopped) {
                throw EtcdException.invalid("a registrar starts once");
            }
            started = true;
        }
        if (health == null) {
            healthy = true;
            try {
                registerOnce();
            } catch (EtcdException e) {
                if (e.kind() == ErrorKind.SERVER
                        || e.kind() == ErrorKind.INVALID_INPUT
                        || e.kind() == ErrorKind.UNSUPPORTED) {
                    close(false);
                    throw e;
                }
                scheduleRetry();
            }
        } else {
            health.start();
        }
        return this;
    }

    /** Revokes the lease (the key goes at once) and stops. Idempotent. */
    @Override
    public void close() {
        close(true);
    }

    private void close(boolean report) {
        Taken t = take(true);
        if (t == null) {
            return;
        }
        loop.shutdownNow();
        if (health != null) {
            health.close();
        }
        closeQuietly(t.keeper(), t.watch());
        if (!report) {
            return;
        }
        long id = t.lease();
        if (id == 0) {
            emit(RegistrationEvent.Type.DEREGISTERED, 0, "was not registered");
            return;
        }
        String why = null;
        CompletableFuture<?> revoke = client.revokeAsync(id);
        try {
            revoke.get(
                    Math.min(
                            REVOKE_TIMEOUT.toMillis(),
                            client.config().requestTimeout().toMillis()),
                    TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            revoke.cancel(true);
            Thread.currentThread().interrupt();
            why = "interrupted while revoking the lease; the key goes when it expires (ttl " + Durations.format(ttl)
                    + ")";
        } catch (Exception e) {
            revoke.cancel(true);
            Throwable c = e.getCause() != null ? e.getCause() : e;
            why = "revoking the lease failed (" + oneLine(String.valueOf(c.getMessage()))
                    + "); the key goes when it expires (ttl " + Durations.format(ttl) + ")";
        }
        emit(RegistrationEvent.Type.DEREGISTERED, id, why);
    }

    // ---- on the loop thread ----------------------------------------------------------------------

    /** Registers when it should and is not; retries later on failure. */
    private void attempt() {
        synchronized (this) {
            if (stopped || keeper != null) {
                return;
            }
        }
        if (!healthy) {
            return;
        }
        try {
            registerOnce();
        } catch (EtcdException e) {
            scheduleRetry();
        } catch (RuntimeException e) {
            scheduleRetry();
        }
    }

    private void scheduleRetry() {
        if (retry != null) {
            retry.cancel(false);
        }
        long delay = retryMs;
        retryMs = Math.min(retryMs * 2, retryCapMs);
        try {
            retry = loop.schedule(this::attempt, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException ignored) {
            // closed
        }
    }

    /** grant, put, watch the key, keep the lease alive; on failure nothing is left behind. */
    private void registerOnce() {
        long id = client.grant(ttl).id();
        Watcher w = null;
        LeaseKeeper k = null;
        int g;
        synchronized (this) {
            g = gen + 1;
        }
        try {
            var put = client.put(keyBytes, value, PutOptions.builder().lease(id).build());
            long rev = put.header().revision();
            // the lease is kept alive first: setting up the watch may take a while (the first one
            // of the process makes its transport), and a short TTL must not run out meanwhile
            k = LeaseKeeper.start(client, id, new LeaseKeeper.Listener() {
                @Override
                public void lost(LeaseLost lost) {
                    post(() -> onLost(g, lost.id(), lost.message()));
                }
            });
            // from the put's revision on, so a deletion while the watch starts is not missed
            w = client.watcher(
                    keyBytes,
                    WatchOptions.builder().startRevision(rev + 1).noPut(true).build());
            w.start();
        } catch (RuntimeException e) {
            closeQuietly(k, w);
            revokeAsync(id);
            throw e;
        }
        boolean installed;
        synchronized (this) {
            installed = !stopped && gen + 1 == g;
            if (installed) {
                gen = g;
                keeper = k;
                keyWatch = w;
                lease = id;
            }
        }
        if (!installed) {
            closeQuietly(k, w);
            revokeAsync(id);
            return;
        }
        watchKey(w, g, id);
        if (retry != null) {
            retry.cancel(false);
            retry = null;
        }
        retryMs = FIRST_RETRY_MS;
        emit(everRegistered ? RegistrationEvent.Type.RE_REGISTERED : RegistrationEvent.Type.REGISTERED, id, null);
        everRegistered = true;
    }

    /** A thread that tells the loop when the key is deleted (by someone, or as its lease went). */
    private void watchKey(Watcher w, int g, long id) {
        Thread t = new Thread(
                () -> {
                    try {
                        while (true) {
                            WatchEvent e = w.poll(Duration.ofSeconds(5));
                            if (e == null) {
                                if (w.isClosed()) {
                                    return;
                                }
                            } else if (e.type() == WatchEvent.Type.DELETE) {
                                post(() ->
                                        onLost(g, id, "key " + key + " was deleted (by someone, or with its lease)"));
                                return;
                            }
                        }
                    } catch (EtcdException e) {
                        post(() -> onLost(g, id, "the watch of key " + key + " failed: " + e.getMessage()));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "gooetcd-registrar-watch");
        t.setDaemon(true);
        t.start();
    }

    /** The registration of generation {@code g} is lost: drop it, report, register again. */
    private void onLost(int g, long id, String reason) {
        LeaseKeeper k;
        Watcher w;
        synchronized (this) {
            if (stopped || g != gen || keeper == null) {
                return;
            }
            gen++;
            k = keeper;
            w = keyWatch;
            keeper = null;
            keyWatch = null;
            lease = 0;
        }
        closeQuietly(k, w);
        revokeAsync(id); // the key may be gone while the lease lives on
        emit(RegistrationEvent.Type.LEASE_LOST, id, reason);
        retryMs = FIRST_RETRY_MS;
        attempt();
    }

    /** The check passed (the first time, or after being unhealthy): register. */
    private void becameHealthy(boolean wasUnhealthy) {
        healthy = true;
        if (wasUnhealthy) {
            emit(RegistrationEvent.Type.HEALTHY, 0, null);
        }
        retryMs = FIRST_RETRY_MS;
        attempt();
    }

    /** N checks in a row failed: withdraw the key (revoke the lease) until the check passes again. */
    private void becameUnhealthy(int failedInARow, String failure) {
        healthy = false;
        if (retry != null) {
            retry.cancel(false);
            retry = null;
        }
        Taken t = take(false);
        if (t == null) {
            return;
        }
        closeQuietly(t.keeper(), t.watch());
        long id = t.lease();
        if (id != 0) {
            try {
                client.revoke(id);
            } catch (RuntimeException e) {
                // it expires by itself after its TTL
            }
        }
        emit(RegistrationEvent.Type.UNHEALTHY, id, failedInARow + " failed check(s) in a row: " + oneLine(failure));
    }

    // ---- plumbing --------------------------------------------------------------------------------

    /** The registration in force, taken over by one caller (its fields cleared). */
    private record Taken(LeaseKeeper keeper, Watcher watch, long lease) {}

    /**
     * Takes the registration in force and starts a new generation (so that the old one's callbacks
     * are ignored); with {@code stop}, stops the registrar too. Null when it was already stopped.
     */
    private synchronized Taken take(boolean stop) {
        if (stopped) {
            return null;
        }
        if (stop) {
            stopped = true;
        }
        gen++;
        Taken t = new Taken(keeper, keyWatch, lease);
        keeper = null;
        keyWatch = null;
        lease = 0;
        return t;
    }

    private void post(Runnable r) {
        try {
            loop.execute(r);
        } catch (RejectedExecutionException ignored) {
            // closed
        }
    }

    private void revokeAsync(long id) {
        try {
            client.revokeAsync(id).exceptionally(t -> null);
        } catch (RuntimeException ignored) {
            // it expires by itself
        }
    }

    private static void closeQuietly(LeaseKeeper k, Watcher w) {
        if (k != null) {
            k.close();
        }
        if (w != null) {
            w.close();
        }
    }

    private void emit(RegistrationEvent.Type type, long id, String reason) {
        try {
            listener.event(new RegistrationEvent(Instant.now(), type, service, addr, key, id, reason));
        } catch (RuntimeException ignored) {
            // a listener's failure must not stop the registrar
        }
    }

    private static ScheduledThreadPoolExecutor executor(String name) {
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        e.setRemoveOnCancelPolicy(true);
        return e;
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ').trim();
    }

    /** Hex of a lease ID, for messages. */
    static String hex(long id) {
        return LeaseIds.hex(id);
    }

    /** Options of a registrar; {@link #build()} checks them all (INVALID_INPUT) before anything is sent. */
    public static final class Builder {
        private final EtcdClient client;
        private final String service;
        private final String addr;
        private String prefix = ServiceKeys.DEFAULT_PREFIX;
        private Duration ttl = Duration.ofSeconds(10);
        private JsonNode metadata;
        private HealthCheck check;
        private Duration checkInterval = Duration.ofSeconds(5);
        private int checkFailures = 3;
        private Listener listener;

        private Builder(EtcdClient client, String service, String addr) {
            this.client = client;
            this.service = service;
            this.addr = addr;
        }

        public Builder prefix(String v) {
            prefix = v;
            return this;
        }

        public Builder ttl(Duration v) {
            ttl = v;
            return this;
        }

        /** Any JSON value; null for none ({@code "Metadata":null}). */
        public Builder metadata(JsonNode v) {
            metadata = v;
            return this;
        }

        public Builder healthCheck(HealthCheck v) {
            check = v;
            return this;
        }

        public Builder checkInterval(Duration v) {
            checkInterval = v;
            return this;
        }

        public Builder checkFailures(int v) {
            checkFailures = v;
            return this;
        }

        public Builder listener(Listener v) {
            listener = v;
            return this;
        }

        public ServiceRegistrar build() {
            return new ServiceRegistrar(this);
        }
    }
}
