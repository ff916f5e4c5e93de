package io.googo.etcd.core.lease;

/** Lease IDs as etcdctl shows them. */
public final class LeaseIds {
    private LeaseIds() {
    }

    /** 16 lowercase hex digits, zero-padded: {@code 694d77aa9e38260f}. */
    public static String hex(long id) {
        return String.format("%016x", id);
    }
}
