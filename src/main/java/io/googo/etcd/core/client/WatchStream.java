package io.googo.etcd.core.client;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.api.Event;
import io.etcd.jetcd.api.KeyValue;
import io.etcd.jetcd.api.WatchCancelRequest;
import io.etcd.jetcd.api.WatchCreateRequest;
import io.etcd.jetcd.api.WatchGrpc;
import io.etcd.jetcd.api.WatchProgressRequest;
import io.etcd.jetcd.api.WatchRequest;
import io.etcd.jetcd.api.WatchResponse;
import io.etcd.jetcd.support.Errors;
import io.etcd.jetcd.support.Util;
import io.googo.etcd.core.kv.Kv;
import io.googo.etcd.core.watch.WatchEvent;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One etcd watch on the client's direct transport (see {@link DirectTransport}): a bidirectional
 * {@code Watch} stream of jetcd's generated protocol messages on the key-value channel, carrying one
 * create request, its events and progress notifications, until it ends or is {@linkplain #close()
 * closed}. It is the transport half of a {@link io.googo.etcd.core.watch.Watcher}, which keeps the
 * other half (the delivery queue, the resume from the last queued revision, the back-off): this
 * class never resumes; it says once how it {@linkplain Listener#onEnded ended} and is done.
 *
 * <p>What it does with the protocol:
 *
 * <ul>
 *   <li>the create request has the key and range end under the client's namespace, the start
 *       revision, {@code prev_kv}, {@code progress_notify} and the {@code NOPUT}/{@code NODELETE}
 *       filters; the stream carries the {@code hasleader} header, so a member that has lost its
 *       leader ends it ("no leader") instead of keeping it silently, and with a user the auth token
 *       (authenticating first when the transport has none);
 *   <li>"created" is noted (its watch id is what {@link #close()} cancels) and not reported; a
 *       "canceled" answer ends the stream: with a compact revision as {@link End.Reason#COMPACTED}
 *       (etcd's words, "required revision has been compacted"), "permission denied" (which is also
 *       what etcd 3.4 says for a token it no longer accepts) as {@link End.Reason#DENIED}, any other
 *       reason as {@link End.Reason#CANCELED}; a refused or old token makes the transport
 *       authenticate again before the next call;
 *   <li>events are converted straight from the protocol messages to {@link WatchEvent}s (the
 *       namespace taken off the keys); a response with no events that is not "created" or
 *       "canceled" is a progress notification;
 *   <li>a gRPC error, or the server ending the stream, is {@link End.Reason#BROKEN} with the status;
 *       the channel shut down (the client closed) is {@link End.Reason#CLIENT_CLOSED}.
 * </ul>
 *
 * <p>Threads: the listener runs on the transport's event loop and must never block (a watcher only
 * queues). {@link #requestProgress()} and {@link #close()} may be called from any thread.
 */
public final class WatchStream implements AutoCloseable {
    private static final Metadata.Key<String> REQUIRE_LEADER =
            Metadata.Key.of("hasleader", Metadata.ASCII_STRING_MARSHALLER);
    private static final String DENIED = "permission denied";

    /**
     * What to watch.
     *
     * @param key           the key, or the start of the range (without the namespace)
     * @param rangeEnd      the end of the range, exclusive ({@code null}: the key alone; {@code {0}}:
     *                      every key from {@code key} on)
     * @param startRevision the first revision to send (0: from now on)
     * @param prevKv        send each change's previous pair
     * @param progressNotify ask the server for periodic progress notifications
     * @param noPut         leave out PUT events
     * @param noDelete      leave out DELETE events
     */
    public record Request(
            byte[] key,
            byte[] rangeEnd,
            long startRevision,
            boolean prevKv,
            boolean progressNotify,
            boolean noPut,
            boolean noDelete) {}

    /** Told what the stream brings, on the transport's event loop: never block here. */
    public interface Listener {
        /**
         * Changes, in revision order, as one response of the server carried them (etcd never
         * splits a revision across responses).
         *
         * @param events the changes, at least one
         */
        void onEvents(List<WatchEvent> events);

        /**
         * A progress notification: no events, the header's revision.
         *
         * @param revision the revision of the response header
         */
        void onProgress(long revision);

        /**
         * The stream ended by itself (not by {@link WatchStream#close()}); nothing follows.
         *
         * @param end why
         */
        void onEnded(End end);
    }

    /** Why a stream ended: an exception, so that it can be a failure's cause. */
    public static final class End extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** The kinds of ending a watcher tells apart. */
        public enum Reason {
            /** The start revision has been compacted ({@link End#compactRevision()} says to where). */
            COMPACTED,
            /** The server refused the watch: permission denied. */
            DENIED,
            /** The server canceled the watch for another reason ({@link #getMessage()}). */
            CANCELED,
            /** A gRPC failure or an end of the stream: {@link End#code()} and the message say which. */
            BROKEN,
            /** The client's transport has been shut down. */
            CLIENT_CLOSED
        }

        private final Reason reason;
        private final Status.Code code;
        private final long compactRevision;

        End(Reason reason, Status.Code code, String message, long compactRevision, Throwable cause) {
            super(message, cause, false, false);
            this.reason = reason;
            this.code = code;
            this.compactRevision = compactRevision;
        }

        /** @return the kind of ending */
        public Reason reason() {
            return reason;
        }

        /** @return the gRPC status code of a {@link Reason#BROKEN} stream (else a code that fits) */
        public Status.Code code() {
            return code;
        }

        /** @return for {@link Reason#COMPACTED}, the revision etcd has compacted to; else 0 */
        public long compactRevision() {
            return compactRevision;
        }
    }

    private final DirectTransport transport;
    private final WatchRequest create;
    private final boolean prevKv;
    private final ByteString ns;
    private final Listener listener;
    private final Object lock = new Object();

    // written under lock; read without it on the event loop
    private volatile ClientCall<WatchRequest, WatchResponse> call;
    private volatile boolean closed;
    private long watchId = -1;

    private WatchStream(DirectTransport transport, ByteSequence ns, Request r, Listener listener) {
        this.transport = transport;
        this.listener = listener;
        this.prevKv = r.prevKv();
        this.ns = ByteString.copyFrom(ns.getBytes());
        ByteSequence key = ByteSequence.from(r.key());
        WatchCreateRequest.Builder b = WatchCreateRequest.newBuilder()
                .setKey(Util.prefixNamespace(key, ns))
                .setStartRevision(r.startRevision())
                .setPrevKv(r.prevKv())
                .setProgressNotify(r.progressNotify());
        if (r.rangeEnd() != null) {
            b.setRangeEnd(Util.prefixNamespaceToRangeEnd(ByteSequence.from(r.rangeEnd()), ns));
        }
        if (r.noPut()) {
            b.addFilters(WatchCreateRequest.FilterType.NOPUT);
        }
        if (r.noDelete()) {
            b.addFilters(WatchCreateRequest.FilterType.NODELETE);
        }
        this.create = WatchRequest.newBuilder().setCreateRequest(b).build();
    }

    /**
     * Opens a watch on {@code client}'s direct transport. It may end before this returns (the
     * listener is told then, on this thread): a caller must be ready for {@link Listener#onEnded}
     * at once.
     *
     * @param client   the client whose transport, namespace and credentials carry the stream
     * @param request  what to watch
     * @param listener told what the stream brings
     * @return the stream, to close when it is no longer wanted
     */
    public static WatchStream open(EtcdClient client, Request request, Listener listener) {
        DirectTransport t = client.direct();
        WatchStream s = new WatchStream(t, t.namespace(), request, listener);
        s.start();
        return s;
    }

    private void start() {
        if (transport.channel().isShutdown()) {
            ended(new End(End.Reason.CLIENT_CLOSED, Status.Code.CANCELLED, "the client was closed", 0, null), false);
            return;
        }
        CompletableFuture<Metadata> headers;
        try {
            headers = transport.headers();
        } catch (RuntimeException e) {
            ended(broken(Status.fromThrowable(e), e), false);
            return;
        }
        headers.whenComplete((h, t) -> {
            if (t != null) {
                Throwable c = Failures.unwrap(t);
                ended(broken(Status.fromThrowable(c), c), false);
                return;
            }
            Metadata m = new Metadata();
            m.merge(h);
            m.put(REQUIRE_LEADER, "true");
            RuntimeException failed = null;
            synchronized (lock) {
                if (closed) {
                    return;
                }
                try {
                    ClientCall<WatchRequest, WatchResponse> c =
                            transport.channel().newCall(WatchGrpc.getWatchMethod(), CallOptions.DEFAULT);
                    call = c;
                    c.start(new Responses(), m);
                    c.sendMessage(create);
                    c.request(1);
                } catch (RuntimeException e) {
                    failed = e;
                }
            }
            if (failed != null) {
                ended(broken(Status.fromThrowable(failed), failed), true);
            }
        });
    }

    /** Asks the server for a progress notification now (nothing while the stream is being set up). */
    public void requestProgress() {
        synchronized (lock) {
            if (closed || call == null) {
                return;
            }
            try {
                call.sendMessage(WatchRequest.newBuilder()
                        .setProgressRequest(WatchProgressRequest.getDefaultInstance())
                        .build());
            } catch (RuntimeException ignored) {
                // the stream is ending; its listener says how
            }
        }
    }

    /** Cancels the watch and ends the stream; the listener hears nothing more. Idempotent. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            ClientCall<WatchRequest, WatchResponse> c = call;
            call = null;
            if (c == null) {
                return;
            }
            try {
                if (watchId >= 0) {
                    c.sendMessage(WatchRequest.newBuilder()
                            .setCancelRequest(WatchCancelRequest.newBuilder().setWatchId(watchId))
                            .build());
                }
                c.halfClose();
            } catch (RuntimeException ignored) {
                // already ending
            }
            c.cancel("watch closed", null);
        }
    }

    /**
     * Reports the end once, unless closed by us; with {@code cancel}, ends the call too (after a
     * "canceled" answer the server would keep the stream itself open).
     */
    private void ended(End end, boolean cancel) {
        ClientCall<WatchRequest, WatchResponse> c;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            c = call;
            call = null;
        }
        if (cancel && c != null) {
            c.cancel("watch ended: " + end.getMessage(), null);
        }
        if (end.reason() == End.Reason.DENIED
                || end.code() == Status.Code.UNAUTHENTICATED
                        && (end.getMessage().contains(Errors.INVALID_AUTH_TOKEN_ERROR_MESSAGE)
                                || end.getMessage().contains(Errors.ERROR_AUTH_STORE_OLD))) {
            transport.tokenRefused(); // etcd 3.4 says "permission denied" for a token it no longer takes
        }
        listener.onEnded(end);
    }

    private End broken(Status s, Throwable cause) {
        if (transport.channel().isShutdown()) {
            return new End(End.Reason.CLIENT_CLOSED, Status.Code.CANCELLED, "the client was closed", 0, cause);
        }
        String d = s.getDescription();
        if (d == null && s.getCause() != null) {
            Throwable c = s.getCause();
            d = Status.fromThrowable(c).getDescription();
            if (d == null) {
                d = c.getMessage();
            }
        }
        return new End(End.Reason.BROKEN, s.getCode(), d == null ? s.getCode().toString() : d, 0, cause);
    }

    private void onResponse(WatchResponse r) {
        int n = r.getEventsCount();
        if (n > 0) {
            List<WatchEvent> events = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                WatchEvent e = event(r.getEvents(i));
                if (e != null) {
                    events.add(e);
                }
            }
            if (!events.isEmpty() && !closed) {
                listener.onEvents(events);
            }
            return;
        }
        String reason = r.getCancelReason();
        if (r.getCanceled()) {
            End end;
            if (r.getCompactRevision() != 0) {
                end = new End(
                        End.Reason.COMPACTED,
                        Status.Code.OUT_OF_RANGE,
                        reason.isEmpty() ? "etcdserver: mvcc: required revision has been compacted" : reason,
                        r.getCompactRevision(),
                        null);
            } else if (reason.contains(DENIED)) {
                end = new End(End.Reason.DENIED, Status.Code.PERMISSION_DENIED, reason, 0, null);
            } else if (reason.contains(Errors.INVALID_AUTH_TOKEN_ERROR_MESSAGE)) {
                // a token to renew: a break to resume from, after a new Authenticate
                end = new End(End.Reason.BROKEN, Status.Code.UNAUTHENTICATED, reason, 0, null);
            } else if (reason.isEmpty()) {
                end = new End(
                        End.Reason.CANCELED,
                        Status.Code.OUT_OF_RANGE,
                        "etcdserver: mvcc: required revision is a future revision",
                        0,
                        null);
            } else {
                end = new End(End.Reason.CANCELED, Status.Code.FAILED_PRECONDITION, reason, 0, null);
            }
            ended(end, true);
            return;
        }
        if (r.getCreated()) {
            if (r.getWatchId() < 0) {
                ended(
                        new End(
                                End.Reason.BROKEN,
                                Status.Code.INTERNAL,
                                "etcd server failed to create watch id",
                                0,
                                null),
                        true);
                return;
            }
            synchronized (lock) {
                watchId = r.getWatchId();
            }
            return;
        }
        if (r.getCompactRevision() == 0 && r.getHeader().getRevision() != 0 && !closed) {
            listener.onProgress(r.getHeader().getRevision());
        }
    }

    private WatchEvent event(Event e) {
        WatchEvent.Type type = switch (e.getType()) {
            case PUT -> WatchEvent.Type.PUT;
            case DELETE -> WatchEvent.Type.DELETE;
            default -> null;
        };
        if (type == null) {
            return null;
        }
        Kv kv = kv(e.getKv());
        Kv prev = null;
        if (prevKv && e.hasPrevKv() && !e.getPrevKv().getKey().isEmpty()) {
            prev = kv(e.getPrevKv());
        }
        return new WatchEvent(type, kv, prev, kv.modRevision());
    }

    private Kv kv(KeyValue kv) {
        ByteString k = kv.getKey();
        if (!ns.isEmpty() && k.startsWith(ns)) {
            k = k.substring(ns.size());
        }
        return new Kv(
                k.toByteArray(),
                kv.getValue().toByteArray(),
                kv.getCreateRevision(),
                kv.getModRevision(),
                kv.getVersion(),
                kv.getLease());
    }

    /** The call's callbacks, on the event loop (the channel's direct executor). */
    private final class Responses extends ClientCall.Listener<WatchResponse> {
        @Override
        public void onMessage(WatchResponse message) {
            ClientCall<WatchRequest, WatchResponse> c = call;
            onResponse(message);
            if (c != null) {
                c.request(1);
            }
        }

        @Override
        public void onClose(Status status, Metadata trailers) {
            ended(
                    status.isOk()
                            ? new End(End.Reason.BROKEN, Status.Code.UNAVAILABLE, "the watch stream ended", 0, null)
                            : broken(status, status.asRuntimeException(trailers)),
                    false);
        }
    }
}
