package io.googo.etcd.core.lease;

import io.googo.etcd.core.kv.Header;

/** A granted lease: its ID and the TTL in seconds the server gave it. */
public record LeaseGrant(Header header, long id, long ttl) {
    /** The ID as etcdctl shows it: 16 lowercase hex digits. */
    public String hexId() {
        return String.format("%016x", id);
    }
}
