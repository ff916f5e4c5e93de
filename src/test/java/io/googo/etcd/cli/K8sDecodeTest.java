package io.googo.etcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.googo.etcd.core.client.EtcdClient;
import io.googo.etcd.core.config.EtcdConfig;
import io.googo.etcd.core.k8s.K8sObjects;
import io.googo.etcd.core.kv.PutOptions;
import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.TestPrefix;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code --decode k8s} and {@code --decoder CMD} on values a Kubernetes API server stores
 * (K8sObjects: encoded with the same protobuf model), put into a real etcd.
 */
class K8sDecodeTest {
    @RegisterExtension
    static final EtcdExtension etcd = EtcdExtension.builder().build();

    private static final ObjectMapper M = new ObjectMapper();
    private static final TestPrefix P = TestPrefix.random();
    /** etcd key → fixture name */
    private static final Map<String, String> NAMES = new HashMap<>();
    /** The revision of the first object put. */
    private static long firstRev;

    @BeforeAll
    static void store() {
        // a busy machine: a generous ceiling, not the kit's 2 s
        try (EtcdClient c = EtcdClient.create(
                "k8s",
                EtcdConfig.builder()
                        .endpoints(etcd.clientUrl())
                        .dialTimeout(Duration.ofSeconds(30))
                        .requestTimeout(Duration.ofSeconds(30))
                        .build())) {
            K8sObjects.all().forEach((name, s) -> {
                String key = P.key(s.key().substring(1));
                NAMES.put(key, name);
                long rev = c.put(
                                key.getBytes(StandardCharsets.UTF_8),
                                s.value(),
                                PutOptions.builder().build())
                        .header()
                        .revision();
                if (firstRev == 0) {
                    firstRev = rev;
                }
            });
            c.put(P.key("plain"), "just text");
        }
    }

    private static Cli cli() {
        return Cli.at(etcd.clientUrl()).global("--dial-timeout", "30s", "--command-timeout", "30s");
    }

