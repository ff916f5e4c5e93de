package io.googo.etcd.core.client;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Puts the profile's per-call settings on every gRPC call jetcd makes: a deadline on each
 * unary call (jetcd sets none, so without this a request to a hung server waits forever),
 * the outbound message size limit and gzip compression. Streaming calls (watch, lease
 * keep-alive) get no deadline: they are meant to live long.
 *
 * <p>Compression compresses requests (answers are negotiated by gRPC either way). A server without
 * gzip (etcd 3.4 has none) refuses every compressed request with "Decompressor is not installed for
 * grpc-encoding gzip"; that answer is turned into one that says which setting to change.
 */
final class CallOptionsInterceptor implements ClientInterceptor {
    static final String NO_GZIP = "compression is on but the server does not accept gzip-compressed requests"
            + " (etcd 3.4 does not): turn compression off";

    private final long deadlineNanos;
    private final int maxOutbound;
    private final boolean gzip;

    CallOptionsInterceptor(Duration requestTimeout, int maxOutbound, boolean gzip) {
        this.deadlineNanos = requestTimeout.toNanos();
        this.maxOutbound = maxOutbound;
        this.gzip = gzip;
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        CallOptions o = options.withMaxOutboundMessageSize(maxOutbound);
        if (method.getType() == MethodDescriptor.MethodType.UNARY && o.getDeadline() == null) {
            o = o.withDeadlineAfter(deadlineNanos, TimeUnit.NANOSECONDS);
        }
        if (!gzip) {
            return next.newCall(method, o);
        }
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, o.withCompression("gzip"))) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                    @Override
                    public void onClose(Status status, Metadata trailers) {
                        String d = status.getDescription();
                        if (d != null && d.contains("Decompressor is not installed")) {
                            status = Status.UNIMPLEMENTED.withDescription(NO_GZIP);
                        }
                        super.onClose(status, trailers);
                    }
                }, headers);
            }
        };
    }
}
