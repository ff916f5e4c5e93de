package io.googo.etcd.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.EtcdException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileFileTest {
    static final String SECRET = "hunter2-s3cret";

    static final String FULL = """
            # a comment
            current: prod   # the default
            clusters:
              local:
                endpoints: [http://127.0.0.1:2379]
              prod:
                endpoints:
                  - https://10.0.0.1:2379
                  - 10.0.0.2:2379
                username: ops
                password-env: PROD_ETCD_PASSWORD
                namespace: /myapp/
                dial-timeout: 3s
                request-timeout: 1m30s
                keepalive-time: 20s
                keepalive-timeout: 500ms
                auto-sync-interval: 0s
                max-send-message-size: 4MiB
                max-receive-message-size: 1048576
                compression: true
                grpc-debug-log: false
                tls:
                  enabled: true
                  ca-file: /etc/etcd/ca.pem
                  cert-file: certs/client.pem
                  key-file: /etc/etcd/client-key.pem
                  server-name: etcd.internal
                  insecure-skip-verify: false
              inline:
                endpoints: a:1,b:2
                username: root
                password: %s
              from-file:
                username: bob
                password-file: /run/secrets/etcd
            """.formatted(SECRET);

    @TempDir
    Path dir;

    @Test
    void parsesEveryField() throws IOException {
        Path file = write("config.yaml", FULL);
        ProfileFile f = ProfileFile.load(file);

        assertThat(f.source()).contains(file);
        assertThat(f.current()).isEqualTo("prod");
        assertThat(f.names()).containsExactly("local", "prod", "inline", "from-file");
        assertThat(f.profile("local").orElseThrow()).isEqualTo(Profile.ofEndpoints("http://127.0.0.1:2379"));

        Profile p = f.profile("prod").orElseThrow();
        assertThat(p.endpoints()).containsExactly("https://10.0.0.1:2379", "http://10.0.0.2:2379");
        assertThat(p.username()).isEqualTo("ops");
        assertThat(p.password()).isNull();
        assertThat(p.passwordEnv()).isEqualTo("PROD_ETCD_PASSWORD");
        assertThat(p.passwordFile()).isNull();
        assertThat(p.namespace()).isEqualTo("/myapp/");
        assertThat(p.dialTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(p.requestTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(p.keepaliveTime()).isEqualTo(Duration.ofSeconds(20));
        assertThat(p.keepaliveTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(p.autoSyncInterval()).isEqualTo(Duration.ZERO);
        assertThat(p.maxSendMessageSize()).isEqualTo(4 * 1024 * 1024);
        assertThat(p.maxReceiveMessageSize()).isEqualTo(1048576);
        assertThat(p.compression()).isTrue();
        assertThat(p.grpcDebugLog()).isFalse();
        assertThat(p.tls())
                .isEqualTo(new Profile.Tls(
                        true,
                        Path.of("/etc/etcd/ca.pem"),
                        Path.of("certs/client.pem"),
                        Path.of("/etc/etcd/client-key.pem"),
                        "etcd.internal",
                        false));

        Profile inline = f.profile("inline").orElseThrow();
        assertThat(inline.endpoints()).containsExactly("http://a:1", "http://b:2");
        assertThat(inline.password()).isEqualTo(SECRET);
        assertThat(inline.toString()).doesNotContain(SECRET);
        assertThat(f.profile("from-file").orElseThrow().passwordFile()).isEqualTo(Path.of("/run/secrets/etcd"));
    }

    @Test
    void scalarsKeepTheirText() {
        ProfileFile f = ProfileFile.parse("""
                clusters:
                  p:
                    username: 0123
                    password: 1e3
                """, null);
        assertThat(f.profile("p").orElseThrow().username()).isEqualTo("0123");
        assertThat(f.profile("p").orElseThrow().password()).isEqualTo("1e3");
    }

    @Test
    void emptyAndNullSectionsAreFine() {
        assertThat(ProfileFile.parse("", null).isEmpty()).isTrue();
        assertThat(ProfileFile.parse("# nothing here\n", null).isEmpty()).isTrue();
        assertThat(ProfileFile.parse("---\n", null).isEmpty()).isTrue();
        assertThat(ProfileFile.parse("clusters:\n", null).isEmpty()).isTrue();
        ProfileFile f = ProfileFile.parse("clusters:\n  bare:\n  t:\n    tls:\n", null);
        assertThat(f.profile("bare")).contains(Profile.EMPTY);
        assertThat(f.profile("t")).contains(Profile.EMPTY);
    }

    @Test
    void endpointsAcceptAListOrOneString() {
        ProfileFile f = ProfileFile.parse("""
                clusters:
                  a: {endpoints: "h1:1, https://h2:2"}
                  b: {endpoints: h3:3}
                  c: {endpoints: [h4:4, "h5:5,h6:6"]}
                """, null);
        assertThat(f.profile("a").orElseThrow().endpoints()).containsExactly("http://h1:1", "https://h2:2");
        assertThat(f.profile("b").orElseThrow().endpoints()).containsExactly("http://h3:3");
        assertThat(f.profile("c").orElseThrow().endpoints())
                .containsExactly("http://h4:4", "http://h5:5", "http://h6:6");
    }

    @Test
    void exampleFileParses() {
        ProfileFile f = ProfileFile.load(Path.of("config.example.yaml"));
        assertThat(f.current()).isEqualTo("local");
        assertThat(f.names()).containsExactly("local");
        // the local example spells out the defaults: resolving it gives exactly the built-in profile
        Resolved r = ProfileResolver.resolve(f, Overrides.NONE, Map.of());
        assertThat(r.config()).isEqualTo(EtcdConfig.defaults());
    }

    @Test
    void exampleFileCommentedProdProfileParsesOnceUncommented() throws IOException {
        String text = Files.readString(Path.of("config.example.yaml"));
        int at = text.indexOf("  # prod:");
        assertThat(at).isPositive();
        String prod = text.substring(at)
                .lines()
                .map(l -> l.replaceFirst("^  # ?", "  "))
                .reduce("", (a, b) -> a + b + "\n");
        ProfileFile f = ProfileFile.parse(text.substring(0, at) + prod, Path.of("example"));
        Profile p = f.profile("prod").orElseThrow();
        assertThat(p.endpoints()).hasSize(3).allMatch(e -> e.startsWith("https://"));
        assertThat(p.passwordEnv()).isEqualTo("PROD_ETCD_PASSWORD");
        assertThat(p.password()).isNull();
        assertThat(p.tls().caFile()).isEqualTo(Path.of("/etc/etcd/ca.pem"));
        assertThat(p.autoSyncInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(p.maxReceiveMessageSize()).isEqualTo(16 * 1024 * 1024);
        // every key CONFIG.md documents appears in the example
        for (String key : ProfileYaml.PROFILE_KEYS) {
            assertThat(text).as(key).contains(key + ":");
        }
        for (String key : ProfileYaml.TLS_KEYS) {
            assertThat(text).as(key).contains(key + ":");
        }
    }

    // ------------------------------------------------------------------ errors

    @Test
    void unreadableFileIsIo() {
        assertThatThrownBy(() -> ProfileFile.load(dir.resolve("missing.yaml")))
                .isInstanceOfSatisfying(EtcdException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.IO);
                    assertThat(e.getMessage()).contains("missing.yaml").contains("no such file");
                });
        assertThatThrownBy(() -> ProfileFile.load(dir))
                .isInstanceOfSatisfying(
                        EtcdException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.IO));
    }

    @Test
    void nonUtf8IsInvalid() throws IOException {
        Path file = dir.resolve("bin.yaml");
        Files.write(file, new byte[] {'a', ':', ' ', (byte) 0xff, '\n'});
        assertThatThrownBy(() -> ProfileFile.load(file))
                .isInstanceOfSatisfying(
                        EtcdException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT));
    }

    @Test
    void bomIsIgnored() throws IOException {
        Path file = write("bom.yaml", "\uFEFFcurrent: a\nclusters:\n  a: {}\n");
        assertThat(ProfileFile.load(file).current()).isEqualTo("a");
    }

    // ------------------------------------------------------------------ list, view, warnings

    @Test
    void listMarksTheCurrentProfile() {
        ProfileFile f = ProfileFile.parse(FULL, null);
        assertThat(f.list())
                .containsExactly(
                        new ProfileFile.Entry("local", false),
                        new ProfileFile.Entry("prod", true),
                        new ProfileFile.Entry("inline", false),
                        new ProfileFile.Entry("from-file", false));
        // no current: the only profile is the effective one; with several, none is
        assertThat(ProfileFile.parse("clusters: {a: {}}", null).list())
                .containsExactly(new ProfileFile.Entry("a", true));
        assertThat(ProfileFile.parse("clusters: {a: {}, b: {}}", null).list()).noneMatch(ProfileFile.Entry::current);
        assertThat(ProfileFile.parse("clusters: {a: {}, b: {}}", null).effectiveCurrent())
                .isEmpty();
        // no file at all: the built-in local profile
        assertThat(ProfileFile.empty().orBuiltin().list()).containsExactly(new ProfileFile.Entry("local", true));
        assertThat(ProfileFile.empty().orBuiltin().isBuiltin()).isTrue();
        assertThat(ProfileFile.builtin().profile("local").orElseThrow().endpoints())
                .containsExactly("http://127.0.0.1:2379");
    }

    @Test
    void redactedYamlNeverShowsThePassword() {
        ProfileFile f = ProfileFile.parse(FULL, null);
        String view = f.redactedYaml();
        assertThat(view)
                .doesNotContain(SECRET)
                .contains("password: REDACTED")
                .contains("password-env: PROD_ETCD_PASSWORD")
                .contains("password-file: /run/secrets/etcd");
        assertThat(f.toMap(true).toString()).doesNotContain(SECRET);
        assertThat(f.toString()).doesNotContain(SECRET);
        // the rendered view is itself a valid profile file equal to the original but for the password
        ProfileFile back = ProfileFile.parse(view, null);
        assertThat(back.profile("prod")).isEqualTo(f.profile("prod"));
        assertThat(back.profile("inline").orElseThrow().password()).isEqualTo("REDACTED");
    }

    @Test
    void rawYamlShowsThePasswordAndRoundTrips() {
        ProfileFile f = ProfileFile.parse(FULL, null);
        String raw = f.rawYaml();
        assertThat(raw).contains(SECRET).startsWith("current: prod\n");
        ProfileFile back = ProfileFile.parse(raw, null);
        assertThat(back.profiles()).isEqualTo(f.profiles());
        assertThat(back.current()).isEqualTo("prod");
    }

    @Test
    void rawYamlQuotesWhatWouldReadBackAsAnotherType() {
        ProfileFile f = ProfileFile.parse("clusters:\n  p:\n    username: \"true\"\n    password: \"0123\"\n", null);
        ProfileFile back = ProfileFile.parse(f.rawYaml(), null);
        assertThat(back.profiles()).isEqualTo(f.profiles());
    }

    @Test
    void warnsAboutAnInlinePasswordInAGroupReadableFile() throws IOException {
        Path file = write("config.yaml", FULL);
        Assumptions.assumeTrue(Files.getFileStore(file).supportsFileAttributeView("posix"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        List<String> w = ProfileFile.load(file).warnings();
        assertThat(w).hasSize(1);
        assertThat(w.get(0))
                .contains(file.toString())
                .contains("inline password")
                .doesNotContain(SECRET)
                .doesNotContain("\n");

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThat(ProfileFile.load(file).warnings()).isEmpty();

        // no inline password: no warning whatever the mode
        Path noInline = write("other.yaml", "clusters:\n  a: {username: u, password-env: X}\n");
        Files.setPosixFilePermissions(noInline, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(ProfileFile.load(noInline).warnings()).isEmpty();
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }
}