    static JsonNode fixture(String name) {
        try (InputStream in = K8sDecodeTest.class.getResourceAsStream("/k8s/" + name + ".json")) {
            return M.readTree(in);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void getOnePodPrintsItsJsonOnTheValueLine() {
        String key = P.key("registry/pods/default/nginx");
        Cli.Result r = cli().run("get", key, "--decode", "k8s");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).as(r.toString()).isEmpty();
        String[] lines = r.out().split("\n");
        assertThat(lines).as(r.toString()).hasSize(2);
        assertThat(lines[0]).isEqualTo(key);
        assertThat(json(lines[1])).as(r.toString()).isEqualTo(fixture("pod"));
    }

    @Test
    void getPrefixJsonHasTheDecodedObjectNextToTheRawValue() {
        Cli.Result r = cli().run("get", "--prefix", P.key("registry/deployments/"), "--decode", "k8s", "-w", "json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode kvs = json(r.out()).path("kvs");
        assertThat(kvs.size()).as(r.toString()).isEqualTo(1);
        JsonNode kv = kvs.get(0);
        assertThat(kv.path("decoded")).as(r.toString()).isEqualTo(fixture("deployment"));
        // nothing lost: the stored bytes are still there
        assertThat(Base64.getDecoder().decode(kv.path("value_base64").asText()))
                .isEqualTo(K8sObjects.all().get("deployment").value());
    }

    @Test
    void everyKindAsJsonAndYaml() throws IOException {
        Cli.Result j = cli().run("get", "--prefix", P.key("registry/"), "--decode", "k8s", "-w", "json");
        assertThat(j.exitCode()).as(j.toString()).isZero();
        int seen = 0;
        for (JsonNode kv : json(j.out()).path("kvs")) {
            String name = NAMES.get(kv.path("key").asText());
            assertThat(kv.path("decoded")).as(name + " in " + j).isEqualTo(fixture(name));
            boolean partial = name.equals("lease") || name.equals("unknown-kind");
            assertThat(kv.has("decode_problem")).as(name + " in " + j).isEqualTo(partial);
            seen++;
        }
        assertThat(seen).as(j.toString()).isEqualTo(K8sObjects.all().size());
        // what could not be decoded is said on stderr, per key
        assertThat(j.err())
                .as(j.toString())
                .contains("warning: " + P.key("registry/leases/kube-node-lease/node-1")
                        + ": coordination.k8s.io/v1 Lease is not in the protobuf model")
                .contains("gadgets.example.dev/v3 Gadget is not in the protobuf model");

        Cli.Result y = cli().run("get", "--prefix", P.key("registry/"), "--decode", "k8s", "-w", "yaml");
        assertThat(y.exitCode()).as(y.toString()).isZero();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<JsonNode> docs = new ArrayList<>();
        yaml.readerFor(JsonNode.class).readValues(y.out()).forEachRemaining(d -> docs.add((JsonNode) d));
        assertThat(docs).as(y.toString()).hasSize(K8sObjects.all().size());
        List<String> keys = new ArrayList<>();
        for (String line : y.out().split("\n")) {
            if (line.startsWith("# ")) {
                keys.add(line.substring(2, line.indexOf(" (mod_revision")));
            }
        }
        for (int i = 0; i < docs.size(); i++) {
            assertThat(docs.get(i)).as(keys.get(i) + " in " + y).isEqualTo(fixture(NAMES.get(keys.get(i))));
        }
        // kubectl -o yaml's look: sorted keys, unquoted strings, lists at the key's indent
        assertThat(y.out())
                .as(y.toString())
                .contains("apiVersion: v1\nkind: Pod\nmetadata:\n")
                .contains("  containers:\n  - image: nginx:1.25\n")
                .contains("deployment.kubernetes.io/revision: \"2\"\n");
    }

    @Test
    void valuesThatAreNoObjectsAreShownUnchanged() {
        Cli.Result r = cli().run("get", P.key("plain"), "--decode", "k8s");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo(P.key("plain") + "\njust text\n");
        Cli.Result j = cli().run("get", P.key("plain"), "--decode", "k8s", "-w", "json");
        assertThat(json(j.out()).path("kvs").get(0).has("decoded"))
                .as(j.toString())
                .isFalse();
    }

    @Test
    void customResourceIsShownAsStored() {
        String key = P.key("registry/example.com/widgets/default/blue");
        Cli.Result r = cli().run("get", key, "--decode", "k8s", "--print-value-only");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.outBytes())
                .isEqualTo((new String(K8sObjects.all().get("custom-resource").value(), StandardCharsets.UTF_8) + "\n")
                        .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void unknownDecodeFormatIsInvalidInput() {
        Cli.Result r = cli().run("get", P.key("plain"), "--decode", "protobuf");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).as(r.toString()).startsWith("Error: unknown decode format 'protobuf'");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void decoderCommandReplacesEachValue() {
        Cli.Result r = cli().run("get", P.key("plain"), "--decoder", "tr a-z A-Z");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).as(r.toString()).isEqualTo(P.key("plain") + "\nJUST TEXT\n");
        Cli.Result j = cli().run("get", P.key("plain"), "--decoder", "tr a-z A-Z", "-w", "json");
        JsonNode kv = json(j.out()).path("kvs").get(0);
        assertThat(kv.path("value").asText()).as(j.toString()).isEqualTo("just text");
        assertThat(kv.path("decoded").asText()).as(j.toString()).isEqualTo("JUST TEXT");
    }

    @Test
    void decoderFailuresAreNamedPerKeyAndExitOne() {
        Cli.Result r =
                cli().run("get", "--prefix", P.key("registry/configmaps/"), "--decoder", "cat >/dev/null; exit 4");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        String key = P.key("registry/configmaps/kube-system/settings");
        assertThat(r.err())
                .as(r.toString())
                .contains("Error: --decoder failed on key " + key + ": exit code 4")
                .contains("Error: --decoder failed on 1 value (named above)");
        // the value itself is still printed, unchanged
        assertThat(r.outBytes()).as(r.toString()).startsWith((key + "\n").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void watchDecodesEachEvent() {
        String key = P.key("registry/pods/default/nginx");
        Cli.Result r =
                cli().run("watch", key, "--rev", Long.toString(firstRev), "--max-events", "1", "--decode", "k8s");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        String[] lines = r.out().split("\n");
        assertThat(lines).as(r.toString()).hasSize(3);
        assertThat(lines[0]).isEqualTo("PUT");
        assertThat(lines[1]).isEqualTo(key);
        assertThat(json(lines[2])).as(r.toString()).isEqualTo(fixture("pod"));

        Cli.Result j = cli().run(
                        "watch",
                        key,
                        "--rev",
                        Long.toString(firstRev),
                        "--max-events",
                        "1",
                        "--decode",
                        "k8s",
                        "-w",
                        "json");
        assertThat(j.exitCode()).as(j.toString()).isZero();
        assertThat(json(j.out()).path("decoded")).as(j.toString()).isEqualTo(fixture("pod"));
    }

    @Test
    void txnGetsAreDecoded() {
        String key = P.key("registry/services/specs/default/web");
        Cli.Result r = cli().stdin("\nget " + key + "\n\n").run("txn", "--decode", "k8s");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        String[] lines = r.out().split("\n");
        assertThat(lines[0]).as(r.toString()).isEqualTo("SUCCESS");
        assertThat(lines[lines.length - 1]).as(r.toString()).startsWith("{");
        assertThat(json(lines[lines.length - 1])).as(r.toString()).isEqualTo(fixture("service"));
    }

    @Test
    void batchLinesDecode() {
        String key = P.key("registry/secrets/default/creds");
        Cli.Result r =
                cli().stdin("get " + key + " --decode k8s --print-value-only\n").run("batch");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode secret = json(r.out().trim());
        assertThat(secret).as(r.toString()).isEqualTo(fixture("secret"));
        // Secret data stays base64, as kubectl shows it
        assertThat(secret.path("data").path("username").asText()).isEqualTo("YWRtaW4=");
    }

    @Test
    void dumpAddsDecodedAndLoadRefusesSuchADumpBeforeWritingAnything() {
        Cli.Result d = cli().run("dump", P.key("registry/configmaps/"), "--decode", "k8s");
        assertThat(d.exitCode()).as(d.toString()).isZero();
        JsonNode line = json(d.out().trim());
        assertThat(line.path("decoded")).as(d.toString()).isEqualTo(fixture("configmap"));
        assertThat(line.has("value_base64")).as(d.toString()).isTrue();

        // a decoded dump of plain keys: every line has "decoded", so load stops at line 1
        TestPrefix q = TestPrefix.random();
        assertThat(cli().run("put", q.key("one"), "1").exitCode()).isZero();
        assertThat(cli().run("put", q.key("two"), "2").exitCode()).isZero();
        Cli.Result plain = cli().run("dump", q.value(), "--decode", "k8s");
        assertThat(plain.out()).as(plain.toString()).contains("\"decoded\":null");
        assertThat(cli().run("del", "--prefix", q.value()).exitCode()).isZero();
        Cli.Result load = cli().stdin(plain.out()).run("load");
        assertThat(load.exitCode()).as(load.toString()).isEqualTo(3);
        assertThat(load.err()).as(load.toString()).contains("line 1: a decoded value (dump --decode) cannot be loaded");
        Cli.Result after = cli().run("get", "--prefix", q.value(), "--count-only");
        assertThat(after.out().trim()).as(after + " / " + load).isEqualTo("0");
    }

    @Test
    void aProfileCanDecodeByDefault(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
        java.nio.file.Path config = dir.resolve("config.yaml");
        java.nio.file.Files.writeString(config, """
                current: kube
                clusters:
                  kube:
                    endpoints: [%s]
                    decode: k8s
                """.formatted(etcd.clientUrl()));
        java.nio.file.Files.setPosixFilePermissions(
                config, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Cli c = Cli.bare().home(dir).global("--config", config.toString(), "--command-timeout", "30s");
        String key = P.key("registry/configmaps/kube-system/settings");
        Cli.Result r = c.run("get", key, "--print-value-only");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(json(r.out().trim())).as(r.toString()).isEqualTo(fixture("configmap"));
        Cli.Result off = c.run("get", key, "--print-value-only", "--decode", "none");
        assertThat(off.outBytes()).as(off.toString()).startsWith(new byte[] {'k', '8', 's', 0});
        java.nio.file.Path badConfig = dir.resolve("bad.yaml");
        java.nio.file.Files.writeString(badConfig, """
                current: bad
                clusters:
                  bad:
                    endpoints: [%s]
                    decode: protobuf
                """.formatted(etcd.clientUrl()));
        java.nio.file.Files.setPosixFilePermissions(
                badConfig, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Cli.Result bad =
                Cli.bare().home(dir).global("--config", badConfig.toString()).run("get", key);
        assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(3);
        assertThat(bad.err()).as(bad.toString()).contains("decode must be k8s or none");
    }

    private static JsonNode json(String s) {
        try {
            return M.readTree(s);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + s, e);
        }
    }
}
