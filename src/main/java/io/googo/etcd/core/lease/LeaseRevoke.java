package io.googo.etcd.core.lease;

import io.googo.etcd.core.kv.Header;

/** A revoked lease. */
public record LeaseRevoke(Header header, long id) {
    /** The ID as etcdctl shows it: 16 lowercase hex digits. */
    public String hexId() {
        return LeaseIds.hex(id);
    }
}
