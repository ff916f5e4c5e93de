package io.googo.etcd.bench;

import io.googo.etcd.cli.output.JsonPrinter;
import io.googo.etcd.cli.output.Printer;
import io.googo.etcd.cli.output.SimplePrinter;
import io.googo.etcd.core.kv.Header;
import io.googo.etcd.core.kv.Kv;
import io.googo.etcd.core.kv.RangeSink;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code get --prefix}'s printing: a range of 1,000 keys (16-byte keys, 100-byte values) fed to
 * a printer's RangeSink (begin, kv for each, end) and written into a 64 KiB buffer over nothing,
 * as the CLI's standard output. Scores are per key (1,000 operations per invocation).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PrinterBench {
    static final int KEYS = 1000;

    @Param({"simple", "json", "etcdctl-json"})
    public String format;

    private Kv[] range;
    private Header header;
    private Printer printer;
    private OutputStream out;

    @Setup
    public void setUp() {
        range = new Kv[KEYS];
        byte[] value = "v".repeat(100).getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < KEYS; i++) {
            byte[] key = String.format("bench/big/%06d", i).getBytes(StandardCharsets.UTF_8);
            range[i] = new Kv(key, value, 1000 + i, 2000 + i, 1, 0);
        }
        header = new Header(0xcdf818194e3a8c32L, 0x8e9e05c52164694dL, 3000, 2);
        out = new BufferedOutputStream(OutputStream.nullOutputStream(), 1 << 16);
        printer = switch (format) {
            case "simple" -> new SimplePrinter(out);
            case "json" -> new JsonPrinter(out, false);
            case "etcdctl-json" -> new JsonPrinter(out, true);
            default -> throw new IllegalArgumentException(format);
        };
    }

    @Benchmark
    @OperationsPerInvocation(KEYS)
    public void range() {
        RangeSink sink = printer.get(new Printer.GetView(false, false, false));
        sink.begin(header, KEYS);
        for (Kv kv : range) {
            sink.kv(kv);
        }
        sink.end(KEYS, false);
    }
}
