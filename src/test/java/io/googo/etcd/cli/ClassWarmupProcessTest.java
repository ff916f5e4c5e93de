package io.googo.etcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.EtcdProcess;
import io.googo.etcd.testkit.TestPrefix;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A one-shot key-value command initialises its request's library classes on a second thread while
 * the main thread parses ({@code ClassWarmup}), and the two never initialise a class of the list at
 * the same time: read from the packaged CLI's {@code -Xlog:class+init} (which thread initialised
 * what, in order).
 */
@ExtendWith(EtcdExtension.class)
class ClassWarmupProcessTest {
    private static final Pattern INIT = Pattern.compile("^\\[(\\d+)\\] \\d+ Initializing '([^']+)'");
    private static final String CLIENT = "io/googo/etcd/core/client/EtcdClient";
    private static final String WARMUP = "io/googo/etcd/core/client/ClassWarmup";

    /** What one run's class+init log says. */
    private record Inits(
            int exit, String out, String err, List<String> byOthersBeforeClient, List<String> byMainInWindow) {
        @Override
        public String toString() {
            return "exit=" + exit + " out=" + out + " err=" + err + " other threads before the client="
                    + byOthersBeforeClient.size() + " "
                    + byOthersBeforeClient.stream().limit(5).toList()
                    + " main while warming=" + byMainInWindow;
        }
    }

    private static Set<String> listed() {
        Set<String> names = new HashSet<>();
        for (String n : io.googo.etcd.core.client.ClassWarmup.classes()) {
            names.add(n.replace('.', '/'));
        }
        return names;
    }

    private static Inits run(Path dir, EtcdProcess etcd, String... args) throws Exception {
        Set<String> listed = listed();
        Path log = dir.resolve("init.txt");
        Files.deleteIfExists(log);
        List<String> cmd =
                new ArrayList<>(List.of(CliProcessTest.LAUNCHER.toString(), "--endpoints", etcd.clientUrl()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().keySet().removeIf(n -> n.startsWith("GOOETCD_") || n.startsWith("ETCDCTL_"));
        pb.environment().remove("XDG_CONFIG_HOME");
        pb.environment().put("HOME", dir.toString());
        pb.environment().put("GOOETCD_CDS", "off");
        // on: whatever the machine's load (a busy machine has the warm-up end at once)
        pb.environment().put("GOOETCD_JAVA_OPTS", "-Dgooetcd.warmup=on -Xlog:class+init=info:file=" + log + ":tid");
        Path out = dir.resolve("out");
        Path err = dir.resolve("err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        String main = null;
        boolean warming = false;
        boolean client = false;
        List<String> others = new ArrayList<>();
        List<String> mainInWindow = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            Matcher m = INIT.matcher(line);
            if (!m.find()) {
                continue;
            }
            String tid = m.group(1);
            String cls = m.group(2);
            if (main == null) {
                main = tid; // the JVM initialises its first classes on the thread that runs main
            }
            if (cls.equals(CLIENT)) {
                client = true;
            }
            if (tid.equals(main) && cls.equals(WARMUP) && !client) {
                warming = true;
            }
            if (!client && !tid.equals(main) && listed.contains(cls)) {
                others.add(cls);
            }
            if (warming && !client && tid.equals(main) && listed.contains(cls)) {
                mainInWindow.add(cls);
            }
        }
        return new Inits(
                p.isAlive() ? -1 : p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8),
                others,
                mainInWindow);
    }

    @Test
    void aGetInitialisesItsRequestsClassesOnASecondThreadWhileMainParses(
            EtcdProcess etcd, TestPrefix prefix, @TempDir Path dir) throws Exception {
        String k = prefix.key("k");
        etcd.etcdctl("put", k, "v").assertOk();
        // the warm-up thread may get no core in the window on a busy machine: a few tries
        List<Inits> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Inits r = run(dir, etcd, "get", k);
            runs.add(r);
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.out()).as(r.toString()).isEqualTo(k + "\nv\n");
            assertThat(r.err()).as(r.toString()).isEmpty();
            assertThat(r.byMainInWindow())
                    .as("classes of the list the main thread initialised while the warm-up ran: " + r)
                    .isEmpty();
            if (!r.byOthersBeforeClient().isEmpty()) {
                break;
            }
        }
        assertThat(runs)
                .as("runs in which a second thread initialised classes of the list before the client was made")
                .anyMatch(r -> r.byOthersBeforeClient().size() > 0);
    }

    @Test
    void txnPutAndDelToo(EtcdProcess etcd, TestPrefix prefix, @TempDir Path dir) throws Exception {
        String k = prefix.key("k");
        Path txn = dir.resolve("txn");
        Files.writeString(txn, "\nput " + k + " v\n\n\n");
        for (List<String> args :
                List.of(List.of("put", k, "v"), List.of("txn", "--file", txn.toString()), List.of("del", k))) {
            Inits r = run(dir, etcd, args.toArray(new String[0]));
            assertThat(r.exit()).as(args + ": " + r).isZero();
            assertThat(r.byMainInWindow())
                    .as(args + ": classes of the list the main thread initialised while the warm-up ran: " + r)
                    .isEmpty();
        }
    }

    @Test
    void notWithDebug(EtcdProcess etcd, TestPrefix prefix, @TempDir Path dir) throws Exception {
        Inits r = run(dir, etcd, "get", prefix.key("k"), "--debug");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.byOthersBeforeClient())
                .as("with --debug Netty's logging is set up by the command: no warm-up before it")
                .isEmpty();
    }
}
