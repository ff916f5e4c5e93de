package io.googo.etcd.core.lease;

/**
 * Why a kept-alive lease is gone, as a {@link LeaseKeeper} reports it (once).
 *
 * @param message one line for the user, naming the lease
 */
public record LeaseLost(long id, Reason reason, String message) {

    public enum Reason {
        /** The server says the lease does not exist: it expired or someone revoked it. */
        GONE,
        /** No renewal got through for as long as the lease is sure to live: it must be taken as expired. */
        EXPIRED,
        /** What the lease protected is gone although the lease may live (e.g. a lock key was deleted). */
        RELEASED
    }

    public String hexId() {
        return LeaseIds.hex(id);
    }
}
