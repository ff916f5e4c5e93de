package io.googo.etcd.cli.output;

import io.googo.etcd.core.registry.JsonText;
import io.googo.etcd.core.registry.RegistrationEvent;

/**
 * The log lines of {@code register} (on stderr, one per state change): with {@code -w json} one JSON object
 * per line, {@code {"time":"…Z","event":"registered","service":…,"addr":…,"key":…,"lease":"hex","reason":null}};
 * else {@code TIME EVENT KEY lease=HEX[: REASON]}. The JSON is written as Jackson's generator writes it,
 * without Jackson ({@link JsonText}): the sidecar does not carry its classes for a few lines.
 */
public final class RegistrationLog {
    private RegistrationLog() {}

    public static String line(RegistrationEvent e, boolean json) {
        if (!json) {
            return e.time() + " " + e.type().label() + " " + e.key() + " lease=" + Text.leaseHex(e.lease())
                    + (e.reason() == null ? "" : ": " + e.reason());
        }
        StringBuilder b = new StringBuilder(160).append('{');
        field(b, "time", e.time().toString()).append(',');
        field(b, "event", e.type().label()).append(',');
        field(b, "service", e.service()).append(',');
        field(b, "addr", e.addr()).append(',');
        field(b, "key", e.key()).append(',');
        field(b, "lease", Text.leaseHex(e.lease())).append(',');
        field(b, "reason", e.reason());
        return b.append('}').toString();
    }

    private static StringBuilder field(StringBuilder b, String name, String value) {
        return JsonText.quote(JsonText.quote(b, name).append(':'), value);
    }
}
