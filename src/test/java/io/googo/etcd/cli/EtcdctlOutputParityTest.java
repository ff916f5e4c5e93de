package io.googo.etcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.EtcdctlResult;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Output details against the real etcdctl on the same server (issue #15 item 7): which stream a
 * command prints on, the endpoints as given, the tables' layout. Times ("took") differ from run to
 * run and are taken out before comparing.
 */
class EtcdctlOutputParityTest {
    @RegisterExtension
    static final EtcdExtension etcd = EtcdExtension.builder().build();

    /** A duration as Go prints it ("2.711586ms", "1.5s", "850µs"), replaced by "T". */
    static String untimed(String s) {
        return s.replaceAll("\\b[0-9]+(\\.[0-9]+)?(ns|µs|us|ms|s|m[0-9.]+s|h[0-9.m]+s)\\b", "T")
                .replaceAll("(?m)^(\\+-*)+\\+$", "+border+")
                .replaceAll(" {2,}", " ");
    }

    @Test
    void endpointHealthPrintsOnTheStreamsEtcdctlPrintsOn() {
        for (String format : new String[] {"simple", "json", "table", "fields"}) {
            EtcdctlResult c = etcd.etcdctl("endpoint", "health", "-w", format).assertOk();
            Cli.Result g = Cli.at(etcd.clientUrl())
                    .run("endpoint", "health", "-w", format.equals("json") ? "etcdctl-json" : format);
            String what = "endpoint health -w " + format + "\ngooetcd:\n" + g + "\netcdctl:\n" + c;
            assertThat(g.exitCode()).as(what).isZero();
            assertThat(g.out().isEmpty())
                    .as("stdout empty? " + what)
                    .isEqualTo(c.stdout().isEmpty());
            assertThat(g.err().isEmpty())
                    .as("stderr empty? " + what)
                    .isEqualTo(c.stderr().isEmpty());
            if (format.equals("simple")) {
                assertThat(untimed(g.err())).as(what).isEqualTo(untimed(c.stderr()));
            }
        }
    }

    @Test
    void endpointsAreEchoedAsGivenInEveryFormat() {
        String url = etcd.clientUrl();
        String bare = url.substring("http://".length());
        for (String given : new String[] {bare, url, "HTTP://" + bare}) {
            for (String command : new String[] {"status", "hashkv", "health"}) {
                for (String format : new String[] {"simple", "json", "table", "fields"}) {
                    EtcdctlResult c = EtcdctlResult.run(
                                    List.of("--endpoints=" + given, "endpoint", command, "-w", format),
                                    null,
                                    EtcdctlResult.DEFAULT_TIMEOUT)
                            .assertOk();
                    String theirs = c.stdout() + c.stderr();
                    String what = "endpoint " + command + " -w " + format + " --endpoints=" + given;
                    assertThat(theirs)
                            .as("etcdctl " + what + ":\n" + c)
                            .contains(given)
                            .doesNotContain(given.equals(bare) ? "http" : "x" + given);
                    for (String ours :
                            format.equals("json") ? new String[] {"json", "etcdctl-json"} : new String[] {format}) {
                        Cli.Result g = Cli.at(given).run("endpoint", command, "-w", ours);
                        assertThat(g.exitCode()).as(what + "\n" + g).isZero();
                        assertThat(g.out() + g.err())
                                .as("gooetcd " + what + " -w " + ours + ":\n" + g + "\netcdctl:\n" + c)
                                .contains(given)
                                .doesNotContain(given.equals(bare) ? "http" : "x" + given);
                    }
                }
            }
        }
    }

    /** The tables etcdctl has, byte for byte (a status read again if a raft index moved in between). */
    @Test
    void tablesAreLaidOutAsEtcdctls() {
        for (String[] command : new String[][] {{"member", "list"}, {"endpoint", "status"}, {"endpoint", "hashkv"}}) {
            String[] args = {command[0], command[1], "-w", "table"};
            String what = String.join(" ", args);
            for (int attempt = 1; ; attempt++) {
                EtcdctlResult c = etcd.etcdctl(args).assertOk();
                Cli.Result g = Cli.at(etcd.clientUrl()).run(args);
                assertThat(g.exitCode()).as(what + "\n" + g).isZero();
                if (attempt < 3 && !g.out().equals(c.stdout())) {
                    continue;
                }
                assertThat(g.out())
                        .as(what + " (attempt " + attempt + ")\ngooetcd:\n" + g + "\netcdctl:\n" + c)
                        .isEqualTo(c.stdout());
                break;
            }
        }
        EtcdctlResult c = etcd.etcdctl("endpoint", "health", "-w", "table").assertOk();
        Cli.Result g = Cli.at(etcd.clientUrl()).run("endpoint", "health", "-w", "table");
        String what = "endpoint health -w table\ngooetcd:\n" + g + "\netcdctl:\n" + c;
        assertThat(withoutThirdColumn(g.out())).as(what).isEqualTo(withoutThirdColumn(c.stdout()));
    }

    /** {@code txn -i} with stdin no terminal: the same prompts on the same stream as etcdctl. */
    @Test
    void txnInteractivePromptsAsEtcdctlWhenStdinIsNoTerminal() {
        String text = "value(\"/parity/txn\") = \"nothing\"\n\nput /parity/txn-ok v\n\nget /parity/txn\n\n";
        EtcdctlResult c = etcd.process().etcdctlWithInput(text, "txn", "-i").assertOk();
        Cli.Result g = Cli.at(etcd.clientUrl()).stdin(text).run("txn", "-i");
        String what = "txn -i\ngooetcd:\n" + g + "\netcdctl:\n" + c;
        assertThat(g.exitCode()).as(what).isZero();
        assertThat(g.out()).as(what).isEqualTo(c.stdout());
        assertThat(g.err()).as(what).isEqualTo(c.stderr());
    }

    /** {@code watch -- CMD}: the command sees ETCD_WATCH_* exactly as etcdctl sets them (Go-quoted). */
    @Test
    void watchCommandEnvironmentIsEtcdctls() {
        String key = "/parity/watch";
        long rev = etcd.etcdctl("put", key, "a b\"c\\d", "-w", "json")
                .assertOk()
                .stdout()
                .replaceAll("(?s).*\"revision\":(\\d+).*", "$1")
                .transform(Long::parseLong);
        etcd.etcdctl("del", key).assertOk();
        String script = "env | grep '^ETCD_WATCH_' | sort; echo ---";
        List<String> args = new java.util.ArrayList<>(etcd.process().etcdctlFlags());
        args.addAll(List.of("watch", key, "--rev", Long.toString(rev), "--", "sh", "-c", script));
        // etcdctl 3.4's watch has no --max-events: it is stopped once it has run the command twice
        EtcdctlResult c = EtcdctlResult.run(args, null, java.time.Duration.ofSeconds(4));
        Cli.Result g = Cli.bare()
                .env("PATH", System.getenv("PATH"))
                .run(
                        "--endpoints",
                        etcd.clientUrl(),
                        "watch",
                        key,
                        "--rev",
                        Long.toString(rev),
                        "--max-events",
                        "2",
                        "--",
                        "sh",
                        "-c",
                        script);
        String what = "watch -- sh -c env\ngooetcd:\n" + g + "\netcdctl:\n" + c;
        assertThat(g.exitCode()).as(what).isZero();
        assertThat(c.stdout()).as(what).contains("ETCD_WATCH_VALUE=\"a b\\\"c\\\\d\"");
        // the revision is left out: etcdctl sets the watch response's header revision, which for a replay of
        // several events in one response is the latest of them (a documented difference)
        java.util.function.Function<String, List<String>> env = out -> out.lines()
                .filter(l -> l.startsWith("ETCD_WATCH_") && !l.startsWith("ETCD_WATCH_REVISION="))
                .toList();
        assertThat(env.apply(g.out())).as(what).hasSize(6).isEqualTo(env.apply(c.stdout()));
    }

    /** A table without its third column (TOOK, whose width varies from run to run). */
    private static String withoutThirdColumn(String table) {
        StringBuilder sb = new StringBuilder();
        for (String line : table.split("\n")) {
            String sep = line.startsWith("+") ? "+" : "|";
            List<String> cells = new java.util.ArrayList<>(List.of(line.split(java.util.regex.Pattern.quote(sep), -1)));
            if (cells.size() > 3) {
                cells.remove(3);
            }
            sb.append(String.join(sep, cells)).append('\n');
        }
        return sb.toString();
    }
}
