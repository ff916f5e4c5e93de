package io.googo.etcd.core.registry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.googo.etcd.core.EtcdException;
import java.io.IOException;
import java.io.StringWriter;

/**
 * The naming-format value of an instance without metadata, {@code {"Op":0,"Addr":ADDR,"Metadata":null}},
 * written with Jackson's streaming generator only: the same bytes {@link ServiceInstance#value} writes
 * through an {@code ObjectMapper}, without loading Jackson's databind (several hundred classes a
 * long-running {@code register} sidecar would carry for its whole life for one string).
 */
final class ServiceValue {
    private static final JsonFactory JSON = new JsonFactory();

    private ServiceValue() {}

    static String withoutMetadata(String addr) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            g.writeNumberField("Op", 0);
            g.writeStringField("Addr", addr);
            g.writeNullField("Metadata");
            g.writeEndObject();
        } catch (IOException e) {
            throw EtcdException.io("cannot render the service instance as JSON", e);
        }
        return w.toString();
    }
}
