package io.googo.etcd.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The value without metadata is written without databind, byte for byte as the ObjectMapper writes it. */
class ServiceValueTest {
    @Test
    void theSameBytesAsTheObjectMapper() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        for (String addr : List.of(
                "10.0.0.5:8080",
                "[::1]:443",
                "host.example:1",
                "quote\"back\\slash",
                "tab\tnew\nline\u0001\u001f",
                "</script>&'",
                "ünïcødé ☃ \uD83D\uDE00",
                "")) {
            ObjectNode o = mapper.createObjectNode();
            o.put("Op", 0);
            o.put("Addr", addr);
            o.set("Metadata", NullNode.getInstance());
            String expected = mapper.writeValueAsString(o);
            assertThat(ServiceValue.withoutMetadata(addr)).as(addr).isEqualTo(expected);
            assertThat(ServiceInstance.value(addr, null)).as(addr).isEqualTo(expected);
            assertThat(ServiceInstance.value(addr, NullNode.getInstance()))
                    .as(addr)
                    .isEqualTo(expected);
        }
    }
}
