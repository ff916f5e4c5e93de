package io.googo.etcd.cli.decode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.googo.etcd.core.k8s.Decoded;
import io.googo.etcd.core.k8s.KubernetesValues;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * {@code --decode k8s}: protobuf objects become their JSON (one line in the simple format), JSON
 * objects are shown as stored, anything else unchanged. What could not be decoded is said on
 * stderr as a warning naming the key; the output still has everything that was read.
 */
public final class K8sDecoder implements ValueDecoder {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final PrintWriter err;

    public K8sDecoder(PrintWriter err) {
        this.err = err;
    }

    @Override
    public Shown decode(byte[] key, byte[] value) {
        Decoded d = KubernetesValues.decode(value);
        if (d == null) {
            return null;
        }
        if (d.problem() != null) {
            err.println("warning: " + new String(key, StandardCharsets.UTF_8) + ": " + d.problem());
            err.flush();
        }
        byte[] bytes;
        if (d.encoding() == Decoded.Encoding.JSON) {
            bytes = value;
        } else {
            try {
                bytes = MAPPER.writeValueAsBytes(d.object());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return new Shown(bytes, d.object(), d.problem());
    }
}
