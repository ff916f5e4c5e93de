package io.googo.etcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.EtcdProcess;
import io.googo.etcd.testkit.EtcdctlResult;
import io.googo.etcd.testkit.TestPrefix;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bytes whatever the locale: the packaged jar run as a process through bash (Java's
 * ProcessBuilder cannot pass bytes that are not valid UTF-8, so the script passes them with
 * {@code $'\xff'} escapes in ASCII text), under {@code LANG=C}, {@code LC_ALL=C} and no
 * {@code LANG} at all, on this JDK (17) and on JDK 25 when it is installed; standard input
 * closed; {@code ~} from {@code $HOME}.
 */
@ExtendWith(EtcdExtension.class)
class LocaleProcessTest {
    static final Path JAR =
            Path.of(System.getProperty("gooetcd.jar", "target/gooetcd.jar")).toAbsolutePath();
    static final Path JDK17 = Path.of(System.getProperty("java.home"), "bin", "java");
    static final Path JDK25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
    static final String KEY = "loc/\u043a\u043b\u044e\u0447"; // loc/ключ
    static final String VALUE = "\u0437\u043d\u0430\u0447\u0435\u043d\u0438\u0435"; // значение

    record Run(int exit, byte[] out, String err, String script) {
        String outText() {
            return new String(out, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "script: " + script + "\nexit=" + exit + "\n--- stdout ---\n" + outText() + "\n--- stderr ---\n"
                    + err;
        }
    }

    static Stream<Arguments> jdksAndLocales() {
        List<Arguments> all = new ArrayList<>();
        for (String jdk : List.of("17", "25")) {
            for (String locale : List.of("LANG=C", "LC_ALL=C", "")) {
                all.add(Arguments.of(jdk, locale));
            }
        }
        return all.stream();
    }

    static Path java(String jdk) {
        Path java = jdk.equals("25") ? JDK25 : JDK17;
        Assumptions.assumeTrue(Files.isExecutable(java), "no JDK " + jdk + " at " + java);
        Assumptions.assumeTrue(Files.isRegularFile(JAR), "build " + JAR + " first (make build)");
        return java;
    }

    /**
     * Runs {@code script} in bash with only PATH, HOME and {@code locale} ("NAME=VALUE", or "" for
     * none) in the environment; {@code g ARGS} in it runs gooetcd against {@code etcd}.
     */
    static Run bash(EtcdProcess etcd, String jdk, String locale, Path home, String script)
            throws IOException, InterruptedException {
        Path java = java(jdk);
        String opts = jdk.equals("25") ? "--sun-misc-unsafe-memory-access=allow" : "";
        String g = "g() { \"$J\" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC " + opts
                + " -jar \"$G\" --endpoints \"$E\" \"$@\"; }\n";
        ProcessBuilder pb = new ProcessBuilder("/bin/bash", "-c", g + script);
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("PATH", "/usr/bin:/bin");
        env.put("HOME", home.toString());
        env.put("J", java.toString());
        env.put("G", JAR.toString());
        env.put("E", etcd == null ? "127.0.0.1:1" : etcd.clientUrl());
        if (!locale.isEmpty()) {
            String[] kv = locale.split("=", 2);
            env.put(kv[0], kv[1]);
        }
        pb.directory(home.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread errPump = new Thread(() -> {
            try {
                p.getErrorStream().transferTo(err);
            } catch (IOException ignored) {
                // the process ended
            }
        });
        errPump.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("did not end within 120 s: " + script + "\nstdout so far: "
                    + new String(out, StandardCharsets.UTF_8));
        }
        errPump.join(10_000);
        return new Run(p.exitValue(), out, err.toString(StandardCharsets.UTF_8), script);
    }

    /** {@code s} as a bash {@code $'...'} word of {@code \xNN} escapes: ASCII script text, any bytes. */
    static String bytesWord(byte[] b) {
        StringBuilder sb = new StringBuilder("$'");
        for (byte x : b) {
            sb.append(String.format("\\x%02x", x & 0xff));
        }
        return sb.append('\'').toString();
    }

    static String word(String s) {
        return bytesWord(s.getBytes(StandardCharsets.UTF_8));
    }

