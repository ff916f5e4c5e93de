package io.googo.etcd.core.auth;

import io.googo.etcd.core.kv.Header;
import java.util.List;

/**
 * Every user's name.
 *
 * @param header the response header
 * @param users  the names, sorted by the server
 */
public record UserList(Header header, List<String> users) {
    public UserList {
        users = List.copyOf(users);
    }
}
