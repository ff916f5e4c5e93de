package io.googo.etcd.cli;

import static io.googo.etcd.cli.CliAssertions.assertCleanError;
import static org.assertj.core.api.Assertions.assertThat;

import io.googo.etcd.core.client.EtcdClient;
import io.googo.etcd.core.kv.GetOptions;
import io.googo.etcd.core.registry.RegistrationEvent;
import io.googo.etcd.core.registry.ServiceRegistrar;
import io.googo.etcd.core.registry.ServiceResolver;
import io.googo.etcd.testkit.Await;
import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.TestPrefix;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code register} bad input and {@code discover} in-process; the core registrar and resolver. */
class RegisterCommandTest {
    @RegisterExtension
    static final EtcdExtension etcd = EtcdExtension.builder().build();

    private static EtcdClient client;

    @BeforeAll
    static void connect() {
        client = etcd.newClient("test");
    }

    @AfterAll
    static void close() {
        client.close();
    }

    private static Cli.Result run(String... args) {
        return Cli.at(etcd.clientUrl()).run(args);
    }

    private static long countUnder(String prefix) {
        return client.get(
                        prefix.getBytes(StandardCharsets.UTF_8),
                        GetOptions.builder().prefix(true).build())
                .count();
    }

    @Test
    void badInputExits3WithOneLineAndWritesNothing(TestPrefix prefix) {
        String pfx = prefix.key("services");
        List<List<String>> cases = List.of(
                List.of("web", "/"),
                List.of("web", ""),
                List.of("web", "/abs"),
                List.of("web", "a//b"),
                List.of("web", "a\\b"),
                List.of("a/b", "10.0.0.1:80"),
                List.of("", "10.0.0.1:80"),
                List.of("web", "10.0.0.1:80", "--metadata", "{bad"),
                List.of("web", "10.0.0.1:80", "--metadata", "{} {}"),
                List.of("web", "10.0.0.1:80", "--ttl", "1500ms"),
                List.of("web", "10.0.0.1:80", "--ttl", "0"),
                List.of("web", "10.0.0.1:80", "--check-failures", "0"),
                List.of("web", "10.0.0.1:80", "--check-http", "not a url"));
        for (List<String> c : cases) {
            String[] args = new String[c.size() + 3];
            args[0] = "register";
            for (int i = 0; i < c.size(); i++) {
                args[i + 1] = c.get(i);
            }
            args[c.size() + 1] = "--prefix";
            args[c.size() + 2] = pfx;
            Cli.Result r = run(args);
            assertCleanError(r, 3);
            assertThat(r.out()).as(r.toString()).isEmpty();
        }
        // flags that exclude each other are a usage error, as in etcdctl
        assertCleanError(
                run(
                        "register",
                        "web",
                        "10.0.0.1:80",
                        "--check-http",
                        "http://x/",
                        "--check-cmd",
                        "true",
                        "--prefix",
                        pfx),
                128,
                "--check-http and --check-cmd");
        assertCleanError(run("discover", "a/b", "--prefix", pfx), 3, "must not contain '/'");
        assertCleanError(run("discover", "a", "--watch", "-w", "table", "--prefix", pfx), 4);
        assertThat(countUnder(pfx)).isZero();
    }

    @Test
    void discoverListsInstancesAndSkipsBadValues(TestPrefix prefix) throws Exception {
        String pfx = prefix.key("services");
        List<RegistrationEvent> events = new CopyOnWriteArrayList<>();
        try (ServiceRegistrar r = ServiceRegistrar.builder(client, "db", "10.1.1.1:5432")
                .prefix(pfx)
                .ttl(Duration.ofSeconds(2))
                .metadata(new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"role\":\"primary\"}"))
                .listener(events::add)
                .build()
                .start()) {
            client.put(pfx + "/db/garbage", "not json");
            Cli.Result s = run("discover", "db", "--prefix", pfx);
            assertThat(s.exitCode()).as(s.toString()).isZero();
            assertThat(s.out())
                    .as(s.toString())
                    .startsWith("10.1.1.1:5432 lease=" + String.format("%016x", r.leaseId()) + " revision=")
                    .endsWith(" metadata={\"role\":\"primary\"}\n");
            assertThat(s.err()).as(s.toString()).startsWith("Warning: service key " + pfx + "/db/garbage");
            Cli.Result t = run("discover", "db", "--prefix", pfx, "-w", "table");
            assertThat(t.out()).as(t.toString()).contains("| ADDR ").contains("10.1.1.1:5432");
            Cli.Result j = run("discover", "db", "--prefix", pfx, "-w", "json");
            var doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(j.out());
            assertThat(doc.get("count").asInt()).as(j.toString()).isEqualTo(1);
            assertThat(doc.get("instances").get(0).get("metadata").get("role").asText())
                    .isEqualTo("primary");

            var list = new ServiceResolver(client, pfx, "db").list();
            assertThat(list.instances()).hasSize(1);
            assertThat(list.invalid()).hasSize(1);
        }
        assertThat(events)
                .extracting(e -> e.type())
                .containsExactly(RegistrationEvent.Type.REGISTERED, RegistrationEvent.Type.DEREGISTERED);
        Await.until(Duration.ofSeconds(1), () -> countUnder(pfx + "/db/1") == 0, "key gone after close");
    }
}
