package io.googo.etcd.cli;

import static io.googo.etcd.cli.CliAssertions.assertCleanError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.googo.etcd.testkit.EtcdExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input of every kind: the exit code, one {@code Error:} line (plus at most one hint), no stack trace,
 * and nothing written on the server.
 */
class BadInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final EtcdExtension etcd = EtcdExtension.builder().build();

    @TempDir
    static Path dir;

    /** Files named in the table by placeholder: written once, before the table runs. */
    @BeforeAll
    static void writeFiles() throws IOException {
        String server = etcd.clientUrl();
        Files.writeString(
                dir.resolve("good.yaml"), "current: main\nclusters:\n  main:\n    endpoints: [" + server + "]\n");
        Files.writeString(
                dir.resolve("malformed.yaml"),
                "current: main\nclusters:\n  main:\n    endpoints: [" + server + "]\n   dial-timeout: 5s\n");
        Files.writeString(
                dir.resolve("password-env.yaml"),
                "current: main\nclusters:\n  main:\n    endpoints: [" + server
                        + "]\n    username: ops\n    password-env: NO_SUCH_VARIABLE_FOR_GOOETCD\n");
        Files.writeString(
                dir.resolve("unknown-key.yaml"),
                "current: main\nclusters:\n  main:\n    endpoints: [" + server + "]\n    dial-timout: 5s\n");
        Files.writeString(
                dir.resolve("bad-duration.yaml"),
                "current: main\nclusters:\n  main:\n    endpoints: [" + server + "]\n    dial-timeout: 5 seconds\n");
    }

    /** A put that would succeed, and the arguments that spoil it; the key is added by the test. */
    record Case(String name, int exitCode, List<String> args, List<String> inError) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String KEY = "@KEY";
    private static final String DIR = "@DIR/";

    static Stream<Arguments> cases() {
        return Stream.of(
                c(
                        "malformed YAML",
                        3,
                        List.of("malformed.yaml:5:"),
                        "--config",
                        DIR + "malformed.yaml",
                        "put",
                        KEY,
                        "v"),
                c(
                        "unknown profile",
                        3,
                        List.of("'nope'", "main"),
                        "--config",
                        DIR + "good.yaml",
                        "-c",
                        "nope",
                        "put",
                        KEY,
                        "v"),
                c(
                        "unknown key in YAML",
                        3,
                        List.of("unknown-key.yaml:5:5", "dial-timout"),
                        "--config",
                        DIR + "unknown-key.yaml",
                        "put",
                        KEY,
                        "v"),
                c(
                        "bad duration in YAML",
                        3,
                        List.of("bad-duration.yaml:5:", "dial-timeout", "5 seconds"),
                        "--config",
                        DIR + "bad-duration.yaml",
                        "put",
                        KEY,
                        "v"),
                c(
                        "bad duration flag, two words",
                        128,
                        List.of("--dial-timeout", "'5'"),
                        "put",
                        KEY,
                        "v",
                        "--dial-timeout",
                        "5",
                        "seconds"),
                c(
                        "bad duration flag, one word",
                        128,
                        List.of("--dial-timeout", "'5 seconds'"),
                        "put",
                        KEY,
                        "v",
                        "--dial-timeout",
                        "5 seconds"),
                c(
                        "bad command timeout flag",
                        128,
                        List.of("--command-timeout", "'forever'"),
                        "put",
                        KEY,
                        "v",
                        "--command-timeout",
                        "forever"),
                c("unknown flag", 128, List.of("--nope"), "put", KEY, "v", "--nope"),
                c("missing argument", 128, List.of("KEY"), "put"),
                c("too many arguments", 128, List.of("extra"), "put", KEY, "v", "extra"),
                c("empty key", 3, List.of("key must not be empty"), "put", "", "v"),
                c(
                        "unknown output format",
                        4,
                        List.of("'xml'", "simple, json, fields, etcdctl-json"),
                        "put",
                        KEY,
                        "v",
                        "-w",
                        "xml"),
                c(
                        "table for put",
                        4,
                        List.of("'table'", "simple, json, fields, etcdctl-json"),
                        "put",
                        KEY,
                        "v",
                        "-w",
                        "table"),
                c(
                        "--prefix with --from-key",
                        128,
                        List.of("--prefix", "--from-key"),
                        "get",
                        KEY,
                        "--prefix",
                        "--from-key"),
                c(
                        "--lease with --ttl",
                        128,
                        List.of("--lease", "--ttl"),
                        "put",
                        KEY,
                        "v",
                        "--lease",
                        "abc",
                        "--ttl",
                        "5s"),
                c("bad lease id", 128, List.of("'xyz'", "hex"), "put", KEY, "v", "--lease", "xyz"),
                c("fractional ttl", 3, List.of("ttl", "1.5s"), "put", KEY, "v", "--ttl", "1.5s"),
                c(
                        "unset password-env",
                        3,
                        List.of("password-env.yaml:", "NO_SUCH_VARIABLE_FOR_GOOETCD"),
                        "--config",
                        DIR + "password-env.yaml",
                        "put",
                        KEY,
                        "v"),
                c(
                        "missing password file",
                        3,
                        List.of("--password-file", "/does/not/exist"),
                        "put",
                        KEY,
                        "v",
                        "--user",
                        "u",
                        "--password-file",
                        "/does/not/exist"),
                c(
                        "missing --config file",
                        3,
                        List.of("/does/not/exist"),
                        "--config",
                        "/does/not/exist",
                        "put",
                        KEY,
                        "v"),
                c("bad endpoint", 3, List.of("--endpoints", "ftp://x:1"), "put", KEY, "v", "--endpoints", "ftp://x:1"));
    }

    private static Arguments c(String name, int code, List<String> inError, String... args) {
        return Arguments.of(new Case(name, code, List.of(args), inError));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputIsRefusedCleanlyAndWritesNothing(Case c) {
        long before = revision();
        String key = "/bad-input/" + c.name().replaceAll("\\W+", "-");
        // where the input is good, the put reaches the server: so a check that let bad input through would write
        Cli cli = c.args().contains("--endpoints") ? Cli.bare() : Cli.at(etcd.clientUrl());
        Cli.Result r = cli.run(args(c, key));

        String error = assertCleanError(r, c.exitCode(), c.inError().toArray(new String[0]));
        assertThat(r.out()).as(r.toString()).isEmpty();
        if (c.exitCode() == 128) {
            assertThat(r.err().lines().toList())
                    .as("a usage error names the help:\n%s", r)
                    .hasSize(2);
            assertThat(r.err().lines().toList().get(1))
                    .as(r.toString())
                    .matches("Run 'gooetcd( \\w+)? --help' for usage\\.|Did you mean: .*|Possible solutions: .*");
        } else {
            assertThat(r.err().lines().toList()).as("just the one line:\n%s", r).containsExactly(error);
        }
        assertThat(revision()).as("the server's revision after\n%s", r).isEqualTo(before);
        assertThat(etcd.etcdctl("get", key, "--print-value-only").assertOk().out())
                .as(r.toString())
                .isEmpty();
    }

    private static String[] args(Case c, String key) {
        List<String> out = new ArrayList<>();
        for (String a : c.args()) {
            out.add(
                    a.equals(KEY)
                            ? key
                            : a.startsWith(DIR)
                                    ? dir.resolve(a.substring(DIR.length())).toString()
                                    : a);
        }
        return out.toArray(new String[0]);
    }

    /** A bad value in the environment is not a usage error but invalid input, naming the variable. */
    @Test
    void badDurationInTheEnvironmentIsInvalidInput() {
        long before = revision();
        Cli.Result r =
                Cli.at(etcd.clientUrl()).env("GOOETCD_DIAL_TIMEOUT", "soon").run("put", "/bad-input/env", "v");
        String error = assertCleanError(r, 3, "GOOETCD_DIAL_TIMEOUT", "'soon'");
        assertThat(r.err().lines().toList()).as(r.toString()).containsExactly(error);
        assertThat(revision()).as(r.toString()).isEqualTo(before);
    }

    @Test
    void debugAddsTheStackTrace() {
        long before = revision();
        Cli.Result r = Cli.at(etcd.clientUrl()).run("put", "", "v", "--debug");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.err())
                .as(r.toString())
                .startsWith("Error: key must not be empty\n")
                .contains("EtcdException")
                .contains("\tat io.googo.etcd.cli.command.PutCommand.execute");
        assertThat(revision()).isEqualTo(before);

        Cli.Result usage = Cli.at(etcd.clientUrl()).run("put", "k", "v", "--nope", "--debug");
        assertThat(usage.exitCode()).as(usage.toString()).isEqualTo(128);
        assertThat(usage.err())
                .as(usage.toString())
                .startsWith("Error: Unknown option: '--nope'\n")
                .contains("\tat ");
    }

    @Test
    void theSameCasesWithoutDebugReallyHadNoTrace() {
        // guards the assertion helper: it must reject what --debug prints
        Cli.Result r = Cli.at(etcd.clientUrl()).run("put", "", "v", "--debug");
        assertThat(r.exitCode()).isEqualTo(3);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CliAssertions.assertCleanError(r, 3))
                .isInstanceOf(AssertionError.class);
    }

    /** The header revision the server reports, read with etcdctl: it moves on any write. */
    private static long revision() {
        String out = etcd.etcdctl("get", "/bad-input/", "--prefix", "--keys-only", "-w", "json")
                .assertOk()
                .stdout();
        try {
            return JSON.readTree(out).path("header").path("revision").asLong(-1);
        } catch (IOException e) {
            throw new UncheckedIOException(out, e);
        }
    }
}
