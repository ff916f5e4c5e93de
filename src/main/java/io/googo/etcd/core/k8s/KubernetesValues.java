package io.googo.etcd.core.k8s;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Decodes values as Kubernetes stores them: {@link #decode} gives the object, or null for a
 * value that is not a Kubernetes object (it is then shown unchanged). Only a value with the
 * {@code k8s\0} envelope loads the protobuf model; JSON and other values never do.
 */
public final class KubernetesValues {
    /** The four bytes in front of every protobuf-encoded object Kubernetes stores. */
    private static final byte[] MAGIC = {'k', '8', 's', 0};

    static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());

    private KubernetesValues() {}

    /** Whether {@code value} starts with the {@code k8s\0} envelope. */
    public static boolean isProtobuf(byte[] value) {
        if (value.length < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (value[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The Kubernetes object stored in {@code value}, or null when the value is neither a
     * protobuf-encoded object nor a JSON object with {@code apiVersion} and {@code kind}.
     *
     * @param value the value as etcd holds it
     * @return the object, with what could not be decoded in {@link Decoded#problem()}
     */
    public static Decoded decode(byte[] value) {
        if (isProtobuf(value)) {
            return ProtoObjects.decode(value, MAGIC.length);
        }
        ObjectNode o = jsonObject(value);
        return o == null ? null : new Decoded(Decoded.Encoding.JSON, o, null);
    }

    /** A JSON object with string apiVersion and kind, or null. */
    static ObjectNode jsonObject(byte[] value) {
        int i = 0;
        while (i < value.length && (value[i] == ' ' || value[i] == '\n' || value[i] == '\r' || value[i] == '\t')) {
            i++;
        }
        if (i == value.length || value[i] != '{') {
            return null;
        }
        try (JsonParser p = JSON.createParser(value)) {
            JsonNode n = JSON.readTree(p);
            if (p.nextToken() != null
                    || !(n instanceof ObjectNode o)
                    || !o.path("apiVersion").isTextual()
                    || !o.path("kind").isTextual()) {
                return null;
            }
            return o;
        } catch (IOException e) {
            return null;
        }
    }
}
