package io.googo.etcd.core.auth;

import io.googo.etcd.core.kv.Header;
import java.util.List;

/**
 * One user and the roles granted to it.
 *
 * @param header the response header
 * @param name   the user's name
 * @param roles  the roles granted to it, in the server's order
 */
public record UserInfo(Header header, String name, List<String> roles) {
    public UserInfo {
        roles = List.copyOf(roles);
    }
}
