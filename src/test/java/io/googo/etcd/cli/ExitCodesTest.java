package io.googo.etcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.googo.etcd.core.ErrorKind;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExitCodesTest {
    @Test
    void everyKindHasTheCodeOfCliMd() {
        Map<ErrorKind, Integer> expected = new EnumMap<>(ErrorKind.class);
        expected.put(ErrorKind.SERVER, 1);
        expected.put(ErrorKind.CONNECTION, 2);
        expected.put(ErrorKind.TIMEOUT, 2);
        expected.put(ErrorKind.INVALID_INPUT, 3);
        expected.put(ErrorKind.UNSUPPORTED, 4);
        expected.put(ErrorKind.INTERRUPTED, 5);
        expected.put(ErrorKind.IO, 6);
        expected.put(ErrorKind.PRECONDITION, 7);
        for (ErrorKind k : ErrorKind.values()) {
            assertThat(ExitCodes.of(k)).as(k.name()).isEqualTo(expected.get(k));
        }
        assertThat(ExitCodes.USAGE).isEqualTo(128);
        assertThat(Arrays.stream(new int[] {
                            ExitCodes.OK,
                            ExitCodes.ERROR,
                            ExitCodes.CONNECTION,
                            ExitCodes.INVALID_INPUT,
                            ExitCodes.UNSUPPORTED,
                            ExitCodes.INTERRUPTED,
                            ExitCodes.IO,
                            ExitCodes.CONDITION,
                            ExitCodes.USAGE
                        })
                        .distinct())
                .hasSize(9);
    }
}
