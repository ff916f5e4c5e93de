package io.googo.etcd.core.client;

import io.etcd.jetcd.api.ClusterGrpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import java.util.concurrent.CompletableFuture;

/**
 * Unary calls whose response is wanted as etcd sent it, for {@code -w protobuf}: the reply's bytes
 * are not parsed at all. Made on the client's channel with its credentials, as {@link LeaseRpc}
 * makes its calls (a token the server no longer knows is renewed once).
 */
public final class RawRpc {
    private RawRpc() {}

    private static final MethodDescriptor<byte[], byte[]> MEMBER_LIST =
            UnaryRpc.raw(ClusterGrpc.SERVICE_NAME, "MemberList");

    /**
     * {@code Cluster.MemberList} with an empty request, as etcdctl 3.4 sends it; unbounded here: run
     * it through {@link EtcdClient#call} for the deadline and the error mapping.
     *
     * @param client the client whose channel and credentials carry the call
     * @return the encoded {@code etcdserverpb.MemberListResponse}, when it completes
     */
    public static CompletableFuture<byte[]> memberList(EtcdClient client) {
        return LeaseRpc.withFreshToken(
                client.jetcd(),
                client.channel(),
                calls -> LeaseRpc.first(
                        calls.channel().newCall(MEMBER_LIST, calls.options()), new byte[0], new Metadata()));
    }
}
