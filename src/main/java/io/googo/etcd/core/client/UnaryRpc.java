package io.googo.etcd.core.client;

import com.google.protobuf.CodedInputStream;
import io.etcd.jetcd.api.ResponseHeader;
import io.googo.etcd.core.kv.Header;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A unary etcd method declared by hand, for {@link AuthRpc} and {@link LeaseRpc} (methods jetcd does
 * not offer) and {@link RawRpc} (responses kept as sent): the request is the message's bytes, written
 * by the caller; the response is read from protobuf's {@link CodedInputStream} by a parser of the
 * caller's, or left as its bytes ({@link #raw}).
 */
final class UnaryRpc {
    private UnaryRpc() {}

    /** Reads a response message; may throw on bytes that are not one. */
    @FunctionalInterface
    interface Parser<R> {
        R parse(CodedInputStream in) throws IOException;
    }

    /** A message as its encoded bytes, both ways. */
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

    /**
     * The client side of {@code service/name} with the response left as etcd sent it, unparsed (for
     * {@code -w protobuf}: {@link RawRpc}).
     */
    static MethodDescriptor<byte[], byte[]> raw(String service, String name) {
        return MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(service, name))
                .setRequestMarshaller(BYTES)
                .setResponseMarshaller(BYTES)
                .setSampledToLocalTracing(false)
                .build();
    }

    /**
     * The client side of {@code service/name}; a response that cannot be parsed fails the call with
     * INTERNAL "cannot parse {@code what}: …".
     */
    static <R> MethodDescriptor<byte[], R> method(String service, String name, String what, Parser<R> parser) {
        return MethodDescriptor.<byte[], R>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(service, name))
                .setRequestMarshaller(BYTES)
                .setResponseMarshaller(new MethodDescriptor.Marshaller<>() {
                    @Override
                    public InputStream stream(R value) {
                        throw new UnsupportedOperationException("client side only");
                    }

                    @Override
                    public R parse(InputStream stream) {
                        try {
                            return parser.parse(CodedInputStream.newInstance(stream));
                        } catch (IOException e) {
                            throw Status.INTERNAL
                                    .withDescription("cannot parse " + what + ": " + e.getMessage())
                                    .withCause(e)
                                    .asRuntimeException();
                        }
                    }
                })
                .setSampledToLocalTracing(false)
                .build();
    }

    /** The tag of a response's {@code ResponseHeader header = 1}. */
    static final int HEADER_TAG = (1 << 3) | 2;

    /** Reads the {@code ResponseHeader} at {@link #HEADER_TAG}. */
    static Header header(CodedInputStream in) throws IOException {
        ResponseHeader h = ResponseHeader.parseFrom(in.readBytes());
        return new Header(h.getClusterId(), h.getMemberId(), h.getRevision(), h.getRaftTerm());
    }
}
