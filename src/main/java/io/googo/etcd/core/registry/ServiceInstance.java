package io.googo.etcd.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.client.EtcdClient;
import io.googo.etcd.core.kv.Kv;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One registered instance of a service, read from its key: the address and metadata of the value
 * (etcd's gRPC naming format {@code {"Op":0,"Addr":…,"Metadata":…}}), the lease it is attached to
 * and its revisions.
 *
 * @param metadata any JSON value; {@link NullNode} when none
 */
public record ServiceInstance(
        String key, String addr, JsonNode metadata, long lease, long createRevision, long modRevision) {
    /** Made on first use: a sidecar without metadata never needs it (see {@link ServiceValue}). */
    private static final class Mapper {
        static final ObjectMapper JSON = new ObjectMapper();
    }

    /**
     * {@link NullNode} as a {@link JsonNode}, from a class of its own: the JVM's verifier loads a class it
     * must check as assignable, and this keeps databind's node classes out of a sidecar's life.
     */
    private static JsonNode nullNode() {
        return Nulls.NODE;
    }

    private static final class Nulls {
        static final JsonNode NODE = NullNode.getInstance();
    }

    /** The value etcd's {@code naming/endpoints} writes for ADDR: {@code {"Op":0,"Addr":ADDR,"Metadata":…}}. */
    public static String value(String addr, JsonNode metadata) {
        if (metadata == null || metadata.isNull()) {
            return ServiceValue.withoutMetadata(addr); // the same bytes, without Jackson's databind
        }
        ObjectNode o = Mapper.JSON.createObjectNode();
        o.put("Op", 0);
        o.put("Addr", addr);
        o.set("Metadata", metadata == null ? nullNode() : metadata);
        try {
            return Mapper.JSON.writeValueAsString(o);
        } catch (IOException e) {
            throw EtcdException.io("cannot render the service instance as JSON", e);
        }
    }

    /** Parses metadata a user typed: one JSON value of any kind; INVALID_INPUT when it is not JSON. */
    public static JsonNode parseMetadata(String json) {
        if (json == null) {
            return nullNode();
        }
        try {
            var parser = Mapper.JSON.getFactory().createParser(json);
            JsonNode n = Mapper.JSON.readTree(parser);
            if (n == null || n.isMissingNode() || parser.nextToken() != null) {
                throw EtcdException.invalid("metadata '" + oneLine(json) + "' is not one JSON value");
            }
            return n;
        } catch (IOException e) {
            throw EtcdException.invalid("metadata '" + oneLine(json) + "' is not valid JSON: "
                    + oneLine(e.getMessage().split("\n")[0]));
        }
    }

    /**
     * Reads an instance from its key-value; INVALID_INPUT (naming the key) when the value is not etcd's naming
     * format with {@code Op} 0 and a string {@code Addr}.
     */
    public static ServiceInstance of(Kv kv) {
        String key = new String(kv.key(), StandardCharsets.UTF_8);
        String what = "service key " + EtcdClient.printable(kv.key());
        JsonNode n;
        try {
            n = Mapper.JSON.readTree(kv.value());
        } catch (IOException e) {
            throw EtcdException.invalid(what + ": value is not JSON: " + EtcdClient.printable(kv.value()));
        }
        if (n == null || !n.isObject()) {
            throw EtcdException.invalid(what + ": value is not a JSON object: " + EtcdClient.printable(kv.value()));
        }
        JsonNode op = n.get("Op");
        if (op != null && !(op.isIntegralNumber() && op.asInt() == 0)) {
            throw EtcdException.invalid(what + ": value has Op " + op + ", not 0 (add)");
        }
        JsonNode addr = n.get("Addr");
        if (addr == null || !addr.isTextual() || addr.asText().isEmpty()) {
            throw EtcdException.invalid(what + ": value has no Addr: " + EtcdClient.printable(kv.value()));
        }
        JsonNode md = n.get("Metadata");
        return new ServiceInstance(
                key, addr.asText(), md == null ? nullNode() : md, kv.lease(), kv.createRevision(), kv.modRevision());
    }

    private static String oneLine(String s) {
        String t = s.replace('\n', ' ').replace('\r', ' ');
        return t.length() > 100 ? t.substring(0, 100) + "…" : t;
    }
}
