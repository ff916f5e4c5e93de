package io.googo.etcd.core.lease;

import io.googo.etcd.core.kv.Header;

/** One keep-alive renewal: the lease lives {@code ttl} seconds more. */
public record LeaseRenewal(Header header, long id, long ttl) {
    public String hexId() {
        return LeaseIds.hex(id);
    }
}
