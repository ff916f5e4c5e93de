package io.googo.etcd.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.EtcdException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProfileResolverTest {
    static final String SECRET = "pr0file-s3cret";

    @TempDir
    Path dir;

    static final String FILE = """
            current: prod
            clusters:
              prod:
                endpoints: [https://p1:2379, https://p2:2379]
                username: profuser
                password: %s
                dial-timeout: 7s
                request-timeout: 8s
                keepalive-time: 31s
                keepalive-timeout: 11s
                auto-sync-interval: 1m
                max-send-message-size: 3MiB
                max-receive-message-size: 5MiB
                compression: true
                grpc-debug-log: true
                namespace: /app/
                tls:
                  ca-file: /profile/ca.pem
                  cert-file: /profile/cert.pem
                  key-file: /profile/key.pem
                  server-name: etcd.internal
              bare: {}
            """.formatted(SECRET);

    static ProfileFile file() {
        return ProfileFile.parse(FILE, Path.of("/etc/gooetcd/config.yaml"));
    }

    static Resolved resolve(Overrides o, Map<String, String> env) {
        return ProfileResolver.resolve(file(), o, env);
    }

    @Test
    void profileFillsEveryField() {
        Resolved r = resolve(Overrides.NONE, Map.of());
        EtcdConfig c = r.config();
        assertThat(r.profileName()).isEqualTo("prod");
        assertThat(r.passwordNeeded()).isFalse();
        assertThat(c.endpoints()).containsExactly("https://p1:2379", "https://p2:2379");
        assertThat(c.username()).isEqualTo("profuser");
        assertThat(c.password()).isEqualTo(SECRET);
        assertThat(c.namespace()).isEqualTo("/app/");
        assertThat(c.dialTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(8));
        assertThat(c.keepaliveTime()).isEqualTo(Duration.ofSeconds(31));
        assertThat(c.keepaliveTimeout()).isEqualTo(Duration.ofSeconds(11));
        assertThat(c.autoSyncInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.maxSendMessageSize()).isEqualTo(3 << 20);
        assertThat(c.maxReceiveMessageSize()).isEqualTo(5 << 20);
        assertThat(c.compression()).isTrue();
        assertThat(c.grpcDebugLog()).isTrue();
        assertThat(c.tls())
                .isEqualTo(new TlsConfig(
                        false,
                        Path.of("/profile/ca.pem"),
                        Path.of("/profile/cert.pem"),
                        Path.of("/profile/key.pem"),
                        "etcd.internal",
                        false));
        assertThat(c.usesTls()).isTrue();
    }

    @Test
    void anEmptyProfileGivesTheDefaults() {
        Resolved r = resolve(Overrides.cluster("bare"), Map.of());
        assertThat(r.config()).isEqualTo(EtcdConfig.defaults());
        assertThat(r.passwordNeeded()).isFalse();
        assertThat(r.warnings()).isEmpty();
    }

    // -------------------------------------------------------------- precedence tables

    /**
     * One setting at four levels: flag, GOOETCD_* variable, ETCDCTL_* variable, profile,
     * default. Each row removes the highest level and checks the next one shows.
     */
    record Level(
            String name,
            Function<EtcdConfig, Object> get,
            Function<Overrides.Builder, Overrides.Builder> flag,
            String envName,
            String envValue,
            Object flagExpected,
            Object envExpected,
            Object etcdctlExpected,
            Object profileExpected,
            Object defaultExpected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> levels() {
        EtcdConfig d = EtcdConfig.defaults();
        return Stream.of(
                        new Level(
                                "endpoints",
                                EtcdConfig::endpoints,
                                b -> b.endpoints("f1:1,f2:2"),
                                "ENDPOINTS",
                                "e1:1",
                                List.of("http://f1:1", "http://f2:2"),
                                List.of("http://e1:1"),
                                List.of("http://e1:1"),
                                List.of("https://p1:2379", "https://p2:2379"),
                                d.endpoints()),
                        new Level(
                                "user",
                                EtcdConfig::username,
                                b -> b.user("flaguser"),
                                "USER",
                                "envuser",
                                "flaguser",
                                "envuser",
                                "envuser",
                                "profuser",
                                null),
                        new Level(
                                "dial-timeout",
                                EtcdConfig::dialTimeout,
                                b -> b.dialTimeout("1s"),
                                "DIAL_TIMEOUT",
                                "2s",
                                Duration.ofSeconds(1),
                                Duration.ofSeconds(2),
                                Duration.ofSeconds(2),
                                Duration.ofSeconds(7),
                                d.dialTimeout()),
                        new Level(
                                "keepalive-time",
                                EtcdConfig::keepaliveTime,
                                b -> b.keepaliveTime("2s"),
                                "KEEPALIVE_TIME",
                                "3s",
                                Duration.ofSeconds(2),
                                Duration.ofSeconds(3),
                                Duration.ofSeconds(3),
                                Duration.ofSeconds(31),
                                d.keepaliveTime()),
                        new Level(
                                "keepalive-timeout",
                                EtcdConfig::keepaliveTimeout,
                                b -> b.keepaliveTimeout("6s"),
                                "KEEPALIVE_TIMEOUT",
                                "1m",
                                Duration.ofSeconds(6),
                                Duration.ofMinutes(1),
                                Duration.ofMinutes(1),
                                Duration.ofSeconds(11),
                                d.keepaliveTimeout()),
                        new Level(
                                "command-timeout over request-timeout",
                                EtcdConfig::requestTimeout,
                                b -> b.commandTimeout("1m"),
                                "COMMAND_TIMEOUT",
                                "500ms",
                                Duration.ofMinutes(1),
                                Duration.ofMillis(500),
                                Duration.ofMillis(500),
                                Duration.ofSeconds(8),
                                d.requestTimeout()),
                        new Level(
                                "cacert",
                                c -> c.tls().caFile(),
                                b -> b.cacert(Path.of("/flag/ca.pem")),
                                "CACERT",
                                "/env/ca.pem",
                                Path.of("/flag/ca.pem"),
                                Path.of("/env/ca.pem"),
                                Path.of("/env/ca.pem"),
                                Path.of("/profile/ca.pem"),
                                null),
                        new Level(
                                "cert",
                                c -> c.tls().certFile(),
                                b -> b.cert(Path.of("/flag/c.pem")).key(Path.of("/k")),
                                "CERT",
                                "/env/c.pem",
                                Path.of("/flag/c.pem"),
                                Path.of("/env/c.pem"),
                                Path.of("/env/c.pem"),
                                Path.of("/profile/cert.pem"),
                                null),
                        new Level(
                                "key",
                                c -> c.tls().keyFile(),
                                b -> b.key(Path.of("/flag/k.pem")).cert(Path.of("/c")),
                                "KEY",
                                "/env/k.pem",
                                Path.of("/flag/k.pem"),
                                Path.of("/env/k.pem"),
                                Path.of("/env/k.pem"),
                                Path.of("/profile/key.pem"),
                                null))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("levels")
    void flagBeatsEnvBeatsProfileBeatsDefault(Level l) {
        Map<String, String> both = new HashMap<>();
        both.put("GOOETCD_" + l.envName(), l.envValue());
        both.put("ETCDCTL_" + l.envName(), "bogus-should-lose");
        if (l.envName().equals("CERT")) {
            both.put("GOOETCD_KEY", "/env/k.pem");
        }
        if (l.envName().equals("KEY")) {
            both.put("GOOETCD_CERT", "/env/c.pem");
        }
        Map<String, String> etcdctl = new HashMap<>();
        etcdctl.put("ETCDCTL_" + l.envName(), l.envValue());
        if (l.envName().equals("CERT")) {
            etcdctl.put("ETCDCTL_KEY", "/env/k.pem");
        }
        if (l.envName().equals("KEY")) {
            etcdctl.put("ETCDCTL_CERT", "/env/c.pem");
        }
        Overrides flag = l.flag().apply(Overrides.builder()).build();

        assertThat(l.get().apply(resolve(flag, both).config())).as("flag").isEqualTo(l.flagExpected());
        assertThat(l.get().apply(resolve(Overrides.NONE, both).config()))
                .as("GOOETCD_ beats ETCDCTL_")
                .isEqualTo(l.envExpected());
        assertThat(l.get().apply(resolve(Overrides.NONE, etcdctl).config()))
                .as("ETCDCTL_ alone")
                .isEqualTo(l.etcdctlExpected());
        assertThat(l.get().apply(resolve(Overrides.NONE, Map.of()).config()))
                .as("profile")
                .isEqualTo(l.profileExpected());
        assertThat(l.get().apply(resolve(Overrides.cluster("bare"), Map.of()).config()))
                .as("default")
                .isEqualTo(l.defaultExpected());
    }

    @Test
    void emptyVariablesCountAsUnset() {
        Resolved r = resolve(Overrides.NONE, Map.of("GOOETCD_ENDPOINTS", "", "ETCDCTL_ENDPOINTS", "e:1"));
        assertThat(r.config().endpoints()).containsExactly("http://e:1");
    }

    @Test
    void insecureSkipVerifyFlagOverridesTheProfile() {
        ProfileFile f = ProfileFile.parse("clusters: {p: {tls: {insecure-skip-verify: true}}}", null);
        assertThat(ProfileResolver.resolve(f, Overrides.NONE, Map.of())
                        .config()
                        .tls()
                        .insecureSkipVerify())
                .isTrue();
        assertThat(ProfileResolver.resolve(
                                f,
                                Overrides.builder().insecureSkipTlsVerify(false).build(),
                                Map.of())
                        .config()
                        .tls()
                        .insecureSkipVerify())
                .isFalse();
        assertThat(ProfileResolver.resolve(
                                null,
                                Overrides.builder().insecureSkipTlsVerify(true).build(),
                                Map.of())
                        .config()
                        .usesTls())
                .isTrue();
    }

    @Test
    void envEndpointsOverridingAProfileDrawAWarning() {
        Resolved r = resolve(Overrides.NONE, Map.of("ETCDCTL_ENDPOINTS", "e:1"));
        assertThat(r.warnings()).anyMatch(w -> w.contains("ETCDCTL_ENDPOINTS") && w.contains("'prod'"));
    }

    @Test
    void envEndpointsWithoutAProfileFileDrawNoWarning() {
        for (ProfileFile none : new ProfileFile[] {null, ProfileFile.empty(), ProfileFile.parse("# nothing\n", null)}) {
            Resolved r = ProfileResolver.resolve(none, Overrides.NONE, Map.of("ETCDCTL_ENDPOINTS", "e:1"));
            assertThat(r.warnings())
                    .as("no profile overridden: %s", r.warnings())
                    .isEmpty();
            assertThat(r.config().endpoints()).containsExactly("http://e:1");
            assertThat(r.builtinFallback()).isFalse();
        }
    }

    @Test
    void nothingNamingTheEndpointsIsTheBuiltinFallbackWithEtcdctlsDialTimeout() {
        Resolved fallback = ProfileResolver.resolve(null, Overrides.NONE, Map.of());
        assertThat(fallback.builtinFallback()).isTrue();
        assertThat(fallback.profileName()).isEqualTo("local");
        assertThat(fallback.config().dialTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(ProfileResolver.resolve(
                                null, Overrides.builder().dialTimeout("9s").build(), Map.of())
                        .config()
                        .dialTimeout())
                .as("a flag still wins")
                .isEqualTo(Duration.ofSeconds(9));
        assertThat(ProfileResolver.resolve(null, Overrides.NONE, Map.of("ETCDCTL_DIAL_TIMEOUT", "8s"))
                        .config()
                        .dialTimeout())
                .as("a variable still wins")
                .isEqualTo(Duration.ofSeconds(8));

        Resolved named = ProfileResolver.resolve(
                null, Overrides.builder().endpoints("e:1").build(), Map.of());
        assertThat(named.builtinFallback()).isFalse();
        assertThat(named.config().dialTimeout())
                .as("endpoints given: the usual default")
                .isEqualTo(EtcdConfig.defaults().dialTimeout());
        assertThat(resolve(Overrides.NONE, Map.of()).builtinFallback())
                .as("a profile file's profile")
                .isFalse();
    }

    // -------------------------------------------------------------- profile selection

    @Test
    void profileChoice() {
        String two = "current: b\nclusters:\n  a: {endpoints: a:1}\n  b: {endpoints: b:1}\n";
        ProfileFile f = ProfileFile.parse(two, Path.of("/c.yaml"));
        assertThat(ProfileResolver.resolve(f, Overrides.NONE, Map.of()).profileName())
                .isEqualTo("b");
        assertThat(ProfileResolver.resolve(f, Overrides.NONE, Map.of("GOOETCD_CLUSTER", "a"))
                        .profileName())
                .isEqualTo("a");
        assertThat(ProfileResolver.resolve(f, Overrides.cluster("b"), Map.of("GOOETCD_CLUSTER", "a"))
                        .profileName())
                .isEqualTo("b");
        // there is no ETCDCTL_CLUSTER
        assertThat(ProfileResolver.resolve(f, Overrides.NONE, Map.of("ETCDCTL_CLUSTER", "a"))
                        .profileName())
                .isEqualTo("b");
        // no current, exactly one profile: that one
        ProfileFile one = ProfileFile.parse("clusters:\n  only: {endpoints: o:1}\n", null);
        Resolved r = ProfileResolver.resolve(one, Overrides.NONE, Map.of());
        assertThat(r.profileName()).isEqualTo("only");
        assertThat(r.config().endpoints()).containsExactly("http://o:1");
    }

    @Test
    void noFileMeansTheBuiltInLocalProfile() {
        for (ProfileFile none : new ProfileFile[] {null, ProfileFile.empty(), ProfileFile.parse("# empty\n", null)}) {
            Resolved r = ProfileResolver.resolve(none, Overrides.NONE, Map.of());
            assertThat(r.profileName()).isEqualTo("local");
            assertThat(r.config())
                    .isEqualTo(EtcdConfig.defaults().toBuilder()
                            .dialTimeout(ProfileResolver.BUILTIN_DIAL_TIMEOUT)
                            .build());
            assertThat(r.config().endpoints()).containsExactly("http://127.0.0.1:2379");
        }
        assertThat(ProfileResolver.resolve(null, Overrides.cluster("local"), Map.of())
                        .profileName())
                .isEqualTo("local");
    }

    @Test
    void unknownProfileListsTheKnownOnes() {
        assertThatThrownBy(() -> resolve(Overrides.cluster("prdo"), Map.of()))
                .isInstanceOfSatisfying(EtcdException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
                    assertThat(e.getMessage())
                            .contains("--cluster")
                            .contains("'prdo'")
                            .contains("prod, bare")
                            .contains("/etc/gooetcd/config.yaml");
                });
        assertThatThrownBy(() -> resolve(Overrides.NONE, Map.of("GOOETCD_CLUSTER", "x")))
                .hasMessageContaining("GOOETCD_CLUSTER")
                .hasMessageContaining("prod, bare");
        assertThatThrownBy(() -> ProfileResolver.resolve(null, Overrides.cluster("prod"), Map.of()))
                .isInstanceOfSatisfying(EtcdException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
                    assertThat(e.getMessage()).contains("'prod'").contains("built-in 'local'");
                });
    }

    @Test
    void severalProfilesAndNoCurrentAsksForOne() {
        ProfileFile f = ProfileFile.parse("clusters:\n  a: {}\n  b: {}\n", Path.of("/c.yaml"));
        assertThatThrownBy(() -> ProfileResolver.resolve(f, Overrides.NONE, Map.of()))
                .isInstanceOfSatisfying(EtcdException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
                    assertThat(e.getMessage())
                            .contains("/c.yaml")
                            .contains("name the profile")
                            .contains("current")
                            .contains("a, b")
                            .doesNotContain("--");
                });
    }

    // -------------------------------------------------------------- passwords

    @Test
    void userFlagSplitsOnTheFirstColon() {
        Resolved r = resolve(Overrides.builder().user("alice:pa:ss").build(), Map.of());
        assertThat(r.config().username()).isEqualTo("alice");
        assertThat(r.config().password()).isEqualTo("pa:ss");
        assertThat(r.warnings())
                .anyMatch(w -> w.contains("--user NAME:PASSWORD"))
                .noneMatch(w -> w.contains("pa:ss"));
    }

    @Test
    void aUserFromTheCommandLineDoesNotGetTheProfilesPassword() {
        Resolved r = resolve(Overrides.builder().user("alice").build(), Map.of());
        assertThat(r.config().username()).isEqualTo("alice");
        assertThat(r.config().password()).isNull();
        assertThat(r.passwordNeeded()).isTrue();
        // the same name as the profile's does
        Resolved same = resolve(Overrides.builder().user("profuser").build(), Map.of());
        assertThat(same.config().password()).isEqualTo(SECRET);
        assertThat(same.passwordNeeded()).isFalse();
    }

    @Test
    void passwordPrecedence() throws IOException {
        Path pwFile = Files.writeString(dir.resolve("pw"), "from-file\n");
        Map<String, String> env = Map.of("GOOETCD_PASSWORD", "from-env", "ETCDCTL_PASSWORD", "from-etcdctl");
        assertThat(resolve(Overrides.builder().password("from-flag").build(), env)
                        .config()
                        .password())
                .isEqualTo("from-flag");
        assertThat(resolve(Overrides.builder().passwordFile(pwFile).build(), env)
                        .config()
                        .password())
                .isEqualTo("from-file");
        assertThat(resolve(Overrides.NONE, env).config().password()).isEqualTo("from-env");
        assertThat(resolve(Overrides.NONE, Map.of("ETCDCTL_PASSWORD", "from-etcdctl"))
                        .config()
                        .password())
                .isEqualTo("from-etcdctl");
        assertThat(resolve(Overrides.NONE, Map.of()).config().password()).isEqualTo(SECRET);
        // GOOETCD_USER may carry a password, as ETCDCTL_USER does
        Resolved r = resolve(Overrides.NONE, Map.of("ETCDCTL_USER", "eve:evepw"));
        assertThat(r.config().username()).isEqualTo("eve");
        assertThat(r.config().password()).isEqualTo("evepw");
    }

    @Test
    void passwordFlagWarns() {
        Resolved r = resolve(Overrides.builder().password("flagpw").build(), Map.of());
        assertThat(r.warnings()).hasSize(1);
        assertThat(r.warnings().get(0)).contains("--password").doesNotContain("flagpw");
    }

    @Test
    void conflictingPasswordFlagsAreRejected() {
        assertThatThrownBy(() ->
                        resolve(Overrides.builder().user("a:x1").password("x2").build(), Map.of()))
                .isInstanceOfSatisfying(EtcdException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
                    assertThat(e.getMessage()).doesNotContain("x1").doesNotContain("x2");
                });
        assertThatThrownBy(() -> resolve(
                        Overrides.builder()
                                .password("x2")
                                .passwordFile(Path.of("/f"))
                                .build(),
                        Map.of()))
                .isInstanceOf(EtcdException.class)
                .hasMessageNotContaining("x2");
    }

    @Test
    void emptyUserNameIsRejectedWithoutEchoingThePassword() {
        assertThatThrownBy(() -> resolve(Overrides.builder().user(":topsecret").build(), Map.of()))
                .isInstanceOfSatisfying(EtcdException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
                    assertThat(e.getMessage()).contains("--user").doesNotContain("topsecret");
                });
    }

    @Test
    void userWithoutAnyPasswordNeedsOne() {
        ProfileFile f = ProfileFile.parse("clusters: {p: {username: bob}}", null);
        Resolved r = ProfileResolver.resolve(f, Overrides.NONE, Map.of());
        assertThat(r.passwordNeeded()).isTrue();
        assertThat(r.config().username()).isEqualTo("bob");
        assertThat(r.config().password()).isNull();
        Resolved prompted = r.withPassword("typed");
        assertThat(prompted.passwordNeeded()).isFalse();
        assertThat(prompted.config().password()).isEqualTo("typed");
        assertThat(prompted.config().username()).isEqualTo("bob");
    }

    @Test
    void ambientPasswordWithoutAUserIsIgnored() {
        Resolved r = ProfileResolver.resolve(null, Overrides.NONE, Map.of("GOOETCD_PASSWORD", "x"));
        assertThat(r.config().password()).isNull();
        assertThat(r.config().username()).isNull();
        assertThatThrownBy(() -> ProfileResolver.resolve(
                        null, Overrides.builder().password("x").build(), Map.of()))
                .isInstanceOf(EtcdException.class)
                .hasMessageContaining("--password")
                .hasMessageContaining("user");
    }

    @Test
    void passwordEnvAndPasswordFile() throws IOException {
        Path secrets = Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(secrets.resolve("etcd"), "filepw\r\n");
        Files.writeString(secrets.resolve("two-lines"), "line1\nline2\n\n");
        Path cfg = Files.writeString(dir.resolve("config.yaml"), """
                clusters:
                  env: {username: u, password-env: PROD_PW}
                  file: {username: u, password-file: secrets/etcd}
                  two: {username: u, password-file: secrets/two-lines}
                """);
        ProfileFile f = ProfileFile.load(cfg);
        assertThat(ProfileResolver.resolve(f, Overrides.cluster("env"), Map.of("PROD_PW", "envpw"))
                        .config()
                        .password())
                .isEqualTo("envpw");
        // relative to the profile file's directory; one trailing newline dropped
        assertThat(ProfileResolver.resolve(f, Overrides.cluster("file"), Map.of())
                        .config()
                        .password())
                .isEqualTo("filepw");
        assertThat(ProfileResolver.resolve(f, Overrides.cluster("two"), Map.of())
                        .config()
                        .password())
                .isEqualTo("line1\nline2\n");
        // a higher source wins, so an unset password-env is not even looked at
        assertThat(ProfileResolver.resolve(f, Overrides.cluster("env"), Map.of("GOOETCD_PASSWORD", "g"))
                        .config()
                        .password())
                .isEqualTo("g");
    }

    @Test
    void passwordFileFlagErrorsNameTheFile() throws IOException {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(
                        () -> resolve(Overrides.builder().passwordFile(missing).build(), Map.of()))
                .isInstanceOfSatisfying(EtcdException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
                    assertThat(e.getMessage()).contains("--password-file").contains(missing.toString());
                });
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertThatThrownBy(() -> resolve(Overrides.builder().passwordFile(empty).build(), Map.of()))
                .hasMessageContaining("empty");
    }

    // -------------------------------------------------------------- paths, errors

    @Test
    void profilePathsAreRelativeToTheFileAndTildeIsHome() throws IOException {
        Path cfg = Files.writeString(
                dir.resolve("config.yaml"),
                "clusters: {p: {tls: {ca-file: certs/ca.pem, cert-file: ~/c.pem, key-file: /abs/k.pem}}}\n");
        Resolved r = ProfileResolver.resolve(ProfileFile.load(cfg), Overrides.NONE, Map.of("HOME", "/home/me"));
        assertThat(r.config().tls().caFile()).isEqualTo(dir.toAbsolutePath().resolve("certs/ca.pem"));
        assertThat(r.config().tls().certFile()).isEqualTo(Path.of("/home/me/c.pem"));
        assertThat(r.config().tls().keyFile()).isEqualTo(Path.of("/abs/k.pem"));
        // flags are taken as given
        Resolved f = ProfileResolver.resolve(
                ProfileFile.load(cfg),
                Overrides.builder().cacert(Path.of("rel/ca.pem")).build(),
                Map.of());
        assertThat(f.config().tls().caFile()).isEqualTo(Path.of("rel/ca.pem"));
    }

    @Test
    void badFlagAndVariableValuesNameTheirSource() {
        assertThatThrownBy(() -> resolve(Overrides.builder().dialTimeout("5").build(), Map.of()))
                .isInstanceOf(EtcdException.class)
                .hasMessageStartingWith("--dial-timeout: ");
        assertThatThrownBy(
                        () -> resolve(Overrides.builder().commandTimeout("0s").build(), Map.of()))
                .isInstanceOf(EtcdException.class)
                .hasMessageStartingWith("--command-timeout: ");
        assertThatThrownBy(() -> resolve(Overrides.NONE, Map.of("ETCDCTL_DIAL_TIMEOUT", "5 s")))
                .isInstanceOf(EtcdException.class)
                .hasMessageStartingWith("ETCDCTL_DIAL_TIMEOUT: ");
        assertThatThrownBy(
                        () -> resolve(Overrides.builder().endpoints("unix://x").build(), Map.of()))
                .isInstanceOf(EtcdException.class)
                .hasMessageStartingWith("--endpoints: ");
        assertThatThrownBy(() -> resolve(Overrides.NONE, Map.of("GOOETCD_ENDPOINTS", "nope")))
                .isInstanceOf(EtcdException.class)
                .hasMessageStartingWith("GOOETCD_ENDPOINTS: ");
        assertThatThrownBy(() -> resolve(
                        Overrides.builder().cluster("bare").cert(Path.of("/c")).build(), Map.of()))
                .isInstanceOfSatisfying(EtcdException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
                    assertThat(e.getMessage()).contains("'bare'").contains("cert-file and key-file");
                });
    }

    @Test
    void resolvingTwiceGivesTheSameAndNothingLeaksIntoToString() {
        Resolved a = resolve(Overrides.NONE, Map.of());
        Resolved b = resolve(Overrides.NONE, Map.of());
        assertThat(a).isEqualTo(b);
        assertThat(a.toString()).doesNotContain(SECRET);
        assertThat(Overrides.builder().user("u:pw1").password("pw2").build().toString())
                .doesNotContain("pw1")
                .doesNotContain("pw2");
    }
}
