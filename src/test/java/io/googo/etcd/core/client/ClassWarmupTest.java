package io.googo.etcd.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ClassWarmup}'s list cannot rot silently: every class it names is there to initialise. */
class ClassWarmupTest {
    @Test
    void everyListedClassExistsOnceAndIsALibraryClass() {
        List<String> names = ClassWarmup.classes();
        assertThat(names).as("the list " + "KvClasses").hasSizeGreaterThan(500);
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            try {
                Class.forName(name, false, ClassWarmup.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                missing.add(name + " (" + e + ")");
            }
        }
        assertThat(missing)
                .as("classes in " + "KvClasses" + " that do not load; run bench/warmup-list.sh")
                .isEmpty();
        assertThat(new HashSet<>(names)).as("names listed twice").hasSameSizeAs(names);
        // never our own classes (their initialisers may read the configuration), nor run-time ones
        assertThat(names).noneMatch(n -> n.startsWith("io.googo.")).noneMatch(n -> n.contains("$$Lambda"));
        // the request's heavy parts are in it
        assertThat(names)
                .contains(
                        "io.grpc.netty.NettyChannelBuilder",
                        "io.grpc.netty.NettyClientHandler",
                        "io.netty.handler.codec.http2.DefaultHttp2FrameWriter",
                        "io.etcd.jetcd.api.RangeResponse");
    }

    @Test
    void busyReadsTheLoadAverage() throws Exception {
        java.nio.file.Path p = java.nio.file.Path.of("/proc/loadavg");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isReadable(p), "Linux");
        double load = Double.parseDouble(java.nio.file.Files.readString(p).split(" ")[0]);
        int threshold = 2 * Runtime.getRuntime().availableProcessors();
        // the load moves between the two reads: only where it is clearly on one side
        org.junit.jupiter.api.Assumptions.assumeTrue(
                Math.abs(load - threshold) > 0.5, "load " + load + " near " + threshold);
        assertThat(ClassWarmup.busy())
                .as("load " + load + ", twice the processors " + threshold)
                .isEqualTo(load >= threshold);
    }

    @Test
    void finishWithoutAStartReturnsAtOnce() {
        ClassWarmup.finish();
    }
}
