package io.googo.etcd.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.EtcdException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileLocatorTest {
    @TempDir
    Path tmp;

    Path home;
    Path xdg;
    Path homeFile;
    Path xdgFile;
    Path envFile;
    Path flagFile;

    @BeforeEach
    void files() throws IOException {
        home = Files.createDirectories(tmp.resolve("home"));
        xdg = Files.createDirectories(tmp.resolve("xdg"));
        homeFile = home.resolve(".config/gooetcd/config.yaml");
        xdgFile = xdg.resolve("gooetcd/config.yaml");
        envFile = tmp.resolve("env.yaml");
        flagFile = tmp.resolve("flag.yaml");
        for (Path p : new Path[] {homeFile, xdgFile, envFile, flagFile}) {
            Files.createDirectories(p.getParent());
            Files.writeString(p, "current: " + p.getFileName().toString().replace(".yaml", "") + "\nclusters: {}\n");
        }
    }

    private ProfileLocator locator(Map<String, String> env) {
        return new ProfileLocator(env, home);
    }

    @Test
    void flagBeatsEnvBeatsXdgBeatsHome() throws IOException {
        Map<String, String> all = Map.of("GOOETCD_CONFIG", envFile.toString(), "XDG_CONFIG_HOME", xdg.toString());
        assertThat(locator(all).locate(flagFile)).contains(flagFile);
        assertThat(locator(all).locate(null)).contains(envFile);
        assertThat(locator(Map.of("XDG_CONFIG_HOME", xdg.toString())).locate(null))
                .contains(xdgFile);
        assertThat(locator(Map.of()).locate(null)).contains(homeFile);
        // an XDG directory without our file does not fall back to ~/.config: XDG_CONFIG_HOME replaces it
        Files.delete(xdgFile);
        assertThat(locator(Map.of("XDG_CONFIG_HOME", xdg.toString())).locate(null))
                .isEmpty();
        Files.delete(homeFile);
        assertThat(locator(Map.of()).locate(null)).isEmpty();
    }

    @Test
    void defaultPath() {
        assertThat(locator(Map.of()).defaultPath()).isEqualTo(homeFile);
        assertThat(locator(Map.of("XDG_CONFIG_HOME", xdg.toString())).defaultPath())
                .isEqualTo(xdgFile);
        // empty or relative XDG_CONFIG_HOME is ignored, as the XDG spec says
        assertThat(locator(Map.of("XDG_CONFIG_HOME", "")).defaultPath()).isEqualTo(homeFile);
        assertThat(locator(Map.of("XDG_CONFIG_HOME", "rel/dir")).defaultPath()).isEqualTo(homeFile);
        // an empty GOOETCD_CONFIG counts as unset
        assertThat(locator(Map.of("GOOETCD_CONFIG", "")).locate(null)).contains(homeFile);
    }

    @Test
    void missingExplicitFileIsInvalidInput() {
        Path missing = tmp.resolve("nope.yaml");
        assertThatThrownBy(() -> locator(Map.of()).locate(missing)).isInstanceOfSatisfying(EtcdException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
            assertThat(e.getMessage()).contains("--config").contains(missing.toString());
        });
        assertThatThrownBy(() ->
                        locator(Map.of("GOOETCD_CONFIG", missing.toString())).locate(null))
                .isInstanceOfSatisfying(EtcdException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
                    assertThat(e.getMessage()).contains("GOOETCD_CONFIG").contains(missing.toString());
                });
        assertThatThrownBy(() -> locator(Map.of()).locate(tmp)).isInstanceOfSatisfying(EtcdException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
            assertThat(e.getMessage()).contains("directory");
        });
    }

    @Test
    void loadReadsTheLocatedFileOrGivesTheEmptyOne() throws IOException {
        assertThat(locator(Map.of()).load(flagFile).current()).isEqualTo("flag");
        assertThat(locator(Map.of()).load(null).current()).isEqualTo("config");
        Files.delete(homeFile);
        ProfileFile none = locator(Map.of()).load(null);
        assertThat(none.isEmpty()).isTrue();
        assertThat(none.source()).isEmpty();
        // ... which resolves to the built-in local profile
        Resolved r = ProfileResolver.resolve(none, Overrides.NONE, Map.of());
        assertThat(r.profileName()).isEqualTo("local");
        assertThat(r.config())
                .isEqualTo(EtcdConfig.defaults().toBuilder()
                        .dialTimeout(ProfileResolver.BUILTIN_DIAL_TIMEOUT)
                        .build());
    }
}
