package io.etcd.jetcd.impl;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.Lease;
import io.etcd.jetcd.api.LeaseGrpc;
import io.grpc.CallOptions;
import io.grpc.Channel;

/**
 * goo-etcd's one way into jetcd's internals: the gRPC channel and the call options (the auth
 * token credentials above all) that jetcd's own stubs use, for the few etcd RPCs jetcd does not
 * wrap ({@code Lease/LeaseLeases}) or wraps in a way we cannot bound ({@code LeaseKeepAlive} for a
 * single renewal with a deadline).
 *
 * <p>Why a class in jetcd's package, and not reflection or an auth of our own: jetcd keeps its
 * {@code ClientConnectionManager} package-private. This class lives in the same package (a split
 * package, which the class path allows: jetcd is not used as a named module and its jar is not
 * sealed; in the shaded jar both are simply in one jar) and calls the manager's
 * {@code newStub}, the very method jetcd builds its stubs with. So the calls carry the same auth
 * token (refreshed by jetcd when it expires, see {@link #refreshAuth}), go through the same
 * channel, load balancer, TLS set-up and interceptors as every other call, and we duplicate none
 * of that. Compared with reflection, a jetcd upgrade that renames these members breaks the
 * <em>build</em>, not a user's run, and GraalVM needs no reflection config. Performing etcd's
 * Authenticate ourselves would still need jetcd's channel, so it saves nothing.
 *
 * <p>Used by {@code io.googo.etcd.core.client} only. Nothing else may go here.
 */
public final class GooEtcdBridge {
    private GooEtcdBridge() {
    }

    /** The channel jetcd talks over, and the call options its stubs carry (auth, wait-for-ready). */
    public record Calls(Channel channel, CallOptions options) {
    }

    /**
     * The channel and call options of {@code client}, as jetcd's own stubs get them.
     *
     * @throws IllegalStateException when {@code client} is not jetcd's own implementation
     */
    public static Calls calls(Client client) {
        LeaseGrpc.LeaseStub stub = manager(client).newStub(LeaseGrpc::newStub);
        return new Calls(stub.getChannel(), stub.getCallOptions());
    }

    /** Forgets the cached auth token, so that the next call authenticates again (after "invalid auth token"). */
    public static void refreshAuth(Client client) {
        manager(client).authCredential().refresh();
    }

    private static ClientConnectionManager manager(Client client) {
        Lease lease = client.getLeaseClient();
        if (lease instanceof Impl impl) {
            return impl.connectionManager();
        }
        throw new IllegalStateException("not a jetcd client: " + client.getClass().getName());
    }
}
