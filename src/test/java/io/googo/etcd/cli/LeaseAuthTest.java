package io.googo.etcd.cli;

import static io.googo.etcd.cli.CliAssertions.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import io.googo.etcd.core.client.EtcdClient;
import io.googo.etcd.core.config.EtcdConfig;
import io.googo.etcd.core.lock.DistributedLock;
import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.TestPrefix;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Leases and locks on an etcd with auth enabled: {@code lease list} goes over a hand-declared RPC that must
 * carry jetcd's credentials.
 */
class LeaseAuthTest {
    private static final String PASSWORD = "root-pw";

    @RegisterExtension
    static final EtcdExtension etcd =
            EtcdExtension.builder().rootPassword(PASSWORD).build();

    private static Cli cli() {
        return Cli.at(etcd.clientUrl()).env("GOOETCD_PASSWORD", PASSWORD).global("--user", "root");
    }

    @Test
    void leaseCommandsWorkWithAuth() {
        Cli.Result grant = cli().run("lease", "grant", "60");
        assertOk(grant);
        String id = grant.out().split(" ")[1];
        Cli.Result list = cli().run("lease", "list");
        assertOk(list);
        assertThat(list.out().lines()).contains(id);
        assertOk(cli().run("lease", "keep-alive", id, "--once"));
        assertOk(cli().run("lease", "timetolive", id, "--keys"));
        assertOk(cli().run("lease", "revoke", id));

        // etcd does not check LeaseLeases itself, so this shows that the call carries jetcd's credentials
        Cli.Result wrong = Cli.at(etcd.clientUrl())
                .env("GOOETCD_PASSWORD", "wrong-pw")
                .global("--user", "root")
                .run("lease", "list");
        CliAssertions.assertCleanError(wrong, 1, "lease list", "authentication failed");
    }

    @Test
    void theCoreLeaseAndLockCallsWorkWithAuth(TestPrefix prefix) {
        EtcdConfig config = EtcdConfig.builder()
                .endpoints(etcd.clientUrl())
                .username("root")
                .password(PASSWORD)
                .dialTimeout(Duration.ofSeconds(2))
                .requestTimeout(Duration.ofSeconds(2))
                .build();
        try (EtcdClient client = EtcdClient.create("auth", config)) {
            long id = client.grant(Duration.ofSeconds(60)).id();
            assertThat(client.leases().ids()).contains(id);
            assertThat(client.keepAliveOnce(id).ttl()).isEqualTo(60);
            try (DistributedLock lock = new DistributedLock(client, prefix.key("lock"), Duration.ofSeconds(5))) {
                assertThat(lock.tryLock()).isTrue();
                assertThat(lock.key()).startsWith(prefix.key("lock/"));
            }
            client.revoke(id);
        }
    }
}
