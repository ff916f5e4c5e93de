package io.googo.etcd.cli;

import static io.googo.etcd.cli.CliAssertions.assertCleanError;
import static io.googo.etcd.cli.CliAssertions.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.TestPrefix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Named cluster profiles against two real servers, a and b; and the config commands. */
class ProfileCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INLINE_PASSWORD = "inline-Hunter2-pw";

    @RegisterExtension
    static final EtcdExtension a = EtcdExtension.builder().build();

    @RegisterExtension
    static final EtcdExtension b = EtcdExtension.builder().build();

    @TempDir
    Path dir;

    Path home;
    Path config;
    String configText;
    /** Two etcds share no keys, but each test still works under a prefix of its own. */
    final TestPrefix prefix = TestPrefix.random();

    @BeforeEach
    void writeProfiles() throws IOException {
        home = Files.createDirectories(dir.resolve("home"));
        config = dir.resolve("config.yaml");
        configText = """
                # profiles for the two test servers
                current: a   # the default
                clusters:
                  a:
                    endpoints: [%s]   # server a
                  b:
                    # server b, written etcdctl-style
                    endpoints:
                      - %s
                  secret:
                    endpoints: [%s]
                    username: ops
                    password: %s
                  ns:
                    endpoints: [%s]
                    namespace: %sns/
                """.formatted(
                        a.clientUrl(),
                        b.clientUrl().replace("http://", ""),
                        a.clientUrl(),
                        INLINE_PASSWORD,
                        a.clientUrl(),
                        prefix);
        Files.writeString(config, configText);
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
    }

    /** gooetcd with the profile file, a hermetic home and nothing else. */
    private Cli cli() {
        return Cli.bare().home(home).global("--config", config.toString());
    }

    private static String valueOf(EtcdExtension server, String key) {
        return server.etcdctl("get", key, "--print-value-only").assertOk().out();
    }

    private static String get(Cli cli, String key, String... more) {
        String[] args = new String[more.length + 3];
        args[0] = "get";
        args[1] = key;
        args[2] = "--print-value-only";
        System.arraycopy(more, 0, args, 3, more.length);
        Cli.Result r = cli.run(args);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r.out();
    }

    private void putOnBoth(String key) {
        a.etcdctl("put", key, "va").assertOk();
        b.etcdctl("put", key, "vb").assertOk();
    }

    // ------------------------------------------------------------------ choosing the profile

    @Test
    void eachProfileWritesToItsOwnServer() {
        String k = prefix.key("k");
        Cli.Result putA = cli().run("--cluster", "a", "put", k, "va");
        Cli.Result putB = cli().run("-c", "b", "put", k, "vb");
        assertOk(putA);
        assertOk(putB);
        assertThat(putA.out()).as(putA.toString()).isEqualTo("OK\n");
        assertThat(putB.out()).as(putB.toString()).isEqualTo("OK\n");

        assertThat(valueOf(a, k)).isEqualTo("va");
        assertThat(valueOf(b, k)).isEqualTo("vb");
        assertThat(get(cli(), k, "-c", "a")).isEqualTo("va\n");
        assertThat(get(cli(), k, "--cluster", "b")).isEqualTo("vb\n");
    }

    @Test
    void withoutClusterTheCurrentProfileIsUsed() {
        putOnBoth(prefix.key("k"));
        assertThat(get(cli(), prefix.key("k"))).isEqualTo("va\n");
    }

    @Test
    void gooetcdClusterPicksTheProfileAndTheFlagBeatsIt() {
        putOnBoth(prefix.key("k"));
        assertThat(get(cli().env("GOOETCD_CLUSTER", "b"), prefix.key("k"))).isEqualTo("vb\n");
        assertThat(get(cli().env("GOOETCD_CLUSTER", "b"), prefix.key("k"), "-c", "a"))
                .isEqualTo("va\n");
    }

    @Test
    void gooetcdConfigNamesTheFileAndTheFlagBeatsIt() throws IOException {
        putOnBoth(prefix.key("k"));
        Path onlyB = dir.resolve("only-b.yaml");
        Files.writeString(onlyB, "clusters:\n  bee:\n    endpoints: [" + b.clientUrl() + "]\n");
        Cli viaEnv = Cli.bare().home(home).env("GOOETCD_CONFIG", onlyB.toString());
        assertThat(get(viaEnv, prefix.key("k")))
                .as("the only profile of the file")
                .isEqualTo("vb\n");
        assertThat(get(viaEnv, prefix.key("k"), "--config", config.toString())).isEqualTo("va\n");
    }

    @Test
    void defaultFileUnderTheHomeDirectoryAndXdgConfigHome() throws IOException {
        putOnBoth(prefix.key("k"));
        Path inHome = Files.createDirectories(home.resolve(".config/gooetcd")).resolve("config.yaml");
        Files.writeString(inHome, "clusters:\n  homeb:\n    endpoints: [" + b.clientUrl() + "]\n");
        Path xdg = Files.createDirectories(dir.resolve("xdg/gooetcd")).resolve("config.yaml");
        Files.writeString(xdg, "clusters:\n  xdga:\n    endpoints: [" + a.clientUrl() + "]\n");

        Cli.Result current = Cli.bare().home(home).run("config", "current");
        assertOk(current);
        assertThat(current.out()).as(current.toString()).isEqualTo("homeb\n");
        assertThat(get(Cli.bare().home(home), prefix.key("k"))).isEqualTo("vb\n");
        assertThat(get(
                        Cli.bare()
                                .home(home)
                                .env("XDG_CONFIG_HOME", dir.resolve("xdg").toString()),
                        prefix.key("k")))
                .isEqualTo("va\n");
    }

    // ------------------------------------------------------------------ precedence

    @Test
    void endpointsFlagBeatsEnvironmentBeatsProfile() {
        putOnBoth(prefix.key("k"));
        // profile a, GOOETCD_ENDPOINTS b: b, with a warning
        Cli.Result envWins =
                cli().env("GOOETCD_ENDPOINTS", b.clientUrl()).run("get", prefix.key("k"), "--print-value-only");
        assertThat(envWins.exitCode()).as(envWins.toString()).isZero();
        assertThat(envWins.out()).as(envWins.toString()).isEqualTo("vb\n");
        assertThat(envWins.err())
                .as(envWins.toString())
                .startsWith("Warning: GOOETCD_ENDPOINTS overrides the endpoints of profile 'a'");

        // --endpoints a beats GOOETCD_ENDPOINTS b, even with profile b
        assertThat(get(
                        cli().env("GOOETCD_ENDPOINTS", b.clientUrl()),
                        prefix.key("k"),
                        "-c",
                        "b",
                        "--endpoints",
                        a.clientUrl()))
                .isEqualTo("va\n");
    }

    @Test
    void etcdctlEndpointsIsReadOnlyWhenGooetcdEndpointsIsUnset() {
        putOnBoth(prefix.key("k"));
        assertThat(get(cli().env("ETCDCTL_ENDPOINTS", b.clientUrl()), prefix.key("k")))
                .isEqualTo("vb\n");
        assertThat(get(
                        cli().env("ETCDCTL_ENDPOINTS", b.clientUrl()).env("GOOETCD_ENDPOINTS", a.clientUrl()),
                        prefix.key("k"),
                        "-c",
                        "b"))
                .isEqualTo("va\n");
        // an empty GOOETCD_ENDPOINTS counts as unset
        assertThat(get(cli().env("ETCDCTL_ENDPOINTS", b.clientUrl()).env("GOOETCD_ENDPOINTS", ""), prefix.key("k")))
                .isEqualTo("vb\n");
    }

    /**
     * Against a silent server the message names both timeouts in force; the command timeout is also what
     * the command waits (profile "slow" asks for 30 s, so using it by mistake would show).
     */
    @Test
    void timeoutsFlagBeatsEnvironmentBeatsProfile() throws IOException {
        try (SilentServer hung = new SilentServer()) {
            Files.writeString(config, configText + """
                      hung:
                        endpoints: [%s]
                        dial-timeout: 700ms
                        request-timeout: 600ms
                      slow:
                        endpoints: [%s]
                        dial-timeout: 300ms
                        request-timeout: 30s
                    """.formatted(hung.endpoint(), hung.endpoint()));

            assertTimeouts(() -> cli().run("-c", "hung", "put", "k", "v"), hung, "600ms", "700ms");
            assertTimeouts(
                    () -> cli().env("GOOETCD_DIAL_TIMEOUT", "800ms").run("-c", "hung", "put", "k", "v"),
                    hung,
                    "600ms",
                    "800ms");
            assertTimeouts(
                    () -> cli().env("ETCDCTL_DIAL_TIMEOUT", "850ms").run("-c", "hung", "put", "k", "v"),
                    hung,
                    "600ms",
                    "850ms");
            assertTimeouts(
                    () -> cli().env("GOOETCD_DIAL_TIMEOUT", "800ms")
                            .env("ETCDCTL_DIAL_TIMEOUT", "850ms")
                            .run("-c", "hung", "put", "k", "v", "--dial-timeout", "900ms"),
                    hung,
                    "600ms",
                    "900ms");

            assertTimeouts(
                    () -> cli().env("GOOETCD_COMMAND_TIMEOUT", "400ms").run("-c", "slow", "put", "k", "v"),
                    hung,
                    "400ms",
                    "300ms");
            assertTimeouts(
                    () -> cli().env("ETCDCTL_COMMAND_TIMEOUT", "450ms").run("-c", "slow", "put", "k", "v"),
                    hung,
                    "450ms",
                    "300ms");
            assertTimeouts(
                    () -> cli().env("GOOETCD_COMMAND_TIMEOUT", "30s")
                            .run("-c", "slow", "put", "k", "v", "--command-timeout", "500ms"),
                    hung,
                    "500ms",
                    "300ms");
        }
    }

    /** Exit 2 naming the endpoint and both timeouts, and well before 30 s (or the 5 s default) would end it. */
    private static void assertTimeouts(Supplier<Cli.Result> run, SilentServer hung, String command, String dial) {
        long start = System.nanoTime();
        Cli.Result r = run.get();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertCleanError(
                r,
                2,
                hung.endpoint(),
                "no answer within " + command + " (command timeout",
                "dial timeout " + dial + ")");
        assertThat(took).as("wall time of\n%s", r).isLessThan(Duration.ofMillis(2500));
    }

    // ------------------------------------------------------------------ namespace

    @Test
    void namespaceProfileWritesUnderTheNamespace() {
        Cli.Result put = cli().run("-c", "ns", "put", "k", "in-ns");
        assertOk(put);
        assertThat(valueOf(a, prefix + "ns/k"))
                .as("etcdctl sees the key under the namespace")
                .isEqualTo("in-ns");
        assertThat(valueOf(a, "k")).as("and not at the top").isEmpty();

        Cli.Result get = cli().run("-c", "ns", "get", "k");
        assertOk(get);
        assertThat(get.out())
                .as("keys are shown without the namespace:\n%s", get)
                .isEqualTo("k\nin-ns\n");
    }

    // ------------------------------------------------------------------ config commands

    @Test
    void configViewRedactsPasswordsAndRawShowsThem() {
        Cli.Result view = cli().run("config", "view");
        assertOk(view);
        assertThat(view.out())
                .as(view.toString())
                .contains("password: REDACTED")
                .doesNotContain(INLINE_PASSWORD)
                .contains("current: a")
                .contains(a.clientUrl())
                .contains("username: ops");
        assertThat(view.err()).as(view.toString()).doesNotContain(INLINE_PASSWORD);

        Cli.Result raw = cli().run("config", "view", "--raw");
        assertOk(raw);
        assertThat(raw.out())
                .as(raw.toString())
                .contains("password: " + INLINE_PASSWORD)
                .doesNotContain("REDACTED");
    }

    @Test
    void inlinePasswordInAReadableFileDrawsAWarningWithoutThePassword() throws IOException {
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));
        a.etcdctl("put", prefix.key("k"), "va").assertOk();
        Cli.Result r = cli().run("get", prefix.key("k"), "--print-value-only");
        assertOk(r);
        assertThat(r.out()).as(r.toString()).isEqualTo("va\n");
        assertThat(r.err())
                .as(r.toString())
                .startsWith("Warning: ")
                .contains("inline password", "chmod 600")
                .doesNotContain(INLINE_PASSWORD);

        for (String[] view : new String[][] {{"config", "view"}, {"config", "view", "--raw"}}) {
            Cli.Result v = cli().run(view);
            assertThat(v.exitCode()).as(v.toString()).isZero();
            assertThat(v.err()).as("config view warns as get does: " + v).isEqualTo(r.err());
        }
    }

    @Test
    void configListMarksTheCurrentProfile() throws IOException {
        Cli.Result simple = cli().run("config", "list");
        assertOk(simple);
        assertThat(simple.out()).as(simple.toString()).isEqualTo("* a\n  b\n  secret\n  ns\n");

        Cli.Result json = cli().run("config", "list", "-w", "json");
        assertOk(json);
        JsonNode profiles = JSON.readTree(json.out()).path("profiles");
        assertThat(profiles).as(json.toString()).hasSize(4);
        assertThat(profiles.get(0).path("name").asText()).isEqualTo("a");
        assertThat(profiles.get(0).path("current").asBoolean()).isTrue();
        assertThat(profiles.get(0).path("endpoints").get(0).asText()).isEqualTo(a.clientUrl());
        assertThat(profiles.get(1).path("name").asText()).isEqualTo("b");
        assertThat(profiles.get(1).path("current").asBoolean()).isFalse();
        assertThat(profiles.get(1).path("endpoints").get(0).asText()).isEqualTo(b.clientUrl());

        Cli.Result table = cli().run("config", "list", "-w", "table");
        assertOk(table);
        String rowA = table.out()
                .lines()
                .filter(l -> l.contains(" a "))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row for a:\n" + table));
        String rowB = table.out()
                .lines()
                .filter(l -> l.contains(" b "))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row for b:\n" + table));
        assertThat(rowA).as(table.toString()).contains("*").contains(a.clientUrl());
        assertThat(rowB).as(table.toString()).doesNotContain("*").contains(b.clientUrl());
        assertThat(table.out()).as(table.toString()).contains("CURRENT", "NAME", "ENDPOINTS");

        Cli.Result viaEnv = cli().env("GOOETCD_CLUSTER", "b").run("config", "list");
        assertThat(viaEnv.out())
                .as("the mark is the file's current, not the profile in use:\n%s", viaEnv)
                .startsWith("* a\n");
    }

    @Test
    void configCurrentPrintsTheName() {
        Cli.Result r = cli().run("config", "current");
        assertOk(r);
        assertThat(r.out()).as(r.toString()).isEqualTo("a\n");
    }

    @Test
    void configUseChangesCurrentAndKeepsComments() throws IOException {
        putOnBoth(prefix.key("k"));
        Cli.Result use = cli().run("config", "use", "b");
        assertOk(use);
        assertThat(use.out()).as(use.toString()).isEqualTo("Switched to profile \"b\".\n");
        assertThat(Files.readString(config)).isEqualTo(configText.replace("current: a   #", "current: b   #"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config)))
                .isEqualTo("rw-------");

        Cli.Result current = cli().run("config", "current");
        assertThat(current.out()).as(current.toString()).isEqualTo("b\n");
        assertThat(get(cli(), prefix.key("k"))).isEqualTo("vb\n");
        assertThat(cli().run("config", "list").out()).startsWith("  a\n* b\n");
    }

    @Test
    void configUseOfAnUnknownProfileChangesNothing() throws IOException {
        byte[] before = Files.readAllBytes(config);
        Cli.Result r = cli().run("config", "use", "nope");
        assertCleanError(r, 3, "nope", "a, b, secret, ns");
        assertThat(r.out()).as(r.toString()).isEmpty();
        assertThat(Files.readAllBytes(config)).isEqualTo(before);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("no temp file left behind")
                    .containsExactlyInAnyOrder("config.yaml", "home");
        }
    }

    @Test
    void unknownProfileExits3ListingTheKnownOnes() {
        Cli.Result r = cli().run("-c", "nope", "put", prefix.key("k"), "v");
        assertCleanError(r, 3, "nope", config.toString(), "a, b, secret, ns");
        assertThat(valueOf(a, prefix.key("k"))).isEmpty();
        assertThat(valueOf(b, prefix.key("k"))).isEmpty();
    }

    // ------------------------------------------------------------------ no file at all

    @Test
    void withoutAnyFileTheBuiltInLocalProfileIsUsed() {
        Cli bare = Cli.bare().home(home); // no --config, no GOOETCD_CONFIG, no file under home
        Cli.Result list = bare.run("config", "list");
        assertOk(list);
        assertThat(list.out()).as(list.toString()).isEqualTo("* local\n");

        Cli.Result current = bare.run("config", "current");
        assertOk(current);
        assertThat(current.out()).as(current.toString()).isEqualTo("local\n");

        Cli.Result view = bare.run("config", "view");
        assertOk(view);
        assertThat(view.out()).as(view.toString()).contains("local:").contains("http://127.0.0.1:2379");

        Cli.Result use = bare.run("config", "use", "local");
        assertCleanError(use, 3, "no profile file");
        assertThat(home.resolve(".config")).as("config use creates no file").doesNotExist();
    }
}
