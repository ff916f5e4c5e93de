package io.googo.etcd.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.EtcdException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SizesTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "2097152, 2097152",
        "2MiB, 2097152",
        "2mib, 2097152",
        "512KiB, 524288",
        "2MB, 2000000",
        "1KB, 1000",
        "2M, 2097152",
        "1GiB, 1073741824",
        "1, 1",
        "10b, 10",
        "'4 MiB', 4194304",
    })
    void parses(String text, int bytes) {
        assertThat(Sizes.parse(text, "x")).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "0",
                "-1",
                "2XB",
                "MiB",
                "1.5MiB",
                "2GiB",
                "3GB",
                "99999999999999999999",
                "9999999999999999GiB",
                "2 MiB extra"
            })
    void rejects(String text) {
        assertThatThrownBy(() -> Sizes.parse(text, "max-send-message-size"))
                .isInstanceOfSatisfying(EtcdException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
                    assertThat(e.getMessage()).startsWith("max-send-message-size: ");
                });
    }

    @ParameterizedTest
    @CsvSource({"2097152, 2MiB", "524288, 512KiB", "1000, 1000", "1048577, 1048577"})
    void formatsAndRoundTrips(int bytes, String text) {
        assertThat(Sizes.format(bytes)).isEqualTo(text);
        assertThat(Sizes.parse(text, "x")).isEqualTo(bytes);
    }
}
