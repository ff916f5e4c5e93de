package io.googo.etcd.cli.decode;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.googo.etcd.cli.output.Text;
import java.io.IOException;

/**
 * {@code --decode}/{@code --decoder}: how a value is shown instead of its bytes. The printers ask
 * it once per value; null means "show the value unchanged".
 */
public interface ValueDecoder {

    /**
     * A decoded value.
     *
     * @param bytes   what the simple, fields and table formats print instead of the value
     * @param json    what json and yaml print as {@code decoded}, next to the value
     * @param problem what could not be decoded (said on stderr once per key), or null
     */
    record Shown(byte[] bytes, JsonNode json, String problem) {}

    /** The mapper that writes decoded trees, made when first needed. */
    final class Holder {
        static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
                new com.fasterxml.jackson.databind.ObjectMapper();

        private Holder() {}
    }

    /** The value shown for {@code key}, or null to show it unchanged. */
    Shown decode(byte[] key, byte[] value);

    /** After the command: a failure to report (throws), when some values could not be decoded. */
    default void finish() {}

    /** JsonPrinter's part: {@code "decoded":…} (and {@code "decode_problem"}) after the value. */
    static void writeDecoded(ValueDecoder d, JsonGenerator g, byte[] key, byte[] value) throws IOException {
        Shown s = d.decode(key, value);
        if (s == null) {
            return;
        }
        if (s.json() != null) {
            g.writeFieldName("decoded");
            // the printer's generator has no codec: a mapper writes the tree into it
            Holder.MAPPER.writeTree(g, s.json());
        } else {
            String t = Text.utf8OrNull(s.bytes());
            if (t != null) {
                g.writeStringField("decoded", t);
            } else {
                g.writeFieldName("decoded_base64");
                g.writeBinary(s.bytes());
            }
        }
        if (s.problem() != null) {
            g.writeStringField("decode_problem", s.problem());
        }
    }

    /** {@code dump --decode}: the decoded form as one JSON text (a string for a decoder's bytes), or null. */
    static byte[] jsonText(Shown s) {
        if (s == null) {
            return null;
        }
        try {
            com.fasterxml.jackson.databind.ObjectMapper m = Holder.MAPPER;
            if (s.json() != null) {
                return m.writeValueAsBytes(s.json());
            }
            String t = Text.utf8OrNull(s.bytes());
            return m.writeValueAsBytes(
                    t != null
                            ? m.getNodeFactory().textNode(t)
                            : m.getNodeFactory()
                                    .objectNode()
                                    .put("base64", java.util.Base64.getEncoder().encodeToString(s.bytes())));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
