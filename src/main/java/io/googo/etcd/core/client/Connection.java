package io.googo.etcd.core.client;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.config.EtcdConfig;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The connection and call machinery of one {@link EtcdClient}: the jetcd {@link ClientBuilder} both
 * transports are made from, the jetcd {@link Client} and the {@link DirectTransport} (each made on first
 * use), the bounded calls with their connect phase and retries before the first answer, auto-sync, and
 * close. {@link EtcdClient} is the library's API over it. Thread-safe.
 */
final class Connection {
    private static final long GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    /** The client this is the connection of: errors and the connect phase name it. */
    private final EtcdClient client;

    private final String name;
    private final EtcdConfig config;
    private final ClientBuilder builder;
    private final CallOptionsInterceptor limits;
    private volatile Client jetcd;
    private volatile DirectTransport direct;
    private final JetcdChannel channel;
    private final SyncedEndpoints synced;
    private final EndpointSync sync;
    private final ConnectPhase connectPhase;
    private volatile io.grpc.ManagedChannel managed;
    /** jetcd's channel has had an answer. */
    private volatile boolean connected;
    /** The key-value transport's channel has had an answer. */
    private volatile boolean kvConnected;

    private volatile boolean closed;

    Connection(EtcdClient client, String name, EtcdConfig config) {
        this.client = client;
        this.name = name;
        this.config = config;
        boolean autoSync = !config.autoSyncInterval().isZero();
        this.synced = autoSync
                ? SyncedEndpoints.create(config.endpoints(), config.tls().serverName() == null)
                : null;
        this.channel = new JetcdChannel(config.username() != null);
        this.limits =
                new CallOptionsInterceptor(config.requestTimeout(), config.maxSendMessageSize(), config.compression());
        try {
            // one builder for both transports (see DirectTransport): endpoints, TLS, auth, limits
            ClientBuilder b = builder(config, channel, limits);
            if (synced != null) {
                b.target(synced.target());
            }
            this.builder = b;
        } catch (RuntimeException e) {
            if (synced != null) {
                synced.close();
            }
            throw e;
        }
        this.sync = autoSync ? new EndpointSync(client, synced, config.autoSyncInterval()) : null;
        this.connectPhase = new ConnectPhase();
        if (config.grpcDebugLog()) {
            GrpcDebugLog.acquire();
        }
    }

    private static ClientBuilder builder(EtcdConfig c, JetcdChannel channel, CallOptionsInterceptor limits) {
        ClientBuilder b = Client.builder()
                .waitForReady(false)
                .connectTimeout(c.dialTimeout())
                .keepaliveTime(c.keepaliveTime())
                .keepaliveTimeout(c.keepaliveTimeout())
                .retryDelay(100)
                .retryMaxDelay(1000)
                // Failsafe wants more than the retry delay; our own deadlines bound every call anyway
                .retryMaxDuration(retryMax(c))
                .maxInboundMessageSize(c.maxReceiveMessageSize())
                // the last interceptor runs first: JetcdChannel sees the channel with the call options below it
                .interceptor(limits, channel);
        if (c.tls().serverName() != null) {
            b.authority(c.tls().serverName());
        }
        b.endpoints(c.endpoints().stream().map(e -> java.net.URI.create(e)).toArray(java.net.URI[]::new));
        if (c.namespace() != null) {
            b.namespace(EtcdClient.bytes(c.namespace()));
        }
        if (c.username() != null) {
            b.user(EtcdClient.bytes(c.username()));
            b.password(EtcdClient.bytes(c.password() == null ? "" : c.password()));
        }
        if (c.usesTls()) {
            try {
                b.sslContext(ssl -> TlsContexts.configure(ssl, c.tls()));
            } catch (javax.net.ssl.SSLException e) {
                throw EtcdException.invalid(
                        "tls: cannot set up TLS: " + Failures.oneLine(String.valueOf(e.getMessage())));
            }
        }
        return b;
    }

    /** See {@link EtcdClient#endpoints()}. */
    List<String> endpoints() {
        return synced != null ? synced.endpoints() : config.endpoints();
    }

