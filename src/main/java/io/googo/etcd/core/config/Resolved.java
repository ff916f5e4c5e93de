package io.googo.etcd.core.config;

import java.util.List;
import java.util.Objects;

/**
 * What {@link ProfileResolver#resolve} produced.
 *
 * @param config         the complete, valid configuration (password {@code null} when {@code passwordNeeded})
 * @param profileName    the profile it came from ({@code local} for the built-in one)
 * @param passwordNeeded a user name is set but no source gave a password: the CLI prompts
 *                       (stdin a terminal) or fails, then calls {@link #withPassword(String)}
 * @param warnings       one-line warnings for stderr, without a "warning:" prefix; never hold a secret
 * @param builtinFallback true when nothing named the endpoints (no flag, no variable, no profile
 *                       file or one without profiles): the built-in {@code local} profile's
 *                       endpoint is used, with the {@link ProfileResolver#BUILTIN_DIAL_TIMEOUT
 *                       shorter dial timeout}; a connection error can say so
 */
public record Resolved(
        EtcdConfig config, String profileName, boolean passwordNeeded, List<String> warnings, boolean builtinFallback) {

    public Resolved {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(profileName, "profileName");
        warnings = List.copyOf(warnings);
    }

    /** A resolution from a named source (not the built-in fallback). */
    public Resolved(EtcdConfig config, String profileName, boolean passwordNeeded, List<String> warnings) {
        this(config, profileName, passwordNeeded, warnings, false);
    }

    /** The same with a password supplied (typically prompted for); {@code passwordNeeded} becomes false. */
    public Resolved withPassword(String password) {
        Objects.requireNonNull(password, "password");
        return new Resolved(
                config.toBuilder().password(password).build(), profileName, false, warnings, builtinFallback);
    }
}
