package io.googo.etcd.core.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The decoder against the hand-written kubectl-style fixtures (src/test/resources/k8s/README.md). */
class KubernetesValuesTest {
    private static final ObjectMapper M = new ObjectMapper();

    static Stream<String> names() {
        return K8sObjects.all().keySet().stream();
    }

    static JsonNode fixture(String name) throws IOException {
        try (InputStream in = KubernetesValuesTest.class.getResourceAsStream("/k8s/" + name + ".json")) {
            assertThat(in).as("fixture k8s/%s.json", name).isNotNull();
            return M.readTree(in);
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void decodesAsKubectlShowsIt(String name) throws IOException {
        K8sObjects.Stored s = K8sObjects.all().get(name);
        Decoded d = KubernetesValues.decode(s.value());
        assertThat(d).as(name).isNotNull();
        assertThat(d.object()).as(name + ": " + d.object().toPrettyString()).isEqualTo(fixture(name));
        boolean partial = name.equals("lease") || name.equals("unknown-kind");
        if (partial) {
            assertThat(d.problem())
                    .as(name)
                    .contains("is not in the protobuf model")
                    .contains("fields [2");
        } else {
            assertThat(d.problem()).as(name).isNull();
        }
        assertThat(d.encoding())
                .isEqualTo(name.equals("custom-resource") ? Decoded.Encoding.JSON : Decoded.Encoding.PROTOBUF);
    }

    @Test
    void otherValuesAreNotObjects() {
        for (String v : new String[] {
            "",
            "hello",
            "{\"a\":1}",
            "{\"apiVersion\":\"v1\"}",
            "[1,2]",
            "{broken",
            "{\"apiVersion\":\"v1\",\"kind\":\"X\"} trailing",
            "k8s"
        }) {
            assertThat(KubernetesValues.decode(v.getBytes(StandardCharsets.UTF_8)))
                    .as(v)
                    .isNull();
        }
        // the magic with garbage after it: not an envelope, shown unchanged
        assertThat(KubernetesValues.decode(new byte[] {'k', '8', 's', 0, (byte) 0xff, (byte) 0xff}))
                .isNull();
    }

    @Test
    void unsupportedContentEncodingIsSaid() {
        byte[] v = K8sObjects.envelope("v1", "ConfigMap", new byte[0]);
        // content encoding is field 3 of runtime.Unknown: append it
        byte[] enc = {0x1a, 4, 'g', 'z', 'i', 'p'};
        byte[] both = new byte[v.length + enc.length];
        System.arraycopy(v, 0, both, 0, v.length);
        System.arraycopy(enc, 0, both, v.length, enc.length);
        Decoded d = KubernetesValues.decode(both);
        assertThat(d.problem()).contains("content encoding 'gzip'");
        assertThat(d.object().get("kind").asText()).isEqualTo("ConfigMap");
    }

    @Test
    void goDurations() {
        assertThat(ProtoObjects.goDuration(0)).isEqualTo("0s");
        assertThat(ProtoObjects.goDuration(3_600_000_000_000L)).isEqualTo("1h0m0s");
        assertThat(ProtoObjects.goDuration(330_000_000_000L)).isEqualTo("5m30s");
        assertThat(ProtoObjects.goDuration(1_500_000_000L)).isEqualTo("1.5s");
        assertThat(ProtoObjects.goDuration(300_000_000L)).isEqualTo("300ms");
        assertThat(ProtoObjects.goDuration(1_500L)).isEqualTo("1.5µs");
        assertThat(ProtoObjects.goDuration(-90_000_000_000L)).isEqualTo("-1m30s");
    }

    @Test
    void everyModelFileIsTheApiVersionItIsListedFor() {
        ProtoModel.FILES.forEach((apiVersion, file) -> {
            String pkg = file.get().getPackage();
            String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
            String group = apiVersion.contains("/")
                    ? apiVersion.substring(
                            0, apiVersion.indexOf('.') > 0 ? apiVersion.indexOf('.') : apiVersion.indexOf('/'))
                    : "core";
            assertThat(pkg).as(apiVersion).endsWith("." + group + "." + version);
        });
    }
}
