package io.googo.etcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    @BeforeAll
    static void store() {
        // a busy machine: a generous ceiling, not the kit's 2 s
        try (EtcdClient c = EtcdClient.create("k8s", EtcdConfig.builder().endpoints(etcd.clientUrl())
                .dialTimeout(Duration.ofSeconds(30)).requestTimeout(Duration.ofSeconds(30)).build())) {
            K8sObjects.all().forEach((name, s) -> {
                String key = P.key(s.key().substring(1));
                NAMES.put(key, name);
                c.put(key.getBytes(StandardCharsets.UTF_8), s.value(), PutOptions.builder().build());
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
        assertThat(j.err()).as(j.toString())
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
        assertThat(y.out()).as(y.toString()).contains("apiVersion: v1\nkind: Pod\nmetadata:\n")
                .contains("  containers:\n  - image: nginx:1.25\n")
                .contains("deployment.kubernetes.io/revision: \"2\"\n");
    }

    @Test
    void valuesThatAreNoObjectsAreShownUnchanged() {
        Cli.Result r = cli().run("get", P.key("plain"), "--decode", "k8s");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo(P.key("plain") + "\njust text\n");
        Cli.Result j = cli().run("get", P.key("plain"), "--decode", "k8s", "-w", "json");
        assertThat(json(j.out()).path("kvs").get(0).has("decoded")).as(j.toString()).isFalse();
    }

    @Test
    void customResourceIsShownAsStored() {
        String key = P.key("registry/example.com/widgets/default/blue");
        Cli.Result r = cli().run("get", key, "--decode", "k8s", "--print-value-only");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.outBytes()).isEqualTo((new String(K8sObjects.all().get("custom-resource").value(),
                StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8));
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
        Cli.Result r = cli().run("get", "--prefix", P.key("registry/configmaps/"), "--decoder",
                "cat >/dev/null; exit 4");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        String key = P.key("registry/configmaps/kube-system/settings");
        assertThat(r.err()).as(r.toString()).contains("Error: --decoder failed on key " + key + ": exit code 4")
                .contains("Error: --decoder failed on 1 value (named above)");
        // the value itself is still printed, unchanged
        assertThat(r.outBytes()).as(r.toString()).startsWith((key + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode json(String s) {
        try {
            return M.readTree(s);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + s, e);
        }
    }
}
