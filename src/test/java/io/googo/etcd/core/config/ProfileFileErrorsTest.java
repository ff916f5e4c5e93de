package io.googo.etcd.core.config;

import static io.googo.etcd.core.config.ProfileFileTest.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.EtcdException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way a profile file can be wrong: kind INVALID_INPUT, one line that names the file,
 * the line and column, and the field, and never the password.
 */
class ProfileFileErrorsTest {
    /** {@code FILE:LINE:COL: } at the start of a message. */
    private static final Pattern WHERE = Pattern.compile("^(.+?):(\\d+):(\\d+): ");

    @TempDir
    Path dir;

    /** A profile with an inline secret first, so that every message could leak it. */
    private static String prod(String... lines) {
        StringBuilder sb = new StringBuilder(
                "current: prod\nclusters:\n  prod:\n    username: root\n    password: " + SECRET + "\n");
        for (String l : lines) {
            sb.append("    ").append(l).append('\n');
        }
        return sb.toString();
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
                // name, file text, field named in the message, line:column, more text expected
                Arguments.of(
                        "malformed: unclosed flow list",
                        prod("endpoints: [a:1, b:2"),
                        "clusters.prod.endpoints",
                        "7:1",
                        "malformed YAML"),
                Arguments.of(
                        "malformed: bad escape on the password line",
                        "clusters:\n  prod:\n    username: root\n    password: \"" + SECRET + "\\q\"\n",
                        "clusters.prod.password",
                        "4:31",
                        "malformed YAML"),
                Arguments.of(
                        "malformed: tab indentation",
                        prod("tls:", "\tenabled: true"),
                        "clusters.prod.tls",
                        "7:5",
                        "malformed YAML"),
                // the scanner reads ahead, so the error comes before the key is seen: the
                // message says "near clusters.prod", the position is exact
                Arguments.of(
                        "malformed: mapping value in a plain scalar",
                        prod("namespace: a: b"),
                        "clusters.prod",
                        "6:17",
                        "mapping values are not allowed"),
                Arguments.of(
                        "unknown key at top level",
                        "curent: prod\n" + prod().substring("current: prod\n".length()),
                        "curent",
                        "1:1",
                        "did you mean current?"),
                Arguments.of(
                        "unknown key in a profile",
                        prod("endpoint: a:1"),
                        "clusters.prod.endpoint",
                        "6:5",
                        "did you mean endpoints?"),
                Arguments.of(
                        "unknown key in tls",
                        prod("tls:", "  ca-fle: /etc/ca.pem"),
                        "clusters.prod.tls.ca-fle",
                        "7:7",
                        "did you mean ca-file?"),
                Arguments.of(
                        "duplicate key",
                        prod("namespace: /a/", "namespace: /b/"),
                        "clusters.prod.namespace",
                        "7:5",
                        "duplicate"),
                Arguments.of(
                        "wrong type: endpoints as a mapping",
                        prod("endpoints: {a: 1}"),
                        "clusters.prod.endpoints",
                        "6:16",
                        "mapping"),
                Arguments.of(
                        "wrong type: boolean",
                        prod("compression: sometimes"),
                        "clusters.prod.compression",
                        "6:18",
                        "true or false"),
                Arguments.of("wrong type: tls as a boolean", prod("tls: true"), "clusters.prod.tls", "6:10", "mapping"),
                Arguments.of(
                        "wrong type: username as a list",
                        prod("tls: {enabled: true}").replace("username: root", "username: [a, b]"),
                        "clusters.prod.username",
                        "4:15",
                        "single value"),
                Arguments.of("wrong type: clusters as a list", "clusters: [a, b]\n", "clusters", "1:11", "mapping"),
                Arguments.of(
                        "wrong type: size as a boolean",
                        prod("max-send-message-size: true"),
                        "clusters.prod.max-send-message-size",
                        "6:28",
                        "size"),
                Arguments.of(
                        "bad duration with a space",
                        prod("dial-timeout: 5 seconds"),
                        "clusters.prod.dial-timeout",
                        "6:19",
                        "5 seconds"),
                Arguments.of(
                        "bad duration without a unit",
                        prod("request-timeout: 5"),
                        "clusters.prod.request-timeout",
                        "6:22",
                        "Go-style"),
                Arguments.of(
                        "zero timeout",
                        prod("dial-timeout: 0s"),
                        "clusters.prod.dial-timeout",
                        "6:19",
                        "greater than 0"),
                Arguments.of(
                        "bad size",
                        prod("max-receive-message-size: 2XB"),
                        "clusters.prod.max-receive-message-size",
                        "6:31",
                        "2XB"),
                Arguments.of(
                        "bad endpoint in a list",
                        prod("endpoints: [10.0.0.1:2379, 'unix:///run/etcd.sock']"),
                        "clusters.prod.endpoints",
                        "6:32",
                        "unix:///run/etcd.sock"),
                Arguments.of(
                        "endpoint without a port",
                        prod("endpoints: etcd.internal"),
                        "clusters.prod.endpoints",
                        "6:16",
                        "etcd.internal"),
                Arguments.of(
                        "empty endpoint list",
                        prod("endpoints: []"),
                        "clusters.prod.endpoints",
                        "6:16",
                        "at least one"),
                Arguments.of(
                        "two password sources", prod("password-env: PROD_PW"), "clusters.prod", "6:5", "password-env"),
                Arguments.of(
                        "password-env not a name",
                        "clusters:\n  p:\n    username: u\n    password-env: $PW\n",
                        "clusters.p.password-env",
                        "4:19",
                        "environment variable"),
                Arguments.of("two YAML documents", prod() + "---\ncurrent: x\n", "top level", "7:1", "document"),
                Arguments.of(
                        "an alias",
                        prod("endpoints: &e [a:1]", "namespace: *e"),
                        "clusters.prod.namespace",
                        "7:16",
                        "alias"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void loadRejects(String name, String text, String field, String lineCol, String detail) throws IOException {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, text);
        EtcdException e = catchThrowableOfType(EtcdException.class, () -> ProfileFile.load(file));
        assertThat(e).as("no exception for " + name).isNotNull();
        assertOneLine(e, file, field, lineCol);
        assertThat(e.getMessage()).contains(detail);
    }

    static Stream<Arguments> badAtResolve() {
        return Stream.of(
                Arguments.of(
                        "unset password-env",
                        "current: prod\nclusters:\n  prod:\n    username: root\n    password-env: PROD_PW\n",
                        Map.of("OTHER", SECRET),
                        "clusters.prod.password-env",
                        "5:19",
                        "PROD_PW"),
                Arguments.of(
                        "empty password-env",
                        "current: prod\nclusters:\n  prod:\n    username: root\n    password-env: PROD_PW\n",
                        Map.of("PROD_PW", ""),
                        "clusters.prod.password-env",
                        "5:19",
                        "PROD_PW"),
                Arguments.of(
                        "unreadable password-file",
                        "current: prod\nclusters:\n  prod:\n    username: root\n    password-file: nope/secret.txt\n",
                        Map.of(),
                        "clusters.prod.password-file",
                        "5:20",
                        "nope/secret.txt"),
                Arguments.of(
                        "current names a missing profile",
                        "current: prdo\nclusters:\n  prod: {}\n  dev: {}\n",
                        Map.of(),
                        "current",
                        "1:10",
                        "known profiles: prod, dev"),
                Arguments.of(
                        "password source without any user",
                        "clusters:\n  prod:\n    password: " + SECRET + "\n",
                        Map.of(),
                        "clusters.prod.password",
                        "3:15",
                        "username"),
                Arguments.of(
                        "cert without key",
                        "clusters:\n  prod:\n    password-file: x\n    tls: {cert-file: c.pem}\n"
                                .replace("    password-file: x\n", ""),
                        Map.of(),
                        "cert-file",
                        null,
                        "key-file"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badAtResolve")
    void resolveRejects(String name, String text, Map<String, String> env, String field, String lineCol, String detail)
            throws IOException {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, text);
        ProfileFile f = ProfileFile.load(file);
        EtcdException e =
                catchThrowableOfType(EtcdException.class, () -> ProfileResolver.resolve(f, Overrides.NONE, env));
        assertThat(e).as("no exception for " + name).isNotNull();
        if (lineCol != null) {
            assertOneLine(e, file, field, lineCol);
        } else {
            assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
            assertThat(e.getMessage()).contains(file.toString()).contains(field).doesNotContain("\n");
        }
        assertThat(e.getMessage()).contains(detail).doesNotContain(SECRET);
    }

    static void assertOneLine(EtcdException e, Path file, String field, String lineCol) {
        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
        String m = e.getMessage();
        assertThat(m)
                .doesNotContain("\n")
                .doesNotContain("\r")
                .doesNotContain(SECRET)
                .startsWith(file.toString() + ":");
        assertThat(m).contains(field);
        Matcher w = WHERE.matcher(m);
        assertThat(w.find()).as(m).isTrue();
        assertThat(w.group(2) + ":" + w.group(3)).as(m).isEqualTo(lineCol);
        // a cause's message may quote the file (and a password in it): there is none
        assertThat(e.getCause()).isNull();
    }
}
