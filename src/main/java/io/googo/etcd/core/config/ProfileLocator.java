package io.googo.etcd.core.config;

import io.googo.etcd.core.EtcdException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the profile file: {@code --config FILE}, else {@code $GOOETCD_CONFIG}, else
 * {@code $XDG_CONFIG_HOME/gooetcd/config.yaml}, else {@code ~/.config/gooetcd/config.yaml}.
 * A file named by the first two must exist; a missing default file means "no file".
 * The environment and home directory are given, so tests are hermetic.
 */
public final class ProfileLocator {
    public static final String ENV_CONFIG = "GOOETCD_CONFIG";
    public static final String ENV_XDG_CONFIG_HOME = "XDG_CONFIG_HOME";

    private final Map<String, String> env;
    private final Path home;

    public ProfileLocator(Map<String, String> env, Path home) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
        this.home = Objects.requireNonNull(home, "home");
    }

    /** The process's environment and home directory ({@link #home(Map)}). */
    public static ProfileLocator system() {
        return new ProfileLocator(System.getenv(), home(System.getenv()));
    }

    /**
     * The home directory {@code ~} stands for: {@code $HOME}, as the shell takes it; the passwd
     * entry's ({@code user.home}) only when {@code HOME} is unset or empty.
     */
    public static Path home(Map<String, String> env) {
        String home = env.get("HOME");
        if (home != null && !home.isEmpty()) {
            try {
                return Path.of(home);
            } catch (InvalidPathException e) {
                // a name this locale cannot spell: the passwd entry's
            }
        }
        return Path.of(System.getProperty("user.home"));
    }

    /**
     * Where the file would be when neither {@code --config} nor {@code $GOOETCD_CONFIG}
     * names one: {@code $XDG_CONFIG_HOME/gooetcd/config.yaml} when that variable holds an
     * absolute path, else {@code HOME/.config/gooetcd/config.yaml}. It may not exist.
     */
    public Path defaultPath() {
        String xdg = env.get(ENV_XDG_CONFIG_HOME);
        if (xdg != null && !xdg.isBlank()) {
            try {
                Path p = Path.of(xdg);
                if (p.isAbsolute()) { // the XDG spec says to ignore a relative value
                    return p.resolve("gooetcd").resolve("config.yaml");
                }
            } catch (InvalidPathException e) {
                // ignore, as for a relative value
            }
        }
        return home.resolve(".config").resolve("gooetcd").resolve("config.yaml");
    }

    /**
     * The profile file to read, or empty when there is none.
     *
     * @param explicit the {@code --config} value, or {@code null}
     * @throws EtcdException INVALID_INPUT when {@code --config} or {@code $GOOETCD_CONFIG}
     *                       names a file that does not exist or is a directory
     */
    public Optional<Path> locate(Path explicit) {
        if (explicit != null) {
            return Optional.of(mustExist(explicit, "--config " + explicit));
        }
        String fromEnv = env.get(ENV_CONFIG);
        if (fromEnv != null && !fromEnv.isBlank()) {
            Path p;
            try {
                p = Path.of(fromEnv);
            } catch (InvalidPathException e) {
                throw EtcdException.invalid(ENV_CONFIG + "=" + fromEnv + ": not a valid path");
            }
            return Optional.of(mustExist(p, ENV_CONFIG + "=" + fromEnv));
        }
        Path def = defaultPath();
        return Files.exists(def) ? Optional.of(def) : Optional.empty();
    }

    /**
     * Locates and loads the profile file; {@link ProfileFile#empty()} when there is none.
     *
     * @throws EtcdException as {@link #locate(Path)} and {@link ProfileFile#load(Path)}
     */
    public ProfileFile load(Path explicit) {
        return locate(explicit).map(ProfileFile::load).orElse(ProfileFile.empty());
    }

    private static Path mustExist(Path p, String origin) {
        if (!Files.exists(p)) {
            throw EtcdException.invalid(origin + ": profile file does not exist");
        }
        if (Files.isDirectory(p)) {
            throw EtcdException.invalid(origin + ": is a directory, not a profile file");
        }
        return p;
    }
}
