package io.googo.etcd.core.client;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.ClientBuilder;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.Txn;
import io.etcd.jetcd.api.AuthGrpc;
import io.etcd.jetcd.api.AuthenticateRequest;
import io.etcd.jetcd.api.CompactionRequest;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.TxnRequest;
import io.etcd.jetcd.kv.CompactResponse;
import io.etcd.jetcd.kv.DeleteResponse;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.PutResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.TxnImpl;
import io.etcd.jetcd.options.CompactOption;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.TxnOption;
import io.etcd.jetcd.support.Errors;
import io.etcd.jetcd.support.Requests;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.netty.NegotiationType;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The client's key-value transport: jetcd's generated protocol stubs ({@link KVGrpc},
 * {@link AuthGrpc}) on a plain grpc-java Netty channel, one event-loop thread for every client of
 * the process, callbacks run on that thread (a direct executor). No Vert.x, no jetcd {@code Client}:
 * a one-shot command (get, put, del, txn) starts in about half the time without them.
 *
 * <p>Everything else is shared with the jetcd client of the same {@link EtcdClient} (which carries
 * watches, leases, locks and cluster calls): the channel is configured from the very
 * {@link ClientBuilder} jetcd is built from (endpoints and their name resolver, several endpoints
 * with pick-first failover, TLS and mTLS from {@link TlsContexts}, authority, dial timeout, message
 * size, keep-alive), the same {@link CallOptionsInterceptor} (deadline, request-size check), and
 * failures go through {@link Failures} in {@link EtcdClient#call}. Requests and responses are
 * jetcd's own ({@link Requests}, {@link GetResponse}...), namespace included. Auth works as jetcd's:
 * an {@code Authenticate} before the first call, the token in the {@code token} header, and on an
 * invalid or old token a new one and the call once more; retries as jetcd's (at most two, 100 ms
 * doubling to 1 s, within the request timeout; "unavailable" only for reads and compaction).
 */
final class DirectTransport {
    private static final Metadata.Key<String> TOKEN = Metadata.Key.of("token", Metadata.ASCII_STRING_MARSHALLER);
    private static final int MAX_RETRIES = 2;

    private static EventLoopGroup loop;

    private final ManagedChannel channel;
    private final EventLoopGroup group;
    private final ByteSequence ns;
    private final ByteString user;
    private final ByteString password;
    private final long retryMaxNanos;
    private final Kv kv = new Kv();
    private volatile CompletableFuture<Metadata> token;

