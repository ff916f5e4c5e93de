package io.googo.etcd.core.lock;

import io.googo.etcd.core.client.EtcdClient;
import io.googo.etcd.core.lease.LeaseGrant;
import io.googo.etcd.core.lease.LeaseKeeper;
import io.googo.etcd.core.lease.LeaseLost;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A lease of our own, kept alive, that a lock or an election hangs its key on (etcd's
 * {@code concurrency.Session}). Lost when the keeper says so, or when the owner learns that its key
 * is gone ({@link #markLost}).
 */
final class LockSession implements AutoCloseable {
    private final EtcdClient client;
    private final long leaseId;
    private final LeaseKeeper keeper;
    private final CompletableFuture<LeaseLost> lost = new CompletableFuture<>();

    private LockSession(EtcdClient client, long leaseId, Duration margin) {
        this.client = client;
        this.leaseId = leaseId;
        this.keeper = LeaseKeeper.start(client, leaseId, margin, lost::complete);
    }

    /** Grants a lease of {@code ttl} and keeps it alive, reporting it lost {@code margin} before it may expire. */
    static LockSession open(EtcdClient client, Duration ttl, Duration margin) {
        LeaseGrant g = client.grant(ttl);
        try {
            return new LockSession(client, g.id(), margin);
        } catch (RuntimeException e) {
            revokeQuietly(client, g.id());
            throw e;
        }
    }

    /** The safety margin for a lease of {@code ttl}: a fifth of it, at least 100 ms, at most 2 s. */
    static Duration marginFor(Duration ttl) {
        long ms = Math.max(100, Math.min(2000, ttl.toMillis() / 5));
        return Duration.ofMillis(ms);
    }

    long leaseId() {
        return leaseId;
    }

    CompletableFuture<LeaseLost> lost() {
        return lost;
    }

    boolean isLost() {
        return lost.isDone() || !keeper.isAlive();
    }

    void markLost(LeaseLost l) {
        lost.complete(l);
    }

    /**
     * Stops the keeper and revokes the lease (deleting every key on it); errors are swallowed. A lease
     * known to be gone or taken as expired is not revoked: the server may be out of reach (that is
     * how leases expire), and a revoke would only wait for the request timeout.
     */
    @Override
    public void close() {
        keeper.close();
        LeaseLost l = lost.getNow(null);
        if (l == null || l.reason() == LeaseLost.Reason.RELEASED) {
            revokeQuietly(client, leaseId);
        }
    }

    static void revokeQuietly(EtcdClient client, long id) {
        boolean interrupted = Thread.interrupted();
        try {
            client.revoke(id);
        } catch (RuntimeException ignored) {
            // it expires by itself after its TTL
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
