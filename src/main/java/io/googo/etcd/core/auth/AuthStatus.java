package io.googo.etcd.core.auth;

import io.googo.etcd.core.kv.Header;

/**
 * Whether authentication is enabled.
 *
 * @param header       the response header ({@link Header#EMPTY} when the server has no AuthStatus call)
 * @param enabled      authentication is enabled
 * @param authRevision the revision of the auth store (users, roles, permissions), which every auth
 *                     change increments; -1 when the server cannot tell it (etcd before 3.5)
 */
public record AuthStatus(Header header, boolean enabled, long authRevision) {
    /** Whether the server told the auth revision (etcd 3.5 and later do). */
    public boolean hasAuthRevision() {
        return authRevision >= 0;
    }
}
