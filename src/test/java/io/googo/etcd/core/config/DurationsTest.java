package io.googo.etcd.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.EtcdException;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest(name = "{0} = {1}ns")
    @CsvSource({
        "500ms, 500000000",
        "5s, 5000000000",
        "1m30s, 90000000000",
        "1.5h, 5400000000000",
        "0, 0",
        "0s, 0",
        "1h2m3s, 3723000000000",
        "250us, 250000",
        "250µs, 250000",
        "10ns, 10",
        ".5s, 500000000",
        "1.5ns, 1",
        "2h45m, 9900000000000",
    })
    void parsesGoDurations(String text, long nanos) {
        assertThat(Durations.parse(text, "x")).isEqualTo(Duration.ofNanos(nanos));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "5 s", "-1s", "abc", "", " ", "1x", "s", "1s2", "1.2.3s", "+5s", "5S"})
    void rejectsBadDurationsNamingTheField(String text) {
        assertThatThrownBy(() -> Durations.parse(text, "dial-timeout"))
                .isInstanceOfSatisfying(EtcdException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
                    assertThat(e.getMessage()).startsWith("dial-timeout: ").doesNotContain("\n");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999999999h", "9223372036854775808ns"})
    void rejectsOutOfRange(String text) {
        assertThatThrownBy(() -> Durations.parse(text, "x")).hasMessageContaining("out of range");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0s", "0ms"})
    void parsePositiveRefusesZero(String text) {
        assertThatThrownBy(() -> Durations.parsePositive(text, "request-timeout"))
                .isInstanceOf(EtcdException.class)
                .hasMessageStartingWith("request-timeout: ");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // nanos, what Go's time.Duration.String() prints
        "0, 0s",
        "1, 1ns",
        "1500, 1.5µs",
        "500000000, 500ms",
        "1500000, 1.5ms",
        "5000000000, 5s",
        "1500000000, 1.5s",
        "90000000000, 1m30s",
        "60000000000, 1m0s",
        "3600000000000, 1h0m0s",
        "5400000000000, 1h30m0s",
        "3723000000000, 1h2m3s",
        "3723500000000, 1h2m3.5s",
    })
    void formatsLikeGoAndRoundTrips(long nanos, String go) {
        Duration d = Duration.ofNanos(nanos);
        assertThat(Durations.format(d)).isEqualTo(go);
        assertThat(Durations.parse(go, "x")).isEqualTo(d);
    }
}