    /** See {@link EtcdClient#syncEndpoints()}. */
    List<String> syncEndpoints() {
        if (sync == null) {
            throw EtcdException.unsupported(
                    "auto-sync is off for client '" + name + "': set auto-sync-interval above 0s in the profile");
        }
        return sync.sync();
    }

    /** See {@link EtcdClient#failure(String, Throwable)}. */
    EtcdException failure(String what, Throwable t) {
        return Failures.map(
                t, what, client, connected || kvConnected); // either channel's answer: the cluster was reached
    }

    JetcdChannel channel() {
        return channel;
    }

    /** See {@link EtcdClient#jetcd()}. */
    Client jetcd() {
        Client j = jetcd;
        if (j == null) {
            synchronized (this) {
                j = jetcd;
                if (j == null) {
                    j = builder.vertx(SharedVertx.get()).build();
                    jetcd = j;
                }
            }
        }
        return j;
    }

    /** The direct transport (made on first use); see {@link DirectTransport}. */
    DirectTransport direct() {
        DirectTransport d = direct;
        if (d == null) {
            synchronized (this) {
                d = direct;
                if (d == null) {
                    d = new DirectTransport(builder, limits, retryMax(config));
                    direct = d;
                }
            }
        }
        return d;
    }

    private static Duration retryMax(EtcdConfig c) {
        return c.requestTimeout().compareTo(Duration.ofMillis(200)) < 0 ? Duration.ofMillis(200) : c.requestTimeout();
    }

    private boolean connected(boolean kv) {
        return kv ? kvConnected : connected;
    }

    private void reached(boolean kv) {
        if (kv) {
            kvConnected = true;
        } else {
            connected = true;
        }
    }