    DirectTransport(ClientBuilder b, CallOptionsInterceptor limits, Duration retryMax) {
        this.group = loop();
        NettyChannelBuilder nb = NettyChannelBuilder.forTarget(b.target())
                .eventLoopGroup(group)
                .channelType(NioSocketChannel.class)
                .directExecutor()
                .defaultLoadBalancingPolicy(b.loadBalancerPolicy() != null ? b.loadBalancerPolicy() : "pick_first")
                .intercept(limits);
        if (b.authority() != null) {
            nb.overrideAuthority(b.authority());
        }
        if (b.maxInboundMessageSize() != null) {
            nb.maxInboundMessageSize(b.maxInboundMessageSize());
        }
        if (b.sslContext() != null) {
            nb.negotiationType(NegotiationType.TLS).sslContext(b.sslContext());
        } else {
            nb.negotiationType(NegotiationType.PLAINTEXT);
        }
        if (b.keepaliveTime() != null) {
            nb.keepAliveTime(b.keepaliveTime().toMillis(), TimeUnit.MILLISECONDS);
        }
        if (b.keepaliveTimeout() != null) {
            nb.keepAliveTimeout(b.keepaliveTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        if (b.connectTimeout() != null) {
            nb.withOption(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                    b.connectTimeout().toMillis());
        }
        this.channel = nb.build();
        this.ns = b.namespace() == null ? ByteSequence.EMPTY : b.namespace();
        boolean auth = b.user() != null && b.password() != null;
        this.user = auth ? ByteString.copyFrom(b.user().getBytes()) : null;
        this.password = auth ? ByteString.copyFrom(b.password().getBytes()) : null;
        this.retryMaxNanos = retryMax.toNanos();
    }

    /**
     * The process's one event loop for these channels (a daemon thread), made on first use. Its
     * name starts with {@code grpc-}: {@link ConnectPhase} counts the run-queue delay of such
     * threads as starvation, not as the server's time.
     */
    private static synchronized EventLoopGroup loop() {
        if (loop == null || loop.isShuttingDown()) {
            loop = new NioEventLoopGroup(1, new DefaultThreadFactory("grpc-kv", true));
        }
        return loop;
    }

    /**
     * Stops the event loop and waits at most {@code timeout} for its thread to end (for a process
     * about to exit); the next client starts a new one.
     */
    static void stop(Duration timeout) {
        EventLoopGroup g;
        synchronized (DirectTransport.class) {
            g = loop;
            loop = null;
        }
        if (g == null) {
            return;
        }
        try {
            g.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    ManagedChannel channel() {
        return channel;
    }

    KV kv() {
        return kv;
    }

    /** Sends a transaction of etcd's own messages (keys already under the namespace). */
    CompletableFuture<io.etcd.jetcd.api.TxnResponse> txn(TxnRequest request, boolean safe) {
        return execute(KVGrpc.getTxnMethod(), request, safe);
    }

    void close() {
        channel.shutdownNow();
    }

    /** The namespace keys are put under (empty for none). */
    ByteSequence namespace() {
        return ns;
    }

    /**
     * A unary call of another etcd service on this channel ({@link DirectLease}): the token and the
     * retries of a key-value call ({@code safe}: retried on "unavailable" too).
     */
    <Q, R> CompletableFuture<R> unary(MethodDescriptor<Q, R> method, Q request, boolean safe) {
        return execute(method, request, safe);
    }

    /**
     * The headers for a call made outside {@link #unary} (a stream), a copy of its own: with a user,
     * the auth token, authenticating first when there is none.
     */
    CompletableFuture<Metadata> callHeaders() {
        return headers().thenApply(DirectTransport::copy);
    }

    private static Metadata copy(Metadata h) {
        Metadata m = new Metadata();
        m.merge(h);
        return m;
    }

    /** The server said the token is invalid or old: the next call authenticates again. */
    void tokenRefused() {
        token = null;
    }

    private <Q, R> CompletableFuture<R> execute(MethodDescriptor<Q, R> method, Q request, boolean safe) {
        Predicate<Status> retryable = safe ? Errors::isRetryableForSafeRedoOp : Errors::isRetryableForNoSafeRedoOp;
        Attempts<Q, R> a = new Attempts<>(method, request, retryable);
        a.next(0, 100);
        return a.result;
    }

    /** One request and its retries; canceling {@link #result} cancels the call under way. */
    private final class Attempts<Q, R> {
        final MethodDescriptor<Q, R> method;
        final Q request;
        final Predicate<Status> retryable;
        final long start = System.nanoTime();
        final CompletableFuture<R> result = new CompletableFuture<>();
        volatile CompletableFuture<R> current;

        Attempts(MethodDescriptor<Q, R> method, Q request, Predicate<Status> retryable) {
            this.method = method;
            this.request = request;
            this.retryable = retryable;
            result.whenComplete((r, t) -> {
                CompletableFuture<R> c = current;
                if (result.isCancelled() && c != null) {
                    c.cancel(true);
                }
            });
        }

        void next(int n, long delayMs) {
            if (result.isDone()) {
                return;
            }
            // a copy per call: grpc-java writes into the headers a call starts with, and the
            // token's headers are shared by every call of this transport
            callHeaders()
                    .thenCompose(h -> {
                        CompletableFuture<R> f =
                                LeaseRpc.first(channel.newCall(method, CallOptions.DEFAULT), request, h);
                        current = f;
                        if (result.isCancelled()) {
                            f.cancel(true);
                        }
                        return f;
                    })
                    .whenComplete((r, t) -> {
                        if (t == null) {
                            result.complete(r);
                            return;
                        }
                        Throwable c = Failures.unwrap(t);
                        Status s = Status.fromThrowable(c);
                        boolean badToken = Errors.isInvalidTokenError(s) || Errors.isAuthStoreExpired(s);
                        if (badToken) {
                            token = null;
                        }
                        long elapsed = System.nanoTime() - start;
                        if (n < MAX_RETRIES
                                && !result.isDone()
                                && (badToken || retryable.test(s))
                                && elapsed + TimeUnit.MILLISECONDS.toNanos(delayMs) < retryMaxNanos
                                && !group.isShuttingDown()) {
                            group.schedule(
                                    () -> next(n + 1, Math.min(delayMs * 2, 1000)), delayMs, TimeUnit.MILLISECONDS);
                        } else {
                            result.completeExceptionally(c);
                        }
                    });
        }
    }

    /** The headers of a call: with a user, the auth token (authenticating first when there is none). */
    CompletableFuture<Metadata> headers() {
        if (user == null) {
            return CompletableFuture.completedFuture(new Metadata());
        }
        CompletableFuture<Metadata> t = token;
        if (t == null || t.isCompletedExceptionally() || t.isCancelled()) {
            t = authenticate();
            token = t;
        }
        return t;
    }

    private CompletableFuture<Metadata> authenticate() {
        AuthenticateRequest r = AuthenticateRequest.newBuilder()
                .setNameBytes(user)
                .setPasswordBytes(password)
                .build();
        return LeaseRpc.first(channel.newCall(AuthGrpc.getAuthenticateMethod(), CallOptions.DEFAULT), r, new Metadata())
                .handle((resp, t) -> {
                    if (t != null) {
                        Throwable c = Failures.unwrap(t);
                        Status.Code code = Status.fromThrowable(c).getCode();
                        if (code == Status.Code.UNAVAILABLE
                                || code == Status.Code.DEADLINE_EXCEEDED
                                || code == Status.Code.CANCELLED) {
                            throw Status.fromThrowable(c).asRuntimeException(); // no answer: not an auth failure
                        }
                        // as jetcd's credentials fail a call whose Authenticate was refused
                        throw Status.UNAUTHENTICATED.withCause(c).asRuntimeException();
                    }
                    Metadata m = new Metadata();
                    m.put(TOKEN, resp.getToken());
                    return m;
                });
    }

    /** {@code f} mapped by {@code fn}; canceling the result cancels {@code f}. */
    static <A, B> CompletableFuture<B> map(CompletableFuture<A> f, Function<A, B> fn) {
        CompletableFuture<B> out = f.thenApply(fn);
        out.whenComplete((r, t) -> {
            if (out.isCancelled()) {
                f.cancel(true);
            }
        });
        return out;
    }

    /** jetcd's {@link KV} on this transport: jetcd's requests and responses, namespace included. */
    private final class Kv implements KV {
        @Override
        public CompletableFuture<PutResponse> put(ByteSequence key, ByteSequence value) {
            return put(key, value, PutOption.DEFAULT);
        }

        @Override
        public CompletableFuture<PutResponse> put(ByteSequence key, ByteSequence value, PutOption option) {
            return map(
                    execute(
                            KVGrpc.getPutMethod(),
                            Requests.mapPutRequest(key, value, option, ns),
                            option.isAutoRetry()),
                    r -> new RawMessages.Put(r, ns));
        }

        @Override
        public CompletableFuture<GetResponse> get(ByteSequence key) {
            return get(key, GetOption.DEFAULT);
        }

        @Override
        public CompletableFuture<GetResponse> get(ByteSequence key, GetOption option) {
            return map(
                    execute(KVGrpc.getRangeMethod(), Requests.mapRangeRequest(key, option, ns), true),
                    r -> new RawMessages.Get(r, ns));
        }

        @Override
        public CompletableFuture<DeleteResponse> delete(ByteSequence key) {
            return delete(key, DeleteOption.DEFAULT);
        }

        @Override
        public CompletableFuture<DeleteResponse> delete(ByteSequence key, DeleteOption option) {
            return map(
                    execute(
                            KVGrpc.getDeleteRangeMethod(),
                            Requests.mapDeleteRequest(key, option, ns),
                            option.isAutoRetry()),
                    r -> new RawMessages.Delete(r, ns));
        }

        @Override
        public CompletableFuture<CompactResponse> compact(long rev) {
            return compact(rev, CompactOption.DEFAULT);
        }

        @Override
        public CompletableFuture<CompactResponse> compact(long rev, CompactOption option) {
            CompactionRequest r = CompactionRequest.newBuilder()
                    .setRevision(rev)
                    .setPhysical(option.isPhysical())
                    .build();
            return map(execute(KVGrpc.getCompactMethod(), r, true), CompactResponse::new);
        }

        @Override
        public Txn txn() {
            return txn(TxnOption.DEFAULT);
        }

        @Override
        public Txn txn(TxnOption option) {
            return TxnImpl.newTxn(
                    request ->
                            map(DirectTransport.this.txn(request, option.isAutoRetry()), r -> new TxnResponse(r, ns)),
                    ns);
        }

        @Override
        public void close() {}
    }
}
