package io.googo.etcd.core.lease;

import io.googo.etcd.core.kv.Header;
import java.util.List;

/**
 * What {@code lease timetolive} found.
 *
 * @param ttl        seconds left; -1 when the lease does not exist (expired, revoked or never granted)
 * @param grantedTtl the TTL the lease was granted with, in seconds; 0 when it does not exist
 * @param keys       the attached keys when asked for, else {@code null}
 */
public record LeaseTimeToLive(Header header, long id, long ttl, long grantedTtl, List<byte[]> keys) {
    public LeaseTimeToLive {
        keys = keys == null ? null : List.copyOf(keys);
    }

    /** The lease does not exist (any more), as etcdctl decides it. */
    public boolean expired() {
        return ttl == -1 && grantedTtl == 0;
    }

    public String hexId() {
        return LeaseIds.hex(id);
    }
}
