package io.googo.etcd.core.client;

import io.etcd.jetcd.api.ClusterGrpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;

/**
 * Unary calls whose response is wanted as etcd sent it, for {@code -w protobuf}: the reply's bytes
 * are not parsed at all. Made on the client's channel with its credentials, as {@link LeaseRpc}
 * makes its calls (a token the server no longer knows is renewed once).
 */
public final class RawRpc {
    private RawRpc() {}

    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw Status.INTERNAL
                        .withDescription("cannot read the response: " + e.getMessage())
                        .withCause(e)
                        .asRuntimeException();
            }
        }
    };

    private static final MethodDescriptor<byte[], byte[]> MEMBER_LIST = MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(MethodDescriptor.generateFullMethodName(ClusterGrpc.SERVICE_NAME, "MemberList"))
            .setRequestMarshaller(BYTES)
            .setResponseMarshaller(BYTES)
            .setSampledToLocalTracing(false)
            .build();

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
