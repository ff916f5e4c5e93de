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
 */
public record Resolved(EtcdConfig config, String profileName, boolean passwordNeeded, List<String> warnings) {

    public Resolved {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(profileName, "profileName");
        warnings = List.copyOf(warnings);
    }

    /** The same with a password supplied (typically prompted for); {@code passwordNeeded} becomes false. */
    public Resolved withPassword(String password) {
        Objects.requireNonNull(password, "password");
        return new Resolved(config.toBuilder().password(password).build(), profileName, false, warnings);
    }
}
