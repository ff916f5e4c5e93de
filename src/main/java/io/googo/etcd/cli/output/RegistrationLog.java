package io.googo.etcd.cli.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.googo.etcd.core.registry.RegistrationEvent;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The log lines of {@code register} (on stderr, one per state change): with {@code -w json} one JSON object
 * per line, {@code {"time":"…Z","event":"registered","service":…,"addr":…,"key":…,"lease":"hex","reason":null}};
 * else {@code TIME EVENT KEY lease=HEX[: REASON]}.
 */
public final class RegistrationLog {
    private static final JsonFactory JSON = new JsonFactory();

    private RegistrationLog() {}

    public static String line(RegistrationEvent e, boolean json) {
        if (!json) {
            return e.time() + " " + e.type().label() + " " + e.key() + " lease=" + Text.leaseHex(e.lease())
                    + (e.reason() == null ? "" : ": " + e.reason());
        }
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("time", e.time().toString());
            g.writeStringField("event", e.type().label());
            g.writeStringField("service", e.service());
            g.writeStringField("addr", e.addr());
            g.writeStringField("key", e.key());
            g.writeStringField("lease", Text.leaseHex(e.lease()));
            g.writeStringField("reason", e.reason());
            g.writeEndObject();
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
        return w.toString();
    }
}
