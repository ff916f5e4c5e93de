package io.googo.etcd.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.key.ServiceKeys;
import io.googo.etcd.core.kv.Kv;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Service key layout, the naming-format value, and metadata parsing. No server. */
class ServiceKeysTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void keyLayout() {
        assertThat(ServiceKeys.instanceKey("services", "web", "10.0.0.5:8080")).isEqualTo("services/web/10.0.0.5:8080");
        assertThat(ServiceKeys.servicePrefix("/t/services/", "web")).isEqualTo("/t/services/web/");
        assertThat(ServiceKeys.instanceKey("services", "web", "dns:host/x")).isEqualTo("services/web/dns:host/x");
    }

    @Test
    void badNamesAreInvalidInput() {
        for (String[] c : new String[][] {
            {"services", "a/b", "x:1"},
            {"services", "", "x:1"},
            {"services", "web", ""},
            {"services", "web", "/"},
            {"services", "web", "a//b"},
            {"services", "web", "x/"},
            {"services", "web", ".."},
            {"", "web", "x:1"},
            {"/", "web", "x:1"},
            {"services", "we\u0001b", "x:1"}
        }) {
            assertThatThrownBy(() -> ServiceKeys.instanceKey(c[0], c[1], c[2]))
                    .as(String.join("|", c))
                    .isInstanceOfSatisfying(
                            EtcdException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT));
        }
    }

    @Test
    void valueIsEtcdsNamingFormat() throws Exception {
        String v = ServiceInstance.value("10.0.0.5:8080", ServiceInstance.parseMetadata("{\"zone\":\"a\"}"));
        assertThat(v).isEqualTo("{\"Op\":0,\"Addr\":\"10.0.0.5:8080\",\"Metadata\":{\"zone\":\"a\"}}");
        assertThat(ServiceInstance.value("h:1", null)).isEqualTo("{\"Op\":0,\"Addr\":\"h:1\",\"Metadata\":null}");
        ServiceInstance i = ServiceInstance.of(new Kv(
                "s/web/h:1".getBytes(StandardCharsets.UTF_8), v.getBytes(StandardCharsets.UTF_8), 3, 4, 1, 0x1f));
        assertThat(i.addr()).isEqualTo("10.0.0.5:8080");
        assertThat(i.metadata()).isEqualTo(JSON.readTree("{\"zone\":\"a\"}"));
        assertThat(i.lease()).isEqualTo(0x1f);
    }

    @Test
    void badMetadataAndBadValues() {
        for (String bad : new String[] {"{bad", "{} {}", "", "[1,"}) {
            assertThatThrownBy(() -> ServiceInstance.parseMetadata(bad))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            EtcdException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT));
        }
        assertThat(ServiceInstance.parseMetadata("42").asInt()).isEqualTo(42);
        for (String bad : new String[] {"nope", "[]", "{\"Op\":1,\"Addr\":\"x\"}", "{\"Op\":0}", "{\"Addr\":5}"}) {
            Kv kv = new Kv("k".getBytes(StandardCharsets.UTF_8), bad.getBytes(StandardCharsets.UTF_8), 1, 1, 1, 0);
            assertThatThrownBy(() -> ServiceInstance.of(kv)).as(bad).isInstanceOf(EtcdException.class);
        }
    }
}
