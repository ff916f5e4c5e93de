package io.googo.etcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManPagesTest {

    @Test
    void everyCommandHasAPageWithItsOptions() {
        Map<String, String> pages = ManPages.all();
        assertThat(pages).containsKeys("gooetcd.1", "gooetcd-get.1", "gooetcd-put.1", "gooetcd-config-use.1");
        assertThat(pages.get("gooetcd-get.1"))
                .contains(".SH SYNOPSIS", "\\-\\-prefix", "\\-\\-page\\-size")
                .startsWith(".TH \"GOOETCD\\-GET\" 1");
        assertThat(pages.get("gooetcd.1")).contains(".SH EXIT STATUS", "128", "gooetcd\\-get");
    }

    @Test
    void pagesRenderWithoutRoffWarnings(@TempDir Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/groff")), "groff not installed");
        for (var page : ManPages.all().entrySet()) {
            Path f = dir.resolve(page.getKey());
            Files.writeString(f, page.getValue());
            Process p = new ProcessBuilder("groff", "-man", "-Tutf8", "-ww", "-z", f.toString()).start();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(page.getKey() + ": " + err).isZero();
            assertThat(err).as(page.getKey()).isEmpty();
        }
    }
}
