package io.googo.etcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.EtcdProcess;
import io.googo.etcd.testkit.TestPrefix;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gooetcd shell} on a real terminal: the launcher runs in a tmux session of its own (a
 * private tmux server), keys are typed with send-keys and the screen read with capture-pane.
 * tmux comes with {@code make deps}.
 */
@ExtendWith(EtcdExtension.class)
class ShellProcessTest {
    private final String socket = "gooetcd-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();

    @TempDir
    Path home;

    @AfterEach
    void killTmux() throws Exception {
        tmux("kill-server");
    }

    @Test
    void aPromptWithCompletionHistoryAndCtrlCThatStopsOnlyTheCommand(EtcdProcess etcd, TestPrefix p) throws Exception {
        etcd.etcdctl("put", p.key("services/web/1"), "a");
        etcd.etcdctl("put", p.key("services/db/1"), "b");
        Path history = home.resolve("history");
        // an existing history file that others may read is made 0600 before it is written (checked at the end)
        Files.writeString(history, "");
        Files.setPosixFilePermissions(history, PosixFilePermissions.fromString("rw-r--r--"));
        Path exit = home.resolve("exit");
        String jar = System.getProperty("gooetcd.jar");
        String cmd = "env HOME=" + home + " GOOETCD_CDS=off GOOETCD_HISTFILE=" + history + " "
                + (jar == null ? "" : "GOOETCD_JAR=" + jar + " ")
                + CliProcessTest.LAUNCHER.toAbsolutePath() + " --endpoints " + etcd.clientUrl() + " shell; echo $? > "
                + exit + "; sleep 60";
        tmux("new-session", "-d", "-x", "150", "-y", "50", "bash", "-c", cmd);
        screen(s -> s.contains("gooetcd[local]>"), "the prompt");

        type("put " + p.key("a") + " 'x y'", "Enter");
        screen(s -> s.contains("OK"), "put's OK");

        type("wat", "Tab");
        screen(s -> lastLine(s).endsWith("> watch"), "the command completed");
        type("C-u", "get " + p.key("se"), "Tab");
        screen(s -> lastLine(s).endsWith("> get " + p.key("services/")), "the key completed to its next segment");
        type("C-u");

        type("watch " + p.key("w"), "Enter");
        // put until the watch, once started, shows the event
        screen(
                s -> {
                    etcd.etcdctl("put", p.key("w"), "seen");
                    return s.contains("seen");
                },
                "the watch event");
        type("C-c");
        screen(s -> lastLine(s).endsWith("gooetcd[local]>"), "the prompt again after Ctrl-C");

        try (SilentServer hung = new SilentServer()) {
            type("get k --endpoints " + hung.endpoint() + " --command-timeout 60s", "Enter");
            screen(s -> hung.connections() > 0, "the request in flight, unanswered");
            type("C-c");
            screen(
                    s -> s.contains("Error: get k: interrupted") && lastLine(s).endsWith("gooetcd[local]>"),
                    "Ctrl-C ending a request in flight");
        }

        type("get " + p.key("a") + " --print-value-only", "Enter");
        screen(s -> s.contains("x y"), "the shell still works after Ctrl-C");
        type("C-p");
        screen(
                s -> lastLine(s).endsWith("> get " + p.key("a") + " --print-value-only"),
                "history recalls the last line");
        type("C-u", "get " + p.key("a") + " --user nobody:secret", "Enter");
        screen(s -> s.contains("Error: "), "the failing line's error");
        type("exit 4", "Enter");
        Path exitFile = exit;
        screen(s -> Files.exists(exitFile) && !read(exitFile).isBlank(), "the shell's exit");

        assertThat(read(exit).strip()).isEqualTo("4");
        List<String> lines = Files.readAllLines(history).stream()
                .map(l -> l.substring(l.indexOf(':') + 1))
                .toList();
        assertThat(lines)
                .contains("put " + p.key("a") + " 'x y'", "watch " + p.key("w"), "exit 4")
                .noneMatch(l -> l.contains("secret"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(history)))
                .isEqualTo("rw-------");
    }

    private static String lastLine(String screen) {
        List<String> lines = screen.lines()
                .map(String::stripTrailing)
                .filter(l -> !l.isEmpty())
                .toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            return "";
        }
    }

    private void type(String... keys) throws Exception {
        for (String k : keys) {
            if (k.isEmpty()) {
                continue;
            }
            boolean special = k.equals("Enter") || k.equals("Tab") || k.matches("C-[a-z]");
            List<String> args = new ArrayList<>(List.of("send-keys", "-t", "0"));
            if (!special) {
                args.add("-l");
            }
            args.add(k);
            tmux(args.toArray(new String[0]));
        }
    }

    private String screen(Predicate<String> ready, String what) throws Exception {
        // a generous ceiling: a busy machine starts the JVM and answers slowly; the wait ends when the screen is ready
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        String s = "";
        while (System.nanoTime() < deadline) {
            s = tmux("capture-pane", "-p", "-t", "0");
            if (ready.test(s)) {
                return s;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("waited 120 s for " + what + "; the screen:\n" + s);
    }

    private String tmux(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socket));
        cmd.addAll(List.of(args));
        Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        proc.waitFor(10, TimeUnit.SECONDS);
        return out;
    }
}
