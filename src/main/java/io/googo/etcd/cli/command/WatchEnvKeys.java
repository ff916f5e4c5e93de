package io.googo.etcd.cli.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * etcdctl's {@code ETCDCTL_WATCH_KEY} and {@code ETCDCTL_WATCH_RANGE_END}: {@code watch} with no KEY
 * argument watches the key (or range) they name, as etcdctl 3.4 does. A KEY argument as well, or a
 * range end without a key, is a usage error (etcdctl: exit 128). Empty counts as unset.
 */
final class WatchEnvKeys {
    static final String KEY = "ETCDCTL_WATCH_KEY";
    static final String RANGE_END = "ETCDCTL_WATCH_RANGE_END";

    private WatchEnvKeys() {}

    /**
     * The KEY [RANGE_END] to watch: {@code positional} as given, or the environment's when it names a key.
     *
     * @throws IllegalArgumentException the usage error's message
     */
    static List<String> apply(Map<String, String> env, List<String> positional) {
        String key = nonEmpty(env.get(KEY));
        String end = nonEmpty(env.get(RANGE_END));
        if (key == null) {
            if (end != null) {
                throw new IllegalArgumentException(KEY + " is empty but " + RANGE_END + " is set ('" + end + "')");
            }
            return positional;
        }
        if (!positional.isEmpty()) {
            throw new IllegalArgumentException(
                    "KEY " + positional + " given, and " + KEY + " is set too ('" + key + "'): give one or the other");
        }
        List<String> out = new ArrayList<>(List.of(key));
        if (end != null) {
            out.add(end);
        }
        return out;
    }

    private static String nonEmpty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
