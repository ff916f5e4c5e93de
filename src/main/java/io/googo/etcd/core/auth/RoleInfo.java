package io.googo.etcd.core.auth;

import io.googo.etcd.core.kv.Header;
import java.util.List;

/**
 * One role and the key permissions granted to it.
 *
 * @param header      the response header
 * @param name        the role's name
 * @param permissions its permissions, in the server's order (by key)
 */
public record RoleInfo(Header header, String name, List<Permission> permissions) {
    public RoleInfo {
        permissions = List.copyOf(permissions);
    }
}
