package io.googo.etcd.core.client;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Puts the profile's per-call settings on every gRPC call jetcd makes: a deadline on each
 * unary call (jetcd sets none, so without this a request to a hung server waits forever),
 * the outbound message size limit and gzip compression. Streaming calls (watch, lease
 * keep-alive) get no deadline: they are meant to live long.
 */
final class CallOptionsInterceptor implements ClientInterceptor {
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
        if (gzip) {
            o = o.withCompression("gzip");
        }
        return next.newCall(method, o);
    }
}
