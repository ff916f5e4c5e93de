package io.googo.etcd.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.cluster.DefragResult;
import io.googo.etcd.core.cluster.SnapshotResult;
import io.googo.etcd.core.config.Durations;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The results that both JSON dialects print alike (load, config list, version, defrag, snapshot
 * save), byte for byte: what the hand-written generator printed before they went through records.
 */
class JsonDocumentsTest {
    static String print(OutputFormat f, Consumer<Printer> call) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        call.accept(Printers.of(f, out));
        return out.toString(StandardCharsets.UTF_8);
    }

    static void both(Consumer<Printer> call, String expected) {
        for (OutputFormat f : List.of(OutputFormat.JSON, OutputFormat.ETCDCTL_JSON)) {
            assertThat(print(f, call)).as(f.toString()).isEqualTo(expected + "\n");
        }
    }

    @Test
    void load() {
        both(
                p -> p.load(new Printer.LoadSummary(10, 2, 1.23456, 8100.4)),
                "{\"loaded\":10,\"leases\":2,\"seconds\":1.235,\"keys_per_second\":8100}");
    }

    @Test
    void configList() {
        both(
                p -> p.configList(List.of(
                        new Printer.ProfileRow("a", true, List.of("http://x:2379", "http://y:2379")),
                        new Printer.ProfileRow("b", false, List.of()))),
                "{\"profiles\":[{\"name\":\"a\",\"current\":true,\"endpoints\":[\"http://x:2379\",\"http://y:2379\"]},"
                        + "{\"name\":\"b\",\"current\":false,\"endpoints\":[]}]}");
    }

    @Test
    void version() {
        both(
                p -> p.version(new Printer.VersionInfo(
                        "1.0",
                        "3.4",
                        List.of(
                                new Printer.ServerVersion("e1", "3.4.23", null),
                                new Printer.ServerVersion("e2", null, "down \"x\"")))),
                "{\"client_version\":\"1.0\",\"api_version\":\"3.4\",\"servers\":["
                        + "{\"endpoint\":\"e1\",\"version\":\"3.4.23\",\"error\":null},"
                        + "{\"endpoint\":\"e2\",\"version\":null,\"error\":\"down \\\"x\\\"\"}]}");
    }

    @Test
    void defrag() {
        both(
                p -> p.defrag(
                        List.of(new DefragResult("e1", null, null), new DefragResult("e2", "boom", ErrorKind.SERVER))),
                "[{\"endpoint\":\"e1\",\"ok\":true,\"error\":null},{\"endpoint\":\"e2\",\"ok\":false,\"error\":\"boom\"}]");
    }

    @Test
    void snapshotSave() {
        Duration took = Duration.ofMillis(1500);
        both(
                p -> p.snapshotSave(new SnapshotResult(Path.of("/tmp/s.db"), 123, took)),
                "{\"file\":\"/tmp/s.db\",\"size\":123,\"took\":\"" + Durations.format(took) + "\"}");
    }
}
