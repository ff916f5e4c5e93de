package io.googo.etcd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.googo.etcd.core.EtcdException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the arguments and environment are read from their bytes, and when the JVM's strings are kept. */
class ProcessInputTest {
    static final String KEY = "loc/\u043a\u043b\u044e\u0447";

    static byte[] cmdline(byte[]... entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] e : entries) {
            out.writeBytes(e);
            out.write(0);
        }
        return out.toByteArray();
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theArgumentsAreTheLastEntriesOfTheCommandLineDecodedAsUtf8() {
        byte[] raw = cmdline(b("java"), b("-jar"), b("g.jar"), b("put"), b(KEY), b(""), b("v"));
        String[] jvm = {"put", "loc/\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD", "", "v"};
        assertThat(ProcessInput.arguments(raw, jvm, StandardCharsets.US_ASCII)).containsExactly("put", KEY, "", "v");
    }

    @Test
    void anArgumentThatIsNotUtf8IsRefusedNamingIt() {
        byte[] raw = cmdline(b("java"), b("put"), new byte[] {'k', (byte) 0xff}, b("v"));
        assertThatThrownBy(
                        () -> ProcessInput.arguments(raw, new String[] {"put", "k\uFFFD", "v"}, StandardCharsets.UTF_8))
                .isInstanceOf(EtcdException.class)
                .hasMessageStartingWith("argument 2 (\"k\\xff\") is not valid UTF-8 (byte 0xFF at column 2)");
    }

    @Test
    void aCommandLineThatIsNotTheArgumentsLeavesTheJvmsStringsButNeverAReplacementCharacter() {
        byte[] other = cmdline(b("surefire"), b("x"), b("y"));
        assertThat(ProcessInput.arguments(other, new String[] {"get", "k"}, StandardCharsets.UTF_8))
                .containsExactly("get", "k");
        assertThat(ProcessInput.arguments(null, new String[] {"get", KEY}, StandardCharsets.UTF_8))
                .containsExactly("get", KEY);
        assertThatThrownBy(
                        () -> ProcessInput.arguments(null, new String[] {"put", "k\uFFFD"}, StandardCharsets.US_ASCII))
                .isInstanceOf(EtcdException.class)
                .hasMessageContaining("argument 2");
        // too few entries, or not NUL-terminated
        assertThat(ProcessInput.arguments(cmdline(b("get")), new String[] {"get"}, StandardCharsets.UTF_8))
                .containsExactly("get");
        assertThat(ProcessInput.arguments(b("java\0get"), new String[] {"get"}, StandardCharsets.UTF_8))
                .containsExactly("get");
    }

    @Test
    void theEnvironmentIsReadAsUtf8AndABadValueKeepsTheJvmsString() {
        byte[] environ = cmdline(b("HOME=/home/\u00e9"), b("K=" + KEY), new byte[] {'B', '=', (byte) 0xff}, b("E="));
        Map<String, String> jvm = Map.of("HOME", "/home/\uFFFD\uFFFD", "K", "loc/????????", "B", "\uFFFD", "E", "");
        assertThat(ProcessInput.environment(environ, jvm))
                .containsExactlyInAnyOrderEntriesOf(Map.of("HOME", "/home/\u00e9", "K", KEY, "B", "\uFFFD", "E", ""));
        // names that differ from the JVM's: not this process's environment
        assertThat(ProcessInput.environment(cmdline(b("X=1")), jvm)).isSameAs(jvm);
    }

    @Test
    void filesTheJvmOpensForItselfAreNotStandardInput() {
        assertThat(ProcessInput.jvmOwnFile(Path.of(System.getProperty("java.home"), "lib", "modules")
                        .toString()))
                .isTrue();
        assertThat(ProcessInput.jvmOwnFile("/home/u/.cache/gooetcd/gooetcd-1234.jsa"))
                .isTrue();
        assertThat(ProcessInput.jvmOwnFile("/home/u/.cache/gooetcd/gooetcd-1234.aot"))
                .isTrue();
        assertThat(ProcessInput.jvmOwnFile("pipe:[1234]")).isFalse();
        assertThat(ProcessInput.jvmOwnFile("/dev/null")).isFalse();
        assertThat(ProcessInput.jvmOwnFile("/dev/pts/3")).isFalse();
        assertThat(ProcessInput.jvmOwnFile("/tmp/input.ndjson")).isFalse();
    }
}
