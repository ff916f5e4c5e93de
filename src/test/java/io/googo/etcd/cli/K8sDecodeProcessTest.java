package io.googo.etcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.googo.etcd.core.client.EtcdClient;
import io.googo.etcd.core.config.EtcdConfig;
import io.googo.etcd.core.k8s.K8sObjects;
import io.googo.etcd.core.kv.PutOptions;
import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.EtcdProcess;
import io.googo.etcd.testkit.TestPrefix;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The packaged jar loads the Kubernetes model only when it decodes: a plain {@code get} of a
 * Kubernetes value loads none of its classes (counted with -verbose:class).
 */
@ExtendWith(EtcdExtension.class)
class K8sDecodeProcessTest {
    private static final Path JAR = Path.of(System.getProperty("gooetcd.jar", "target/gooetcd.jar"));

    private static String run(EtcdProcess etcd, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-verbose:class",
                "-jar",
                JAR.toString(),
                "--endpoints",
                etcd.clientUrl(),
                "--dial-timeout",
                "30s",
                "--command-timeout",
                "30s"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("GOOETCD_") || k.startsWith("ETCDCTL_"));
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("gooetcd exited").isTrue();
        String text = new String(out, StandardCharsets.ISO_8859_1);
        assertThat(p.exitValue())
                .as(text.lines().filter(l -> !l.contains("class,load")).toList().toString())
                .isZero();
        return text;
    }

    private static long modelClasses(String verbose) {
        return verbose.lines()
                .filter(l -> l.contains("class,load"))
                .filter(l -> l.contains(" io.kubernetes.") || l.contains(" io.googo.etcd.core.k8s."))
                .count();
    }

    @Test
    void aPlainGetLoadsNoDecoderClass(EtcdProcess etcd, TestPrefix prefix) throws Exception {
        String key = prefix.key("registry/pods/default/nginx");
        try (EtcdClient c = EtcdClient.create(
                "k8s",
                EtcdConfig.builder()
                        .endpoints(etcd.clientUrl())
                        .dialTimeout(Duration.ofSeconds(30))
                        .requestTimeout(Duration.ofSeconds(30))
                        .build())) {
            c.put(
                    key.getBytes(StandardCharsets.UTF_8),
                    K8sObjects.all().get("pod").value(),
                    PutOptions.builder().build());
        }
        String plain = run(etcd, "get", key);
        assertThat(modelClasses(plain))
                .as("model classes loaded by a plain get")
                .isZero();
        String decoded = run(etcd, "get", key, "--decode", "k8s");
        assertThat(decoded).contains("\"kind\":\"Pod\"");
        assertThat(modelClasses(decoded))
                .as("model classes loaded by get --decode k8s")
                .isPositive();
    }
}
