package io.googo.etcd.cli.option;

import java.util.Iterator;
import java.util.List;

/**
 * Completion candidates of {@code --cluster}: a placeholder that {@link io.googo.etcd.cli.Completions}
 * replaces with a shell function reading the profile names from the profile file at TAB time.
 */
public final class ProfileCandidates implements Iterable<String> {
    public static final String PLACEHOLDER = "__GOOETCD_PROFILES__";

    @Override
    public Iterator<String> iterator() {
        return List.of(PLACEHOLDER).iterator();
    }
}
