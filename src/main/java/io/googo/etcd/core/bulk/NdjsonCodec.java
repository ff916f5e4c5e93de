package io.googo.etcd.core.bulk;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.config.Durations;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The bulk line format: {@code {"key":"k","value":"v","ttl":30}}. A key or value that is not
 * valid UTF-8 is written as {@code key_base64} / {@code value_base64}; {@code ttl} is seconds
 * (a Go duration string such as "30s" is accepted too). Unknown fields are refused, so a typo
 * does not silently load the wrong thing.
 */
public final class NdjsonCodec {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
            .build();

    private NdjsonCodec() {
    }

    /**
     * Parses one line.
     *
     * @param where names the line in errors, e.g. {@code "line 12"}
     * @throws EtcdException INVALID_INPUT saying what is wrong with the line
     */
    public static Record parse(String line, String where) {
        byte[] key = null;
        byte[] value = null;
        long ttl = 0;
        try (JsonParser p = FACTORY.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw EtcdException.invalid(where + ": expected a JSON object like {\"key\":\"k\",\"value\":\"v\"}");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "key", "key_base64" -> {
                        if (key != null) {
                            throw EtcdException.invalid(where + ": both key and key_base64 (or key twice)");
                        }
                        key = bytes(p, t, field, where);
                    }
                    case "value", "value_base64" -> {
                        if (value != null) {
                            throw EtcdException.invalid(where + ": both value and value_base64 (or value twice)");
                        }
                        value = bytes(p, t, field, where);
                    }
                    case "ttl" -> ttl = ttl(p, t, where);
                    default -> throw EtcdException.invalid(where + ": unknown field '" + field
                            + "'; expected key or key_base64, value or value_base64, ttl");
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw EtcdException.invalid(where + ": malformed JSON: one object per line expected");
            }
        } catch (JsonEOFException e) {
            throw EtcdException.invalid(where + ": malformed JSON: the line ends inside the object");
        } catch (JsonProcessingException e) {
            throw EtcdException.invalid(where + ": malformed JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw EtcdException.invalid(where + ": unreadable line: " + e.getMessage());
        }
        if (key == null || key.length == 0) {
            throw EtcdException.invalid(where + ": missing or empty key");
        }
        if (value == null) {
            throw EtcdException.invalid(where + ": missing value (or value_base64)");
        }
        return new Record(key, value, ttl);
    }

    private static byte[] bytes(JsonParser p, JsonToken t, String field, String where) throws IOException {
        if (t != JsonToken.VALUE_STRING) {
            throw EtcdException.invalid(where + ": " + field + " must be a string");
        }
        if (field.endsWith("_base64")) {
            try {
                return Base64.getDecoder().decode(p.getText());
            } catch (IllegalArgumentException e) {
                throw EtcdException.invalid(where + ": " + field + " is not valid base64");
            }
        }
        return p.getText().getBytes(StandardCharsets.UTF_8);
    }

    private static long ttl(JsonParser p, JsonToken t, String where) throws IOException {
        long seconds;
        if (t == JsonToken.VALUE_NUMBER_INT) {
            seconds = p.getLongValue();
        } else if (t == JsonToken.VALUE_STRING) {
            var d = Durations.parse(p.getText(), where + ": ttl");
            if (d.getNano() != 0) {
                throw EtcdException.invalid(where + ": ttl must be whole seconds, got " + p.getText());
            }
            seconds = d.getSeconds();
        } else {
            throw EtcdException.invalid(where + ": ttl must be a number of seconds or a duration like \"30s\"");
        }
        if (seconds < 0) {
            throw EtcdException.invalid(where + ": ttl must not be negative");
        }
        return seconds;
    }

    /** A reusable line writer; not thread-safe. */
    public static final class Writer {
        private final OutputStream out;
        private final JsonGenerator g;

        public Writer(OutputStream out) {
            this.out = out;
            try {
                this.g = FACTORY.createGenerator(out);
                this.g.setRootValueSeparator(null);
            } catch (IOException e) {
                throw EtcdException.io("cannot write: " + e.getMessage(), e);
            }
        }

        public void write(Record r) throws IOException {
            g.writeStartObject();
            field("key", r.key());
            field("value", r.value());
            if (r.ttlSeconds() > 0) {
                g.writeNumberField("ttl", r.ttlSeconds());
            }
            g.writeEndObject();
            g.flush();
            out.write('\n');
        }

        private void field(String name, byte[] b) throws IOException {
            String s = utf8(b);
            if (s != null) {
                g.writeStringField(name, s);
            } else {
                g.writeFieldName(name + "_base64");
                g.writeString(Base64.getEncoder().encodeToString(b));
            }
        }
    }

    static String utf8(byte[] b) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
