package io.googo.etcd.cli;

import static io.googo.etcd.cli.CliAssertions.assertCleanError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.googo.etcd.core.config.EditDistance;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What someone trying gooetcd for the first time meets: typos, no profile file, no etcd. */
class NewcomerTest {

    @Test
    void aMistypedCommandSuggestsTheCommandsWithinTwoEditsAsEtcdctlDoes() {
        Cli.Result gte = Cli.bare().run("gte");
        assertThat(gte.exitCode()).as(gte.toString()).isEqualTo(128);
        assertThat(gte.err().lines().toList())
                .as(gte.toString())
                .containsExactly("Error: Unmatched argument at index 0: 'gte'", "Did you mean: gooetcd get?");

        Cli.Result lese = Cli.bare().run("lese");
        assertThat(lese.err()).as(lese.toString()).contains("Did you mean: gooetcd lease?");
        Cli.Result revkoe = Cli.bare().run("lease", "revkoe");
        assertThat(revkoe.err()).as(revkoe.toString()).contains("Did you mean: lease revoke?");
        Cli.Result revok = Cli.bare().run("lease", "revok");
        assertThat(revok.err())
                .as("a unique prefix is the command itself, as in cobra\n%s", revok)
                .contains("Missing required parameter: 'ID'", "gooetcd lease revoke --help");

        Cli.Result far = Cli.bare().run("xyzzy");
        assertThat(far.err().lines().toList())
                .as("nothing similar: the help hint\n%s", far)
                .containsExactly("Error: Unmatched argument at index 0: 'xyzzy'", "Run 'gooetcd --help' for usage.");
    }

    @Test
    void suggestionsDistanceAndPrefix() {
        var names = List.of("get", "del", "put", "register", "lease", "endpoint");
        assertThat(CommandSuggestions.similar("gte", names)).containsExactly("get");
        assertThat(CommandSuggestions.similar("GET", names))
                .as("exact first, then within 2 edits, as cobra")
                .containsExactly("get", "del", "put");
        assertThat(CommandSuggestions.similar("end", names)).containsExactly("endpoint");
        assertThat(EditDistance.of("gte", "get")).isEqualTo(2);
        assertThat(EditDistance.of("gte", "register")).isEqualTo(5);
    }

    @Test
    void withNoProfileFileAndNoEtcdTheErrorSaysTheBuiltinProfileWasTried(@TempDir Path home) {
        assumeFalse(listening(2379), "something listens on 127.0.0.1:2379, the built-in profile's endpoint");
        long start = System.nanoTime();
        Cli.Result r = Cli.bare().home(home).run("get", "foo");
        long ms = (System.nanoTime() - start) / 1_000_000;
        String error = assertCleanError(
                r,
                2,
                "127.0.0.1:2379",
                "built-in profile 'local'",
                "no profile file at " + home.resolve(".config/gooetcd/config.yaml"),
                "--endpoints");
        // the built-in fallback dials for 2s (etcdctl's default), not 5s; a generous ceiling for a busy machine
        assertThat(ms).as("%d ms for %s", ms, error).isLessThan(15_000);

        Cli.Result named = Cli.bare()
                .home(home)
                .run("get", "foo", "--endpoints", SilentServer.closedEndpoint(), "--dial-timeout", "1s");
        assertThat(named.err()).as("endpoints given: no note\n%s", named).doesNotContain("built-in");
    }

    @Test
    void etcdctlEndpointsWithoutAProfileFileOverrideNothing(@TempDir Path home) {
        Cli.Result r = Cli.bare()
                .home(home)
                .env("ETCDCTL_ENDPOINTS", SilentServer.closedEndpoint())
                .run("get", "foo", "--dial-timeout", "1s");
        assertCleanError(r, 2, "cannot reach");
        assertThat(r.err())
                .as(r.toString())
                .doesNotContain("Warning")
                .doesNotContain("overrides")
                .doesNotContain("built-in");
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
