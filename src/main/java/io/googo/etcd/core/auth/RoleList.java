package io.googo.etcd.core.auth;

import io.googo.etcd.core.kv.Header;
import java.util.List;

/**
 * Every role's name.
 *
 * @param header the response header
 * @param roles  the names, sorted by the server
 */
public record RoleList(Header header, List<String> roles) {
    public RoleList {
        roles = List.copyOf(roles);
    }
}
