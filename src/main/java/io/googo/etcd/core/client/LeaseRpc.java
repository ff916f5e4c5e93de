package io.googo.etcd.core.client;

import com.google.protobuf.CodedInputStream;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.api.LeaseGrpc;
import io.etcd.jetcd.support.Errors;
import io.googo.etcd.core.kv.Header;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Hand-made RPC plumbing shared by {@link DirectLease}, {@link AuthRpc} and {@link DirectTransport}:
 *
 * <ul>
 *   <li>{@code LeaseLeases} ({@code lease list}): jetcd 0.8.7 has no method for it and its generated
 *       classes lack the messages, so the method is declared here by hand from etcd's
 *       {@code rpc.proto}: the request {@code LeaseLeasesRequest} is empty; the response is
 *       {@code ResponseHeader header = 1; repeated LeaseStatus leases = 2;} with
 *       {@code LeaseStatus { int64 ID = 1; }}. It is parsed with protobuf's {@link CodedInputStream}.
 *   <li>{@link #first}: one request on a call, and its first reply (a unary reply, or the first on a
 *       stream: one {@code LeaseKeepAlive} renewal with a deadline).
 *   <li>{@link #withFreshToken}: a call on jetcd's own channel with its auth credentials (see
 *       {@link JetcdChannel}), made once more with a fresh token when the server says the token is
 *       invalid or old ({@link AuthRpc}'s calls).
 * </ul>
 */
final class LeaseRpc {
    /** What {@code LeaseLeases} returns. */
    record Leases(Header header, List<Long> ids) {}

    static final MethodDescriptor<byte[], Leases> LEASE_LEASES =
            UnaryRpc.method(LeaseGrpc.SERVICE_NAME, "LeaseLeases", "LeaseLeasesResponse", LeaseRpc::parseLeases);

    private LeaseRpc() {}

    static Leases parseLeases(CodedInputStream in) throws IOException {
        Header header = Header.EMPTY;
        List<Long> ids = new ArrayList<>();
        while (true) {
            int tag = in.readTag();
            if (tag == 0) {
                break;
            }
            switch (tag) {
                case UnaryRpc.HEADER_TAG -> header = UnaryRpc.header(in);
                case (2 << 3) | 2 -> {
                    int limit = in.pushLimit(in.readRawVarint32());
                    long id = 0;
                    while (true) {
                        int t = in.readTag();
                        if (t == 0) {
                            break;
                        }
                        if (t == (1 << 3)) {
                            id = in.readInt64();
                        } else if (!in.skipField(t)) {
                            break;
                        }
                    }
                    in.popLimit(limit);
                    ids.add(id);
                }
                default -> {
                    if (!in.skipField(tag)) {
                        return new Leases(header, List.copyOf(ids));
                    }
                }
            }
        }
        return new Leases(header, List.copyOf(ids));
    }

    /**
     * Makes {@code call} on jetcd's channel; when the server says the token is invalid or old, has jetcd
     * authenticate again and makes it once more. Canceling the result cancels the call under way.
     */
    static <R> CompletableFuture<R> withFreshToken(
            Client jetcd, JetcdChannel channel, Function<JetcdChannel.Calls, CompletableFuture<R>> call) {
        CompletableFuture<R> result = new CompletableFuture<>();
        attempt(channel.calls(jetcd), call, result, t -> {
            Status s = Status.fromThrowable(t);
            if (Errors.isInvalidTokenError(s) || Errors.isAuthStoreExpired(s)) {
                attempt(
                        channel.refresh(jetcd).thenCompose(r -> channel.calls(jetcd)),
                        call,
                        result,
                        result::completeExceptionally);
            } else {
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    private static <R> void attempt(
            CompletableFuture<JetcdChannel.Calls> calls,
            Function<JetcdChannel.Calls, CompletableFuture<R>> call,
            CompletableFuture<R> result,
            java.util.function.Consumer<Throwable> onFailure) {
        calls.whenComplete((c, ct) -> {
            if (result.isDone()) {
                return;
            }
            if (ct != null) {
                result.completeExceptionally(
                        ct instanceof java.util.concurrent.CompletionException && ct.getCause() != null
                                ? ct.getCause()
                                : ct);
                return;
            }
            CompletableFuture<R> f = call.apply(c);
            result.whenComplete((r, t) -> {
                if (result.isCancelled()) {
                    f.cancel(true);
                }
            });
            f.whenComplete((r, t) -> {
                if (t == null) {
                    result.complete(r);
                } else if (!result.isDone()) {
                    onFailure.accept(t);
                }
            });
        });
    }

    /**
     * Starts {@code call}, sends {@code request}, half-closes, and completes with the first message (a
     * unary reply, or the first reply on a stream). Canceling the future cancels the call.
     */
    static <Q, R> CompletableFuture<R> first(ClientCall<Q, R> call, Q request, Metadata headers) {
        CompletableFuture<R> f = new CompletableFuture<>();
        try {
            call.start(
                    new ClientCall.Listener<R>() {
                        @Override
                        public void onMessage(R message) {
                            f.complete(message);
                        }

                        @Override
                        public void onClose(Status status, Metadata trailers) {
                            if (status.isOk()) {
                                f.completeExceptionally(Status.INTERNAL
                                        .withDescription("the server closed the call without a reply")
                                        .asRuntimeException());
                            } else {
                                f.completeExceptionally(status.asRuntimeException(trailers));
                            }
                        }
                    },
                    headers);
            call.request(1);
            call.sendMessage(request);
            call.halfClose();
        } catch (RuntimeException e) {
            call.cancel("failed to start", e);
            f.completeExceptionally(e);
        }
        f.whenComplete((r, t) -> {
            if (f.isCancelled()) {
                call.cancel("canceled by the caller", null);
            }
        });
        return f;
    }
}
