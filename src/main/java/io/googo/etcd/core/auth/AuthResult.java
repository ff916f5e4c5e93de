package io.googo.etcd.core.auth;

import io.googo.etcd.core.kv.Header;

/**
 * What an auth change that returns nothing else answered (auth enable and disable, user add, delete,
 * password change, role grant and revoke, role add, delete, permission grant and revoke).
 *
 * @param header the response header
 */
public record AuthResult(Header header) {}