    /** The keys under {@code prefix} as etcd holds them, as bytes (etcdctl's base64). */
    static List<byte[]> keysUnder(EtcdProcess etcd, String prefix) throws IOException {
        EtcdctlResult r = etcd.etcdctl("get", prefix, "--prefix", "--keys-only", "-w", "json")
                .assertOk();
        JsonNode kvs = new ObjectMapper().readTree(r.out()).path("kvs");
        List<byte[]> keys = new ArrayList<>();
        kvs.forEach(kv -> keys.add(Base64.getDecoder().decode(kv.get("key").asText())));
        return keys;
    }

    static byte[] valueOf(EtcdProcess etcd, String key) throws IOException {
        EtcdctlResult r = etcd.etcdctl("get", key, "-w", "json").assertOk();
        JsonNode kvs = new ObjectMapper().readTree(r.out()).path("kvs");
        return kvs.isEmpty()
                ? null
                : Base64.getDecoder().decode(kvs.get(0).get("value").asText());
    }

    @ParameterizedTest(name = "JDK {0}, {1}")
    @MethodSource("jdksAndLocales")
    void nonAsciiArgumentsAreStoredAndFoundAsUtf8WhateverTheLocale(
            String jdk, String locale, EtcdProcess etcd, TestPrefix p, @TempDir Path home) throws Exception {
        String key = p.key(KEY);
        Run r = bash(
                etcd,
                jdk,
                locale,
                home,
                "g put " + word(key) + " " + word(VALUE) + " && g get " + word(key) + " && g get " + word(key)
                        + " -w json");
        assertThat(r.exit()).as(r.toString()).isZero();
        List<String> lines = r.outText().lines().toList();
        assertThat(lines).as(r.toString()).hasSize(4);
        assertThat(lines.subList(0, 3)).as(r.toString()).containsExactly("OK", key, VALUE);
        JsonNode json = new ObjectMapper().readTree(lines.get(3));
        assertThat(json.path("kvs").get(0).get("key").asText()).as(r.toString()).isEqualTo(key);
        assertThat(keysUnder(etcd, p.value()))
                .as(r.toString())
                .singleElement()
                .isEqualTo(key.getBytes(StandardCharsets.UTF_8));
        assertThat(valueOf(etcd, key)).as(r.toString()).isEqualTo(VALUE.getBytes(StandardCharsets.UTF_8));
        assertThat(r.err()).as(r.toString()).isEmpty();
    }

    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(strings = {"17", "25"})
    void anArgumentThatIsNotUtf8IsRefusedNamingItAndNothingIsWritten(
            String jdk, EtcdProcess etcd, TestPrefix p, @TempDir Path home) throws Exception {
        for (String locale : List.of("", "LANG=C.UTF-8")) {
            String key = word(p.key("k/")) + "$'\\xff\\xfe'";
            Run r = bash(etcd, jdk, locale, home, "g put " + key + " v");
            assertThat(r.exit()).as(r.toString()).isEqualTo(3);
            assertThat(r.err().lines().toList())
                    .as(r.toString())
                    .singleElement()
                    .asString()
                    .startsWith("Error: argument 4 (\"" + p.key("k/") + "\\xff\\xfe\") is not valid UTF-8")
                    .contains("key_base64");
            Run v = bash(etcd, jdk, locale, home, "g put " + word(p.key("v")) + " $'x\\xff'");
            assertThat(v.exit()).as(v.toString()).isEqualTo(3);
            assertThat(v.err()).as(v.toString()).startsWith("Error: argument 5 (\"x\\xff\") is not valid UTF-8");
            assertThat(keysUnder(etcd, p.value())).as(r + "\n" + v).isEmpty();
        }
    }

