package io.googo.etcd.core.client;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.api.AuthGrpc;
import io.etcd.jetcd.options.LeaseOption;
import io.grpc.CallCredentials;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.util.concurrent.CompletableFuture;

/**
 * jetcd's gRPC channel and auth credentials as jetcd's own calls carry them, for the few RPCs we make
 * ourselves ({@link LeaseRpc}, {@link ProtoTxn}). Through public API only: this interceptor is the
 * outermost of the client's channel, so the channel beneath it is the one every jetcd call goes through
 * (with {@link CallOptionsInterceptor}'s deadline and limits, jetcd's headers, load balancer and TLS),
 * and the call options of a jetcd call hold jetcd's auth credentials. Both are taken from the first
 * call that shows them (with a user name: the first that carries credentials, so not jetcd's own
 * Authenticate); before any, {@link #calls} makes a cheap jetcd call (a TimeToLive of lease 0, which
 * etcd answers with TTL -1).
 *
 * <p>The token: the credentials are jetcd's own object, so they hold the token jetcd holds. When the
 * server says it is invalid or old, {@link #refresh} makes a jetcd call: jetcd's retry of it
 * authenticates again, and our next call carries the new token. (This replaces a class that lived in
 * jetcd's package to reach its package-private connection manager, which split the package and
 * broke the module path.)
 */
final class JetcdChannel implements ClientInterceptor {
    private static final String AUTHENTICATE = AuthGrpc.getAuthenticateMethod().getFullMethodName();

    /** The channel and the options (credentials) our calls use. */
    record Calls(Channel channel, CallOptions options) {}

    private final boolean auth;
    private volatile Calls calls;

    JetcdChannel(boolean auth) {
        this.auth = auth;
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        if (calls == null
                && !method.getFullMethodName().equals(AUTHENTICATE)
                && (!auth || options.getCredentials() != null)) {
            CallCredentials c = options.getCredentials();
            calls = new Calls(next, c == null ? CallOptions.DEFAULT : CallOptions.DEFAULT.withCallCredentials(c));
        }
        return next.newCall(method, options);
    }

    /** The channel and options, at once when a jetcd call has shown them, else after a cheap one. */
    CompletableFuture<Calls> calls(Client jetcd) {
        Calls c = calls;
        if (c != null) {
            return CompletableFuture.completedFuture(c);
        }
        return jetcd.getLeaseClient().timeToLive(0, LeaseOption.DEFAULT).thenApply(r -> {
            Calls now = calls;
            if (now == null) {
                throw Status.INTERNAL
                        .withDescription("jetcd's channel was not seen on its own call")
                        .asRuntimeException();
            }
            return now;
        });
    }

    /** After "invalid auth token": a jetcd call, whose retry makes jetcd (and so us) authenticate again. */
    CompletableFuture<?> refresh(Client jetcd) {
        return jetcd.getLeaseClient().timeToLive(0, LeaseOption.DEFAULT);
    }
}
