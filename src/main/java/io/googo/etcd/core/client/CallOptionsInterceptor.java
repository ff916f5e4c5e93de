package io.googo.etcd.core.client;

import com.google.protobuf.MessageLite;
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
 * <p>A request whose serialized size is over the max send size is not sent at all: the call is
 * cancelled with a {@link RequestTooLargeException} as the cause, which {@link Failures} turns
 * into invalid input naming both sizes. (gRPC would refuse it too, but only from inside the
 * transport, where the failure comes back as a stack trace on the event loop and a call that
 * never ends.) With gzip on, the limit applies to the compressed message, so gRPC checks it.
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
        if (gzip) {
            return new NoGzipExplained<>(next.newCall(method, o.withCompression("gzip")));
        }
        return new SizeChecked<>(next.newCall(method, o), maxOutbound);
    }

    /** Refuses, before it is sent, a message over the max send size. */
    static final class SizeChecked<Q, R> extends ForwardingClientCall.SimpleForwardingClientCall<Q, R> {
        private final int max;
        private boolean refused;

        SizeChecked(ClientCall<Q, R> call, int max) {
            super(call);
            this.max = max;
        }

        @Override
        public void sendMessage(Q message) {
            if (refused) {
                return;
            }
            if (message instanceof MessageLite m) {
                int size = m.getSerializedSize();
                if (size > max) {
                    refused = true;
                    RequestTooLargeException e = new RequestTooLargeException(size, max);
                    delegate().cancel(e.getMessage(), e);
                    return;
                }
            }
            super.sendMessage(message);
        }

        @Override
        public void halfClose() {
            if (!refused) {
                super.halfClose();
            }
        }
    }

    /** A request over the max send size; carried as the cause of the cancelled call. */
    static final class RequestTooLargeException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int size;
        final int max;

        RequestTooLargeException(int size, int max) {
            super("the request is " + size + " bytes, over the max send size of " + max + " bytes", null, false, false);
            this.size = size;
            this.max = max;
        }
    }

    /** Turns a server's "no gzip decompressor" answer into one that names the setting to change. */
    static final class NoGzipExplained<Q, R> extends ForwardingClientCall.SimpleForwardingClientCall<Q, R> {
        NoGzipExplained(ClientCall<Q, R> call) {
            super(call);
        }

        @Override
        public void start(Listener<R> listener, Metadata headers) {
            super.start(
                    new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                        @Override
                        public void onClose(Status status, Metadata trailers) {
                            String d = status.getDescription();
                            super.onClose(
                                    d != null && d.contains("Decompressor is not installed")
                                            ? Status.UNIMPLEMENTED.withDescription(NO_GZIP)
                                            : status,
                                    trailers);
                        }
                    },
                    headers);
        }
    }
}
