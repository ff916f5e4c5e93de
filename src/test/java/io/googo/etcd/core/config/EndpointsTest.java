package io.googo.etcd.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.EtcdException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "127.0.0.1:2379, http://127.0.0.1:2379",
        "http://127.0.0.1:2379, http://127.0.0.1:2379",
        "HTTPS://etcd.example.com:2379, https://etcd.example.com:2379",
        "https://10.0.0.1:2379/, https://10.0.0.1:2379",
        "' localhost:2379 ', http://localhost:2379",
        "'[::1]:2379', 'http://[::1]:2379'",
    })
    void normalizes(String in, String out) {
        assertThat(Endpoints.normalize(in, "x")).isEqualTo(out);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "localhost",
                "unix://sock",
                "http://host:0",
                "http://host:99999",
                "http://host:2379/path",
                "http://u:p@host:2379",
                "http://host:2379?x=1",
                "host:port",
                "://x"
            })
    void rejects(String in) {
        assertThatThrownBy(() -> Endpoints.normalize(in, "--endpoints"))
                .isInstanceOfSatisfying(EtcdException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
                    assertThat(e.getMessage()).startsWith("--endpoints: ");
                });
    }

    @Test
    void parsesCommaSeparatedLists() {
        assertThat(Endpoints.parseList("a:1, https://b:2,,", "x")).isEqualTo(List.of("http://a:1", "https://b:2"));
        assertThatThrownBy(() -> Endpoints.parseList(" , ", "x")).hasMessage("x: no endpoint given");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://root:hunter2@host:2379",
                "root:hunter2@host:2379",
                "unix://root:hunter2@sock",
                "https://root:hunter2@host:2379/x"
            })
    void messagesDoNotShowCredentials(String in) {
        assertThatThrownBy(() -> Endpoints.normalize(in, "endpoints"))
                .isInstanceOf(EtcdException.class)
                .hasMessageNotContaining("hunter2")
                .hasMessageContaining("REDACTED@");
    }

    @Test
    void tlsIsHttps() {
        assertThat(Endpoints.isTls("https://a:1")).isTrue();
        assertThat(Endpoints.isTls("http://a:1")).isFalse();
    }
}