    /**
     * {@link EtcdClient#call} ({@code kv} false: jetcd's channel) or {@link EtcdClient#callKv} ({@code kv}
     * true: the key-value transport's channel).
     */
    <T> T call(String what, Supplier<CompletableFuture<T>> op, boolean kv) {
        if (closed) {
            throw new EtcdException(ErrorKind.INTERRUPTED, what + ": client '" + name + "' is closed");
        }
        // the transport is made before the clock starts (its classes load on this thread)
        if (kv) {
            direct();
        } else {
            jetcd();
        }
        long start = System.nanoTime();
        long dialDeadline = start + config.dialTimeout().toNanos();
        long backoffMs = 50;
        while (true) {
            boolean wasConnected = connected(kv);
            // before the first answer: wait for the connection first, so that the request's deadline
            // is the request's (the wait is bounded and says what it waited for: ConnectPhase)
            boolean ready = !wasConnected && awaitReady(start, what, kv);
            long budget = config.requestTimeout().toNanos()
                    + (wasConnected ? 0 : config.dialTimeout().toNanos());
            CompletableFuture<T> f = op.get();
            try {
                T result = await(f, budget + GRACE_NANOS, what, wasConnected || ready);
                reached(kv);
                return result;
            } catch (EtcdException e) {
                throw e; // interrupted, or out of time
            } catch (ExecutionException | RuntimeException e) {
                if (Failures.tooLarge(e) != null) {
                    throw Failures.map(
                            e, what, client, wasConnected); // refused before sending: says nothing of the connection
                }
                Status.Code code = Failures.status(e).getCode();
                if (!wasConnected
                        && code == Status.Code.UNAVAILABLE
                        && System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoffMs) < dialDeadline) {
                    sleep(backoffMs, what);
                    backoffMs = Math.min(backoffMs * 2, 500);
                    continue;
                }
                if (code != Status.Code.UNAVAILABLE && code != Status.Code.DEADLINE_EXCEEDED) {
                    reached(kv);
                }
                throw Failures.map(e, what, client, wasConnected || ready);
            }
        }
    }

    /**
     * Waits until the connection is up (see {@link ConnectPhase}), or has failed; returns whether
     * it is up.
     */
    private boolean awaitReady(long start, String what, boolean kv) {
        if (kv) {
            return connectPhase.awaitReady(direct().channel(), start, client, what);
        }
        io.grpc.ManagedChannel ch = managed;
        if (ch == null) {
            ch = JetcdInternals.managedChannel(jetcd());
            if (ch == null) {
                return false; // not to be had: the request's own deadline bounds the wait, as before
            }
            managed = ch;
        }
        return connectPhase.awaitReady(ch, start, client, what);
    }

    /** See {@link EtcdClient#connect()}. */
    void connect() {
        if (!connected && !closed) {
            jetcd();
            awaitReady(System.nanoTime(), "connect", false);
        }
    }

    /**
     * Waits up to {@code nanos} for {@code f}. An interrupt, or the time running out, cancels the
     * request and becomes the {@link EtcdException} every call throws for it; a failed request is
     * left to the caller as the {@link ExecutionException}.
     */
    private <T> T await(CompletableFuture<T> f, long nanos, String what, boolean wasConnected)
            throws ExecutionException {
        try {
            return f.get(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new EtcdException(ErrorKind.INTERRUPTED, what + ": interrupted", e);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw Failures.map(Status.DEADLINE_EXCEEDED.asRuntimeException(), what, client, wasConnected);
        }
    }

    /** {@link EtcdClient#begin} or {@link EtcdClient#beginKv}, as {@link #call} is either. */
    <T> EtcdClient.Pending<T> begin(String what, Supplier<CompletableFuture<T>> op, boolean kv) {
        if (closed || !connected(kv)) {
            return new EtcdClient.Pending<>() {
                @Override
                public T get() {
                    return call(what, op, kv);
                }

                @Override
                public void cancel() {}
            };
        }
        long deadline = System.nanoTime() + config.requestTimeout().toNanos() + GRACE_NANOS;
        CompletableFuture<T> f = op.get();
        return new EtcdClient.Pending<>() {
            @Override
            public T get() {
                try {
                    return await(f, Math.max(0, deadline - System.nanoTime()), what, true);
                } catch (EtcdException e) {
                    throw e;
                } catch (ExecutionException | RuntimeException e) {
                    throw Failures.map(e, what, client, true);
                }
            }

            @Override
            public void cancel() {
                f.cancel(true);
            }
        };
    }

    private static void sleep(long ms, String what) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EtcdException(ErrorKind.INTERRUPTED, what + ": interrupted", e);
        }
    }

    /**
     * Starts one operation on the key-value transport without waiting (the lease calls' async
     * variants): fails at once when closed; otherwise {@code op}'s failure mapped as {@link #call}
     * maps it, and canceling the result cancels the operation.
     */
    <T> CompletableFuture<T> startKv(String what, Supplier<CompletableFuture<T>> op) {
        if (closed) {
            return CompletableFuture.failedFuture(
                    new EtcdException(ErrorKind.INTERRUPTED, what + ": client '" + name + "' is closed"));
        }
        boolean wasConnected = kvConnected;
        return async(op.get(), what, wasConnected);
    }

    /** {@code call}'s failure mapped as {@link #call} maps it; canceling the result cancels {@code call}. */
    private <T> CompletableFuture<T> async(CompletableFuture<T> call, String what, boolean wasConnected) {
        CompletableFuture<T> result = call.handle((r, t) -> {
            if (t != null) {
                throw Failures.map(t, what, client, wasConnected);
            }
            kvConnected = true;
            return r;
        });
        result.whenComplete((r, t) -> {
            if (result.isCancelled()) {
                call.cancel(true);
            }
        });
        return result;
    }

    /** Whether this client has made its jetcd {@code Client} (and so uses Vert.x); for tests. */
    boolean hasJetcd() {
        return jetcd != null;
    }

    /** See {@link EtcdClient#close()}. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (sync != null) {
                sync.close();
            }
        } finally {
            // the shared event loops stay (see SharedVertx, DirectTransport): idle, on daemon threads
            try {
                DirectTransport d;
                Client j;
                synchronized (this) {
                    d = direct;
                    j = jetcd;
                }
                try {
                    if (d != null) {
                        d.close();
                    }
                } finally {
                    if (j != null) {
                        j.close();
                    }
                }
            } finally {
                if (config.grpcDebugLog()) {
                    GrpcDebugLog.release();
                }
            }
        }
    }

    /** See {@link EtcdClient#stopSharedEventLoop()}. */
    static void stopSharedEventLoop() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        SharedVertx.stop(Duration.ofSeconds(1));
        DirectTransport.stop(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
    }
}
