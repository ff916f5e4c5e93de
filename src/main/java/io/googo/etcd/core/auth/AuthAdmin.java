package io.googo.etcd.core.auth;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.auth.AuthRoleGetResponse;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.client.AuthRpc;
import io.googo.etcd.core.client.EtcdClient;
import io.googo.etcd.core.kv.Header;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Authentication administration over one {@link EtcdClient}, as etcdctl's {@code auth}, {@code user}
 * and {@code role} commands do it: enabling and disabling auth, users (with or without a password),
 * roles, and the key permissions of roles.
 *
 * <p>Every call is one request (two or three for {@link #authEnable()}) bounded by the client's
 * request timeout; a failure is an {@link EtcdException} whose message names the operation and the
 * user or role, never a password. Most calls need the root role once auth is enabled; the server's
 * refusals ("user name not found", "role name not found", "permission denied", ...) are
 * {@link io.googo.etcd.core.ErrorKind#SERVER} errors in etcd's own words. Names and passwords are
 * sent as UTF-8. Thread-safe.
 */
public final class AuthAdmin {
    private static final String ROOT = "root";

    private final EtcdClient client;

    /**
     * An administrator working through {@code client}.
     *
     * @param client the client whose credentials the requests carry
     */
    public AuthAdmin(EtcdClient client) {
        this.client = client;
    }

    // ---- auth ---------------------------------------------------------------------------------

    /**
     * Enables authentication. As etcdctl does, when etcd says the root role does not exist yet, the
     * role {@code root} is created and granted to the user {@code root}, and enabling is tried once
     * more. etcd refuses when the user {@code root} does not exist ("root user does not exist").
     *
     * @return the header of the enabling answer
     */
    public AuthResult authEnable() {
        try {
            return enable();
        } catch (EtcdException e) {
            if (!String.valueOf(e.getMessage()).contains("root user does not have root role")
                    && !String.valueOf(e.getMessage()).contains("root role does not exist")) {
                throw e;
            }
        }
        if (!roleList().roles().contains(ROOT)) {
            roleAdd(ROOT);
        }
        userGrantRole(ROOT, ROOT);
        return enable();
    }

    private AuthResult enable() {
        var r = client.call("auth enable", () -> auth().authEnable());
        return new AuthResult(Header.of(r.getHeader()));
    }

    /**
     * Disables authentication (a root user's request, when it is enabled).
     *
     * @return the header of the answer
     */
    public AuthResult authDisable() {
        var r = client.call("auth disable", () -> auth().authDisable());
        return new AuthResult(Header.of(r.getHeader()));
    }

    /**
     * Whether authentication is enabled, and the auth store's revision. etcd before 3.5 has no
     * AuthStatus call: its answer then comes from an anonymous authentication attempt, with no
     * revision ({@link AuthStatus#hasAuthRevision()} is false).
     *
     * @return the status
     */
    public AuthStatus authStatus() {
        AuthRpc.Status s = client.call("auth status", () -> AuthRpc.authStatus(client));
        return new AuthStatus(s.header(), s.enabled(), s.authRevision());
    }

    // ---- users --------------------------------------------------------------------------------

    /**
     * Adds a user with a password (which may be empty, as etcd allows).
     *
     * @param name     the user's name
     * @param password its password
     * @return the header of the answer
     */
    public AuthResult userAdd(String name, String password) {
        java.util.Objects.requireNonNull(password, "password");
        Header h = client.call("user add " + name, () -> AuthRpc.userAdd(client, name, password, false));
        return new AuthResult(h);
    }

    /**
     * Adds a user without a password: it cannot authenticate with one, only with a TLS client
     * certificate whose common name is its name.
     *
     * @param name the user's name
     * @return the header of the answer
     */
    public AuthResult userAddNoPassword(String name) {
        Header h = client.call("user add " + name, () -> AuthRpc.userAdd(client, name, "", true));
        return new AuthResult(h);
    }

    /**
     * Deletes a user.
     *
     * @param name the user's name
     * @return the header of the answer
     */
    public AuthResult userDelete(String name) {
        var r = client.call("user delete " + name, () -> auth().userDelete(bytes(name)));
        return new AuthResult(Header.of(r.getHeader()));
    }

    /**
     * A user and its roles.
     *
     * @param name the user's name
     * @return the user
     */
    public UserInfo userGet(String name) {
        var r = client.call("user get " + name, () -> auth().userGet(bytes(name)));
        return new UserInfo(Header.of(r.getHeader()), name, r.getRoles());
    }

    /**
     * Every user.
     *
     * @return the names, as the server sorts them
     */
    public UserList userList() {
        var r = client.call("user list", () -> auth().userList());
        return new UserList(Header.of(r.getHeader()), r.getUsers());
    }

    /**
     * Changes a user's password.
     *
     * @param name     the user's name
     * @param password the new password
     * @return the header of the answer
     */
    public AuthResult userChangePassword(String name, String password) {
        java.util.Objects.requireNonNull(password, "password");
        var r = client.call("user passwd " + name, () -> auth().userChangePassword(bytes(name), bytes(password)));
        return new AuthResult(Header.of(r.getHeader()));
    }

    /**
     * Grants a role to a user.
     *
     * @param user the user's name
     * @param role the role's name
     * @return the header of the answer
     */
    public AuthResult userGrantRole(String user, String role) {
        var r = client.call(
                "user grant-role " + user + " " + role, () -> auth().userGrantRole(bytes(user), bytes(role)));
        return new AuthResult(Header.of(r.getHeader()));
    }

    /**
     * Revokes a role from a user.
     *
     * @param user the user's name
     * @param role the role's name
     * @return the header of the answer
     */
    public AuthResult userRevokeRole(String user, String role) {
        var r = client.call(
                "user revoke-role " + user + " " + role, () -> auth().userRevokeRole(bytes(user), bytes(role)));
        return new AuthResult(Header.of(r.getHeader()));
    }

    // ---- roles --------------------------------------------------------------------------------

    /**
     * Adds a role with no permissions.
     *
     * @param name the role's name
     * @return the header of the answer
     */
    public AuthResult roleAdd(String name) {
        var r = client.call("role add " + name, () -> auth().roleAdd(bytes(name)));
        return new AuthResult(Header.of(r.getHeader()));
    }

    /**
     * Deletes a role (and revokes it from every user).
     *
     * @param name the role's name
     * @return the header of the answer
     */
    public AuthResult roleDelete(String name) {
        var r = client.call("role delete " + name, () -> auth().roleDelete(bytes(name)));
        return new AuthResult(Header.of(r.getHeader()));
    }

    /**
     * A role and its permissions.
     *
     * @param name the role's name
     * @return the role
     */
    public RoleInfo roleGet(String name) {
        AuthRoleGetResponse r = client.call("role get " + name, () -> auth().roleGet(bytes(name)));
        List<Permission> perms = new ArrayList<>();
        for (io.etcd.jetcd.auth.Permission p : r.getPermissions()) {
            perms.add(new Permission(
                    type(p.getPermType()),
                    p.getKey().getBytes(),
                    p.getRangeEnd().getBytes()));
        }
        return new RoleInfo(Header.of(r.getHeader()), name, perms);
    }

    /**
     * Every role.
     *
     * @return the names, as the server sorts them
     */
    public RoleList roleList() {
        var r = client.call("role list", () -> auth().roleList());
        return new RoleList(Header.of(r.getHeader()), r.getRoles());
    }

    /**
     * Grants a key permission to a role (see {@link Permission#of} for etcdctl's ranges).
     *
     * @param role       the role's name
     * @param permission what to grant
     * @return the header of the answer
     */
    public AuthResult roleGrantPermission(String role, Permission permission) {
        var r = client.call(
                "role grant-permission " + role,
                () -> auth().roleGrantPermission(
                                bytes(role),
                                ByteSequence.from(permission.key()),
                                ByteSequence.from(permission.rangeEnd()),
                                jetcdType(permission.type())));
        return new AuthResult(Header.of(r.getHeader()));
    }

    /**
     * Revokes the permission of a role on exactly this key or range (as it was granted).
     *
     * @param role     the role's name
     * @param key      the key, or the start of the range
     * @param rangeEnd the end of the range; empty for one key
     * @return the header of the answer
     */
    public AuthResult roleRevokePermission(String role, byte[] key, byte[] rangeEnd) {
        var r = client.call(
                "role revoke-permission " + role,
                () -> auth().roleRevokePermission(bytes(role), ByteSequence.from(key), ByteSequence.from(rangeEnd)));
        return new AuthResult(Header.of(r.getHeader()));
    }

    // ---- helpers ------------------------------------------------------------------------------

    private io.etcd.jetcd.Auth auth() {
        return client.jetcd().getAuthClient();
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    private static Permission.Type type(io.etcd.jetcd.auth.Permission.Type t) {
        return switch (t) {
            case READ -> Permission.Type.READ;
            case WRITE -> Permission.Type.WRITE;
            case READWRITE -> Permission.Type.READWRITE;
            default -> throw new EtcdException(io.googo.etcd.core.ErrorKind.SERVER, "unknown permission type " + t);
        };
    }

    private static io.etcd.jetcd.auth.Permission.Type jetcdType(Permission.Type t) {
        return switch (t) {
            case READ -> io.etcd.jetcd.auth.Permission.Type.READ;
            case WRITE -> io.etcd.jetcd.auth.Permission.Type.WRITE;
            case READWRITE -> io.etcd.jetcd.auth.Permission.Type.READWRITE;
        };
    }
}
