package io.googo.etcd.core.client;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import io.etcd.jetcd.api.AuthGrpc;
import io.googo.etcd.core.kv.Header;
import io.grpc.CallOptions;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * The auth RPCs jetcd 0.8.7 does not offer, made on the client's channel with its credentials, as
 * {@code LeaseRpc} makes the lease ones: {@code UserAdd} with etcd's {@code UserAddOptions} (a user
 * without a password, and an empty password, which jetcd refuses), {@code AuthStatus} (etcd 3.5+),
 * and an {@code Authenticate} probe that tells whether auth is enabled on servers without
 * {@code AuthStatus}. The messages are written and read by hand from etcd's {@code rpc.proto}.
 * Requests are never logged: a password leaves this class only inside the request's bytes.
 */
public final class AuthRpc {
    /** What {@code AuthStatus} answers; {@code authRevision} is -1 when the server could not say. */
    public record Status(Header header, boolean enabled, long authRevision) {}

    private AuthRpc() {}

    private static <R> MethodDescriptor<byte[], R> method(String name, UnaryRpc.Parser<R> parser) {
        return UnaryRpc.method(AuthGrpc.SERVICE_NAME, name, "the auth response", parser);
    }

    private static final MethodDescriptor<byte[], Header> USER_ADD = method("UserAdd", AuthRpc::parseHeaderOnly);
    private static final MethodDescriptor<byte[], Status> AUTH_STATUS = method("AuthStatus", AuthRpc::parseStatus);
    private static final MethodDescriptor<byte[], Header> AUTHENTICATE =
            method("Authenticate", AuthRpc::parseHeaderOnly);

    /**
     * {@code UserAdd}: {@code name = 1; password = 2; options = 3 (UserAddOptions { no_password = 1 })}.
     *
     * @param client     the client whose channel and credentials carry the call
     * @param name       the new user's name
     * @param password   its password (may be empty); ignored when {@code noPassword}
     * @param noPassword a user who cannot log in with a password (TLS common name only)
     * @return the response header, when it completes
     */
    public static CompletableFuture<Header> userAdd(
            EtcdClient client, String name, String password, boolean noPassword) {
        byte[] request = message(out -> {
            out.writeString(1, name);
            if (!noPassword && !password.isEmpty()) {
                out.writeString(2, password);
            }
            if (noPassword) {
                byte[] options = message(o -> o.writeBool(1, true));
                out.writeByteArray(3, options);
            }
        });
        return call(client, USER_ADD, request, false);
    }

    /**
     * {@code AuthStatus} (etcd 3.5+); on an older server (UNIMPLEMENTED), an {@code Authenticate}
     * with an empty name tells whether auth is enabled ("authentication is not enabled" or
     * "authentication failed"), with no auth revision (-1).
     *
     * @param client the client whose channel and credentials carry the call
     * @return the status, when it completes
     */
    public static CompletableFuture<Status> authStatus(EtcdClient client) {
        CompletableFuture<Status> out = new CompletableFuture<>();
        call(client, AUTH_STATUS, new byte[0], false).whenComplete((s, t) -> {
            if (t == null) {
                out.complete(s);
                return;
            }
            if (Failures.status(t).getCode() != io.grpc.Status.Code.UNIMPLEMENTED) {
                out.completeExceptionally(t);
                return;
            }
            byte[] probe = message(o -> o.writeString(1, ""));
            call(client, AUTHENTICATE, probe, true).whenComplete((h, pt) -> {
                if (pt == null) {
                    out.complete(new Status(Header.EMPTY, true, -1)); // not to be expected: an empty name logged in
                    return;
                }
                String d = String.valueOf(Failures.status(pt).getDescription());
                if (d.contains("authentication is not enabled")) {
                    out.complete(new Status(Header.EMPTY, false, -1));
                } else if (d.contains("authentication failed")) {
                    out.complete(new Status(Header.EMPTY, true, -1));
                } else {
                    out.completeExceptionally(pt);
                }
            });
        });
        return out;
    }

    private static <R> CompletableFuture<R> call(
            EtcdClient client, MethodDescriptor<byte[], R> method, byte[] request, boolean anonymous) {
        return LeaseRpc.withFreshToken(
                client.jetcd(),
                client.channel(),
                calls -> LeaseRpc.first(
                        calls.channel().newCall(method, anonymous ? CallOptions.DEFAULT : calls.options()),
                        request,
                        new Metadata()));
    }

    @FunctionalInterface
    private interface Writer {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] message(Writer w) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            w.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Header parseHeaderOnly(CodedInputStream in) throws IOException {
        return parseStatus(in).header();
    }

    private static Status parseStatus(CodedInputStream in) throws IOException {
        Header header = Header.EMPTY;
        boolean enabled = false;
        long revision = 0;
        while (true) {
            int tag = in.readTag();
            if (tag == 0) {
                break;
            }
            switch (tag) {
                case UnaryRpc.HEADER_TAG -> header = UnaryRpc.header(in);
                case 2 << 3 -> enabled = in.readBool();
                case 3 << 3 -> revision = in.readUInt64();
                default -> {
                    if (!in.skipField(tag)) {
                        return new Status(header, enabled, revision);
                    }
                }
            }
        }
        return new Status(header, enabled, revision);
    }
}
