package io.googo.etcd.bench;

import io.googo.etcd.core.bulk.NdjsonCodec;
import io.googo.etcd.core.bulk.Record;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The NDJSON bulk format, one line at a time: what {@code load} does per line ({@link
 * NdjsonCodec#parse}) and what {@code dump} does per key ({@link NdjsonCodec.Writer#write}, into
 * a 64 KiB buffer as dump's standard output). Lines as bench/run.sh loads them: a 16-byte key,
 * a 100-byte value; {@code binary} makes the value non-UTF-8, so it goes as value_base64.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NdjsonBench {
    @Param({"text", "binary"})
    public String value;

    private String line;
    private Record record;
    private NdjsonCodec.Writer writer;

    @Setup
    public void setUp() throws IOException {
        byte[] v = "x".repeat(100).getBytes(StandardCharsets.UTF_8);
        if (value.equals("binary")) {
            v[50] = (byte) 0xff;
        }
        record = new Record("bench/load/000042".getBytes(StandardCharsets.UTF_8), v, 0);
        var lineOut = new java.io.ByteArrayOutputStream();
        var w = new NdjsonCodec.Writer(lineOut);
        w.write(record);
        line = lineOut.toString(StandardCharsets.UTF_8).strip();
        writer = new NdjsonCodec.Writer(new BufferedOutputStream(OutputStream.nullOutputStream(), 1 << 16));
    }

    @Benchmark
    public Record parse() {
        return NdjsonCodec.parse(line, "line 1");
    }

    @Benchmark
    public void write() throws IOException {
        writer.write(record);
    }
}