    /** With standard input closed, the JVM reuses descriptor 0 for a file of its own: never read it. */
    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(strings = {"17", "25"})
    void aCommandThatNeedsAClosedStandardInputIsAUsageErrorAndWritesNothing(
            String jdk, EtcdProcess etcd, TestPrefix p, @TempDir Path home) throws Exception {
        String put = "put " + word(p.key("put"));
        for (String cmd : List.of(put, "txn", "txn -i", "batch", "watch -i", "load", "shell")) {
            Run r = bash(etcd, jdk, "", home, "g " + cmd + " <&-");
            assertThat(r.exit()).as(r.toString()).isEqualTo(128);
            List<String> err = r.err().lines().toList();
            assertThat(err.get(0))
                    .as(r.toString())
                    .startsWith("Error: gooetcd " + cmd.split(" ")[0] + " reads ")
                    .endsWith("from standard input, which is closed");
            assertThat(err).as(r.toString()).hasSizeLessThanOrEqualTo(2).noneMatch(l -> l.contains("Exception"));
            assertThat(r.out()).as(r.toString()).isEmpty();
        }
        assertThat(keysUnder(etcd, p.value())).isEmpty();
        // a command that does not read standard input is not bothered
        Run ok = bash(etcd, jdk, "", home, "g put " + word(p.key("ok")) + " v <&-");
        assertThat(ok.exit()).as(ok.toString()).isZero();
        // lock's command inherits our input: an empty one, not the JVM's file at descriptor 0
        Run lock = bash(etcd, jdk, "", home, "g lock " + word(p.key("lock")) + " -- wc -c <&-");
        assertThat(lock.exit()).as(lock.toString()).isZero();
        assertThat(lock.outText().strip()).as(lock.toString()).isEqualTo("0");
    }

    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(strings = {"17", "25"})
    void aFileNameTheLocaleCannotSpellIsAClearError(String jdk, EtcdProcess etcd, TestPrefix p, @TempDir Path home)
            throws Exception {
        String name = "\u0444\u0430\u0439\u043b.ndjson"; // файл.ndjson
        Files.write(
                home.resolve(name),
                ("{\"key\":\"" + p.key("f") + "\",\"value\":\"1\"}\n").getBytes(StandardCharsets.UTF_8));
        Run r = bash(etcd, jdk, "", home, "g load " + word(name));
        assertThat(r.exit()).as(r.toString()).isEqualTo(6);
        assertThat(r.err().lines().toList())
                .as(r.toString())
                .singleElement()
                .asString()
                .startsWith("Error: cannot open the file \"" + name + "\": this locale's charset")
                .contains("LC_ALL=C.UTF-8");
        Run utf8 = bash(etcd, jdk, "LC_ALL=C.UTF-8", home, "g load " + word(name));
        assertThat(utf8.exit()).as(utf8.toString()).isZero();
        assertThat(keysUnder(etcd, p.value())).hasSize(1);
    }

    /** The interactive shell reads the terminal as UTF-8 whatever the locale (JDK 17 took ASCII under C). */
    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(strings = {"17", "25"})
    void theInteractiveShellTakesTypedKeysAsUtf8WithNoLang(
            String jdk, EtcdProcess etcd, TestPrefix p, @TempDir Path home) throws Exception {
        Path java = java(jdk);
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "no script(1) for a terminal");
        String opts = jdk.equals("25") ? " --sun-misc-unsafe-memory-access=allow" : "";
        ProcessBuilder pb = new ProcessBuilder(
                "/usr/bin/script",
                "-qfec",
                java + opts + " -jar " + JAR + " --endpoints " + etcd.clientUrl() + " shell",
                "/dev/null");
        pb.environment().clear();
        pb.environment()
                .putAll(Map.of(
                        "PATH", "/usr/bin:/bin", "HOME", home.toString(), "TERM", "dumb", "GOOETCD_HISTFILE", ""));
        pb.redirectErrorStream(true);
        Process shell = pb.start();
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> {
            try {
                shell.getInputStream().transferTo(screen);
            } catch (IOException ignored) {
                // ended
            }
        });
        reader.start();
        // typed ahead: the terminal keeps it until the shell reads; stdin stays open until it exits
        shell.getOutputStream().write(b("put " + p.key(KEY) + " " + VALUE + "\rexit\r"));
        shell.getOutputStream().flush();
        boolean ended = shell.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            shell.destroyForcibly();
        }
        shell.getOutputStream().close();
        reader.join(10_000);
        String what = "terminal: " + screen.toString(StandardCharsets.UTF_8);
        assertThat(ended).as(what).isTrue();
        assertThat(keysUnder(etcd, p.value()))
                .as(what)
                .singleElement()
                .isEqualTo(p.key(KEY).getBytes(StandardCharsets.UTF_8));
        assertThat(valueOf(etcd, p.key(KEY))).as(what).isEqualTo(VALUE.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theHomeDirectoryIsHome(@TempDir Path home) throws Exception {
        Path config = home.resolve(".config/gooetcd/config.yaml");
        Files.createDirectories(config.getParent());
        Files.writeString(config, "current: from-home\nclusters:\n  from-home:\n    endpoints: [127.0.0.1:1]\n");
        Run r = bash(null, "17", "", home, "g config current");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.outText()).as(r.toString()).isEqualTo("from-home\n");
    }
}
