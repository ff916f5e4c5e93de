package io.googo.etcd.core.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.EtcdException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeysTest {

    @Test
    void prefixEndIncrementsTheLastByteThatCanBe() {
        assertThat(KeyRanges.prefixEnd(new byte[] {'a', 'b'})).containsExactly('a', 'c');
        assertThat(KeyRanges.prefixEnd(new byte[] {'a', (byte) 0xff})).containsExactly('b');
        assertThat(KeyRanges.prefixEnd(new byte[] {(byte) 0xff, (byte) 0xff})).containsExactly(0);
        assertThat(KeyRanges.prefixEnd(new byte[0])).containsExactly(0);
        assertThat(KeyRanges.successor(new byte[] {'a'})).containsExactly('a', 0);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"''|must not be empty", "a\\b|must not contain '\\'", "a/../b|'..' segment", "..|'..' segment"})
    void badNamesAreRefusedNamingTheRule(String name, String rule) {
        assertThatThrownBy(() -> KeyNames.checkPath(name, "lock name"))
                .isInstanceOf(EtcdException.class)
                .hasMessageContaining(rule)
                .extracting(e -> ((EtcdException) e).kind())
                .isEqualTo(ErrorKind.INVALID_INPUT);
    }

    @Test
    void controlCharactersAndOversizeNamesAreRefused() {
        assertThatThrownBy(() -> KeyNames.checkPath("a\u0001b", "name"))
                .hasMessageContaining("control characters")
                .hasMessageContaining("\\x01");
        assertThatThrownBy(() -> KeyNames.checkPath("x".repeat(1025), "name")).hasMessageContaining("1024 bytes");
        assertThat(KeyNames.checkPath("x".repeat(1024), "name")).hasSize(1024);
    }

    @Test
    void aServiceNameIsOneSegment() {
        assertThat(KeyNames.checkSegment("billing", "service name")).isEqualTo("billing");
        assertThat(KeyNames.checkPath("jobs/nightly", "lock name")).isEqualTo("jobs/nightly");
        assertThatThrownBy(() -> KeyNames.checkSegment("a/b", "service name")).hasMessageContaining("'/'");
    }
}
