package io.googo.etcd.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.ByteSequence;
import io.googo.etcd.core.config.EtcdConfig;
import io.googo.etcd.core.txn.Compare;
import io.googo.etcd.core.txn.TxnOp;
import io.googo.etcd.core.txn.TxnRequest;
import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.TestPrefix;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The key-value transport's auth token: when etcd drops it (a password change drops every token of
 * the user), the next call gets a new one and is made again, as jetcd's own calls do.
 */
class DirectTransportAuthTest {
    private static final String PASSWORD = "alice-direct-pw";

    @RegisterExtension
    static final EtcdExtension etcd =
            EtcdExtension.builder().rootPassword("root-pw").build();

    @BeforeAll
    static void addAlice() {
        etcd.process().addUser("alice", PASSWORD, "/t-");
    }

    private static EtcdClient client(String user, String password) {
        return EtcdClient.create(
                user,
                EtcdConfig.builder()
                        .endpoints(etcd.clientUrl())
                        .username(user)
                        .password(password)
                        .dialTimeout(Duration.ofSeconds(30))
                        .requestTimeout(Duration.ofSeconds(30))
                        .build());
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    @Test
    void aDroppedTokenIsRenewedAndTheCallMadeAgain(TestPrefix prefix) throws Exception {
        try (EtcdClient alice = client("alice", PASSWORD);
                EtcdClient root = client("root", "root-pw")) {
            alice.put(prefix.key("a"), "1"); // alice now holds a token
            // the same password again: etcd drops every token alice holds
            root.jetcd()
                    .getAuthClient()
                    .userChangePassword(bytes("alice"), bytes(PASSWORD))
                    .get(30, TimeUnit.SECONDS);
            assertThat(alice.getValue(prefix.key("a")))
                    .as("a get with the dropped token")
                    .isEqualTo("1");

            root.jetcd()
                    .getAuthClient()
                    .userChangePassword(bytes("alice"), bytes(PASSWORD))
                    .get(30, TimeUnit.SECONDS);
            alice.put(prefix.key("b"), "2");
            assertThat(alice.getValue(prefix.key("b")))
                    .as("a put with the dropped token")
                    .isEqualTo("2");

            root.jetcd()
                    .getAuthClient()
                    .userChangePassword(bytes("alice"), bytes(PASSWORD))
                    .get(30, TimeUnit.SECONDS);
            var r = alice.txn(new TxnRequest(
                    List.of(Compare.value(prefix.key("b"), Compare.Operator.EQUAL, "2")),
                    List.of(TxnOp.Put.of(prefix.key("c"), "3")),
                    List.of()));
            assertThat(r.succeeded()).as("a txn with the dropped token: %s", r).isTrue();
            assertThat(alice.getValue(prefix.key("c"))).isEqualTo("3");
        }
    }
}
