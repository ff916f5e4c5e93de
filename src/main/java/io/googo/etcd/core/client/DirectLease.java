package io.googo.etcd.core.client;

import io.etcd.jetcd.api.LeaseGrantRequest;
import io.etcd.jetcd.api.LeaseGrpc;
import io.etcd.jetcd.api.LeaseKeepAliveRequest;
import io.etcd.jetcd.api.LeaseKeepAliveResponse;
import io.etcd.jetcd.api.LeaseRevokeRequest;
import io.etcd.jetcd.api.LeaseTimeToLiveRequest;
import io.etcd.jetcd.api.ResponseHeader;
import io.etcd.jetcd.support.Errors;
import io.googo.etcd.core.kv.Header;
import io.googo.etcd.core.lease.LeaseGrant;
import io.googo.etcd.core.lease.LeaseList;
import io.googo.etcd.core.lease.LeaseRenewal;
import io.googo.etcd.core.lease.LeaseRevoke;
import io.googo.etcd.core.lease.LeaseTimeToLive;
import io.grpc.CallOptions;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The lease calls on the {@link DirectTransport}: jetcd's generated {@link LeaseGrpc} methods (and the
 * hand-declared {@code LeaseLeases}, see {@link LeaseRpc}) on the key-value transport's channel, so that
 * granting, revoking, renewing and listing leases needs neither jetcd's {@code Client} nor Vert.x (a
 * sidecar that keeps one lease alive for days then carries one event-loop thread, not a dozen).
 *
 * <p>As jetcd's own lease calls: grant, revoke, time-to-live and list are unary calls with the request
 * timeout as deadline (from the channel's {@link CallOptionsInterceptor}), retried as jetcd retries them
 * ("unavailable" and a refused token; see {@link DirectTransport}). One keep-alive renewal is a stream
 * that sends one request, half-closes and takes the first reply, under a deadline of the caller's, with
 * the {@code hasleader} header (a member cut off from the cluster answers at once instead of renewing
 * nothing) and once more with a new token when the server says the token is invalid or old. Failures
 * come back as gRPC's and become the one {@code EtcdException} in {@link EtcdClient}, through
 * {@link Failures}.
 */
final class DirectLease {
    private static final Metadata.Key<String> REQUIRE_LEADER =
            Metadata.Key.of("hasleader", Metadata.ASCII_STRING_MARSHALLER);

    private final DirectTransport transport;
    private final byte[] namespace;

    /**
     * @param transport the channel, token and retries
     * @param namespace the client's namespace as bytes (empty for none): taken off the attached keys a
     *                  time-to-live returns
     */
    DirectLease(DirectTransport transport, byte[] namespace) {
        this.transport = transport;
        this.namespace = namespace;
    }

    CompletableFuture<LeaseGrant> grant(long ttlSeconds) {
        LeaseGrantRequest q = LeaseGrantRequest.newBuilder().setTTL(ttlSeconds).build();
        return DirectTransport.map(
                transport.unary(LeaseGrpc.getLeaseGrantMethod(), q, true),
                r -> new LeaseGrant(header(r.getHeader()), r.getID(), r.getTTL()));
    }

    CompletableFuture<LeaseRevoke> revoke(long leaseId) {
        LeaseRevokeRequest q = LeaseRevokeRequest.newBuilder().setID(leaseId).build();
        return DirectTransport.map(
                transport.unary(LeaseGrpc.getLeaseRevokeMethod(), q, true),
                r -> new LeaseRevoke(header(r.getHeader()), leaseId));
    }

    CompletableFuture<LeaseTimeToLive> timeToLive(long leaseId, boolean keys) {
        LeaseTimeToLiveRequest q =
                LeaseTimeToLiveRequest.newBuilder().setID(leaseId).setKeys(keys).build();
        return DirectTransport.map(transport.unary(LeaseGrpc.getLeaseTimeToLiveMethod(), q, true), r -> {
            List<byte[]> attached = null;
            if (keys) {
                attached = new ArrayList<>(r.getKeysCount());
                for (var k : r.getKeysList()) {
                    attached.add(withoutNamespace(k.toByteArray()));
                }
            }
            return new LeaseTimeToLive(header(r.getHeader()), r.getID(), r.getTTL(), r.getGrantedTTL(), attached);
        });
    }

    CompletableFuture<LeaseList> leases() {
        return DirectTransport.map(
                transport.unary(LeaseRpc.LEASE_LEASES, new byte[0], true), r -> new LeaseList(r.header(), r.ids()));
    }

    /**
     * One keep-alive renewal, given up after {@code timeoutNanos} (counted from now, a second attempt
     * after a refused token included): completes with the server's reply, whose TTL is 0 when the lease
     * no longer exists. Canceling the result cancels the call under way.
     */
    CompletableFuture<LeaseRenewal> keepAliveOnce(long leaseId, long timeoutNanos) {
        Deadline deadline = Deadline.after(timeoutNanos, TimeUnit.NANOSECONDS);
        LeaseKeepAliveRequest q =
                LeaseKeepAliveRequest.newBuilder().setID(leaseId).build();
        CompletableFuture<LeaseKeepAliveResponse> result = new CompletableFuture<>();
        keepAliveAttempt(q, deadline, result, true);
        return DirectTransport.map(result, r -> new LeaseRenewal(header(r.getHeader()), r.getID(), r.getTTL()));
    }

    private void keepAliveAttempt(
            LeaseKeepAliveRequest q,
            Deadline deadline,
            CompletableFuture<LeaseKeepAliveResponse> result,
            boolean first) {
        transport.callHeaders().whenComplete((headers, ht) -> {
            if (result.isDone()) {
                return;
            }
            if (ht != null) {
                result.completeExceptionally(Failures.unwrap(ht));
                return;
            }
            headers.put(REQUIRE_LEADER, "true");
            CompletableFuture<LeaseKeepAliveResponse> f = LeaseRpc.first(
                    transport
                            .channel()
                            .newCall(LeaseGrpc.getLeaseKeepAliveMethod(), CallOptions.DEFAULT.withDeadline(deadline)),
                    q,
                    headers);
            result.whenComplete((r, t) -> {
                if (result.isCancelled()) {
                    f.cancel(true);
                }
            });
            f.whenComplete((r, t) -> {
                if (t == null) {
                    result.complete(r);
                    return;
                }
                Throwable c = Failures.unwrap(t);
                Status s = Status.fromThrowable(c);
                if (first && (Errors.isInvalidTokenError(s) || Errors.isAuthStoreExpired(s))) {
                    transport.tokenRefused();
                    keepAliveAttempt(q, deadline, result, false);
                } else {
                    result.completeExceptionally(c);
                }
            });
        });
    }

    private byte[] withoutNamespace(byte[] b) {
        int n = namespace.length;
        if (n > 0 && b.length >= n && Arrays.equals(b, 0, n, namespace, 0, n)) {
            return Arrays.copyOfRange(b, n, b.length);
        }
        return b;
    }

    private static Header header(ResponseHeader h) {
        return new Header(h.getClusterId(), h.getMemberId(), h.getRevision(), h.getRaftTerm());
    }
}
