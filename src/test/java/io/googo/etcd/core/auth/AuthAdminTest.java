package io.googo.etcd.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.client.EtcdClient;
import io.googo.etcd.core.key.KeyRanges;
import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.TestPrefix;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The library's AuthAdmin against a real etcd (auth left disabled), checked with etcdctl. */
class AuthAdminTest {
    @RegisterExtension
    static final EtcdExtension etcd = EtcdExtension.builder().build();

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String id(TestPrefix p) {
        return p.value().replaceAll("[^0-9a-f]", "");
    }

    @Test
    void permissionsAreEtcdctlsRanges() {
        Permission.Type rw = Permission.Type.parse("ReadWrite");
        assertThat(rw).isEqualTo(Permission.Type.READWRITE);
        assertThat(Permission.of(rw, b("/a"), null, false, false)).isEqualTo(new Permission(rw, b("/a"), new byte[0]));
        assertThat(Permission.of(rw, b("/a"), b("/c"), false, false).rangeEnd()).isEqualTo(b("/c"));
        Permission prefix = Permission.of(rw, b("/a"), null, true, false);
        assertThat(prefix.rangeEnd()).isEqualTo(b("/b"));
        assertThat(prefix.isPrefix()).isTrue();
        assertThat(Permission.of(rw, b("/a"), null, false, true).isOpenEnded()).isTrue();
        Permission all = Permission.of(rw, new byte[0], null, true, false);
        assertThat(all.key()).isEqualTo(KeyRanges.ALL);
        assertThat(all.isOpenEnded()).isTrue();
        assertThat(Permission.of(rw, new byte[0], null, false, false))
                .isEqualTo(new Permission(rw, KeyRanges.ALL, new byte[0]));
        assertThatThrownBy(() -> Permission.of(rw, b("/a"), null, true, true))
                .isInstanceOf(EtcdException.class)
                .hasMessageContaining("mutually exclusive");
        assertThatThrownBy(() -> Permission.of(rw, b("/a"), b("/b"), true, false))
                .hasMessageContaining("--prefix");
        assertThatThrownBy(() -> Permission.Type.parse("owner"))
                .isInstanceOf(EtcdException.class)
                .matches(e -> ((EtcdException) e).kind() == ErrorKind.INVALID_INPUT);
    }

    @Test
    void usersRolesAndPermissions(TestPrefix p) {
        String user = "lib-u" + id(p);
        String role = "lib-r" + id(p);
        // generous timeouts: the kit's client has 2 s, which a loaded machine does not always give
        try (EtcdClient c = EtcdClient.create(
                "auth-admin",
                io.googo.etcd.core.config.EtcdConfig.builder()
                        .endpoints(etcd.clientUrl())
                        .dialTimeout(java.time.Duration.ofSeconds(10))
                        .requestTimeout(java.time.Duration.ofSeconds(20))
                        .build())) {
            AuthAdmin a = new AuthAdmin(c);
            assertThat(a.authStatus().enabled()).isFalse();

            assertThat(a.roleAdd(role).header().clusterId()).isNotZero();
            a.roleGrantPermission(role, Permission.of(Permission.Type.READ, b("/x/"), null, true, false));
            a.roleGrantPermission(role, Permission.of(Permission.Type.WRITE, b("/k"), null, false, false));
            RoleInfo r = a.roleGet(role);
            assertThat(r.name()).isEqualTo(role);
            assertThat(r.permissions())
                    .containsExactly(
                            new Permission(Permission.Type.WRITE, b("/k"), new byte[0]),
                            new Permission(Permission.Type.READ, b("/x/"), b("/x0")));
            assertThat(a.roleList().roles()).contains(role);

            a.userAdd(user, ""); // an empty password, as etcdctl's user add NAME: allows
            a.userAddNoPassword(user + "n"); // TLS common name only
            a.userGrantRole(user, role);
            UserInfo u = a.userGet(user);
            assertThat(u.roles()).isEqualTo(List.of(role));
            assertThat(a.userList().users()).contains(user, user + "n");
            assertThat(etcd.etcdctl("user", "get", user).assertOk().out())
                    .isEqualTo("User: " + user + "\nRoles: " + role);
            a.userChangePassword(user, "pw-2");
            a.userRevokeRole(user, role);
            a.roleRevokePermission(role, b("/k"), new byte[0]);
            assertThat(a.roleGet(role).permissions()).hasSize(1);

            EtcdException missing = org.junit.jupiter.api.Assertions.assertThrows(
                    EtcdException.class, () -> a.userGet("nobody-" + id(p)));
            assertThat(missing.kind()).isEqualTo(ErrorKind.SERVER);
            assertThat(missing.getMessage()).contains("user get nobody-", "user name not found");
            EtcdException dup = org.junit.jupiter.api.Assertions.assertThrows(
                    EtcdException.class, () -> a.userAdd(user, "secret-pw-1"));
            assertThat(dup.getMessage()).contains("user name already exists").doesNotContain("secret-pw-1");

            a.userDelete(user);
            a.userDelete(user + "n");
            a.roleDelete(role);
            assertThat(a.userList().users()).doesNotContain(user);
            assertThat(a.roleList().roles()).doesNotContain(role);
        }
    }
}
