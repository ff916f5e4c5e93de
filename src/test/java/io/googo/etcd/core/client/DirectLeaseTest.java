package io.googo.etcd.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etcd.jetcd.ByteSequence;
import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.config.EtcdConfig;
import io.googo.etcd.core.kv.PutOptions;
import io.googo.etcd.core.lease.LeaseKeeper;
import io.googo.etcd.core.lease.LeaseRenewal;
import io.googo.etcd.testkit.Await;
import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.TestPrefix;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The lease calls go over the direct transport ({@link DirectLease}): none of them makes jetcd's
 * {@code Client} (and with it Vert.x), and with auth a dropped token is renewed and the call made again.
 */
class DirectLeaseTest {
    private static final String PASSWORD = "alice-lease-pw";

    @RegisterExtension
    static final EtcdExtension etcd =
            EtcdExtension.builder().rootPassword("root-pw").build();

    @BeforeAll
    static void addAlice() {
        etcd.process().addUser("alice", PASSWORD, "/t-");
    }

    private static EtcdConfig.Builder config(String user, String password) {
        return EtcdConfig.builder()
                .endpoints(etcd.clientUrl())
                .username(user)
                .password(password)
                .dialTimeout(Duration.ofSeconds(30))
                .requestTimeout(Duration.ofSeconds(30));
    }

    private static void dropTokensOf(EtcdClient root, String user, String password) throws Exception {
        // the same password again: etcd drops every token the user holds
        root.jetcd()
                .getAuthClient()
                .userChangePassword(
                        ByteSequence.from(user, StandardCharsets.UTF_8),
                        ByteSequence.from(password, StandardCharsets.UTF_8))
                .get(30, TimeUnit.SECONDS);
    }

    @Test
    void everyLeaseCallLeavesJetcdsClientUnmade(TestPrefix prefix) throws Exception {
        try (EtcdClient c = EtcdClient.create(
                "lease", config("alice", PASSWORD).namespace("/t-ns/").build())) {
            long id = c.grant(Duration.ofSeconds(60)).id();
            c.put(
                    prefix.key("k").getBytes(StandardCharsets.UTF_8),
                    new byte[] {1},
                    PutOptions.builder().lease(id).build());
            var ttl = c.timeToLive(id, true);
            assertThat(ttl.grantedTtl()).isEqualTo(60);
            assertThat(ttl.keys())
                    .as("attached keys, without the namespace")
                    .extracting(k -> new String(k, StandardCharsets.UTF_8))
                    .containsExactly(prefix.key("k"));
            assertThat(c.timeToLive(id, false).keys()).isNull();
            assertThat(c.leases().ids()).contains(id);
            assertThat(c.keepAliveOnce(id).ttl()).isEqualTo(60);
            assertThat(c.keepAliveOnceAsync(id, Duration.ofSeconds(30))
                            .get(60, TimeUnit.SECONDS)
                            .ttl())
                    .isEqualTo(60);

            List<LeaseRenewal> renewals = new CopyOnWriteArrayList<>();
            try (LeaseKeeper k = c.keepAlive(id, new LeaseKeeper.Listener() {
                @Override
                public void renewed(LeaseRenewal r) {
                    renewals.add(r);
                }

                @Override
                public void lost(io.googo.etcd.core.lease.LeaseLost lost) {}
            })) {
                Await.until(Duration.ofSeconds(30), () -> !renewals.isEmpty(), "the keeper's first renewal");
                assertThat(k.isAlive()).isTrue();
            }

            c.put(
                    prefix.key("ttl"),
                    "v",
                    PutOptions.builder().ttl(Duration.ofSeconds(30)).build());
            assertThat(c.revoke(id).id()).isEqualTo(id);
            assertThat(c.timeToLive(id, false).expired()).isTrue();
            assertThatThrownBy(() -> c.keepAliveOnce(id))
                    .isInstanceOfSatisfying(
                            EtcdException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INTERRUPTED))
                    .hasMessageContaining("expired or revoked");
            long other = c.grant(Duration.ofSeconds(60)).id();
            assertThat(c.revokeAsync(other).get(60, TimeUnit.SECONDS).id()).isEqualTo(other);
            assertThatThrownBy(() -> c.revokeAsync(other).get(60, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOfSatisfying(
                            EtcdException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.SERVER))
                    .hasMessageContaining("lease revoke")
                    .hasMessageContaining("requested lease not found");

            assertThat(c.hasJetcd())
                    .as("jetcd's Client was made for a lease call")
                    .isFalse();
        }
    }

    @Test
    void aDroppedTokenIsRenewedForEveryLeaseCall() throws Exception {
        try (EtcdClient alice =
                        EtcdClient.create("alice", config("alice", PASSWORD).build());
                EtcdClient root =
                        EtcdClient.create("root", config("root", "root-pw").build())) {
            long id = alice.grant(Duration.ofSeconds(60)).id(); // alice now holds a token

            dropTokensOf(root, "alice", PASSWORD);
            assertThat(alice.keepAliveOnce(id).ttl())
                    .as("a keep-alive with the dropped token")
                    .isEqualTo(60);

            dropTokensOf(root, "alice", PASSWORD);
            assertThat(alice.keepAliveOnceAsync(id, Duration.ofSeconds(30))
                            .get(60, TimeUnit.SECONDS)
                            .ttl())
                    .as("an asynchronous keep-alive with the dropped token")
                    .isEqualTo(60);

            dropTokensOf(root, "alice", PASSWORD);
            assertThat(alice.leases().ids()).as("a list with the dropped token").contains(id);

            dropTokensOf(root, "alice", PASSWORD);
            assertThat(alice.timeToLive(id, false).grantedTtl())
                    .as("a time-to-live with the dropped token")
                    .isEqualTo(60);

            dropTokensOf(root, "alice", PASSWORD);
            long other = alice.grant(Duration.ofSeconds(30)).id();
            assertThat(other).as("a grant with the dropped token").isNotZero();

            dropTokensOf(root, "alice", PASSWORD);
            assertThat(alice.revoke(other).id())
                    .as("a revoke with the dropped token")
                    .isEqualTo(other);
            alice.revoke(id);
            assertThat(alice.hasJetcd()).isFalse();
        }
    }

    @Test
    void aWrongPasswordIsOneCleanAuthFailure() {
        try (EtcdClient c =
                EtcdClient.create("wrong", config("alice", "not-" + PASSWORD).build())) {
            assertThatThrownBy(() -> c.grant(Duration.ofSeconds(10)))
                    .isInstanceOfSatisfying(
                            EtcdException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.SERVER))
                    .hasMessageContaining("lease grant")
                    .hasMessageContaining("authentication failed")
                    .hasMessageNotContaining("not-" + PASSWORD);
        }
    }
}
