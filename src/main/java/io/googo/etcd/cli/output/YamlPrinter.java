package io.googo.etcd.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.googo.etcd.cli.decode.ValueDecoder;
import io.googo.etcd.core.kv.Header;
import io.googo.etcd.core.kv.Kv;
import io.googo.etcd.core.kv.RangeSink;
import io.googo.etcd.core.watch.WatchEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Base64;

/**
 * {@code -w yaml}: one YAML document per key (get) or event (watch), each after {@code ---}.
 * A value decoded by {@code --decode k8s} is the document itself, as {@code kubectl get -o yaml}
 * prints it (keys sorted), after a comment line naming the key and its revisions; any other
 * value is a mapping of the json format's fields (key, value, revisions, lease).
 */
public final class YamlPrinter extends StreamPrinter {
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                    .build())
            .configure(JsonNodeFeature.WRITE_PROPERTIES_SORTED, true);
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ValueDecoder decoder;

    public YamlPrinter(OutputStream out) {
        super(out);
    }

    /** {@code --decode}/{@code --decoder}: decoded values are shown as the document. */
    public void decodeWith(ValueDecoder d) {
        this.decoder = d;
    }

    @Override
    public RangeSink get(GetView view) {
        return new RangeSink() {
            @Override
            public void begin(Header header, long count) {}

            @Override
            public void kv(Kv kv) {
                document(null, kv, view.keysOnly());
            }

            @Override
            public void end(long count, boolean more) {
                if (view.countOnly()) {
                    println("---");
                    println("count: " + count);
                }
            }
        };
    }

    @Override
    public void watchEvent(WatchEvent e) {
        if (e.isProgress()) {
            println("---");
            println("type: PROGRESS");
            println("revision: " + e.revision());
            return;
        }
        document(e.type().name(), e.kv(), e.type() == WatchEvent.Type.DELETE);
    }

    private void document(String type, Kv kv, boolean keyOnly) {
        println("---");
        ValueDecoder.Shown s = keyOnly || decoder == null ? null : decoder.decode(kv.key(), kv.value());
        if (s != null && s.json() instanceof ObjectNode o) {
            println("# " + (type == null ? "" : type + " ") + printable(kv.key()) + " (mod_revision " + kv.modRevision()
                    + ", version " + kv.version() + ", lease " + Text.leaseHex(kv.lease()) + ")");
            yaml(o);
            return;
        }
        ObjectNode m = F.objectNode();
        if (type != null) {
            m.put("type", type);
        }
        bytes(m, "key", kv.key());
        if (!keyOnly) {
            m.put("create_revision", kv.createRevision());
            m.put("mod_revision", kv.modRevision());
            m.put("version", kv.version());
            bytes(m, "value", kv.value());
            if (s != null) {
                if (s.json() != null) {
                    m.set("decoded", s.json());
                } else {
                    bytes(m, "decoded", s.bytes());
                }
            }
            m.put("lease", Text.leaseHex(kv.lease()));
        }
        yaml(m);
    }

    /** A key for a comment line: as it is when UTF-8 without control characters, else Go-quoted. */
    private static String printable(byte[] k) {
        String t = Text.utf8OrNull(k);
        return t != null && t.chars().noneMatch(c -> c < 0x20 || c == 0x7f) ? t : Text.goQuote(k);
    }

    private static void bytes(ObjectNode m, String field, byte[] b) {
        String t = Text.utf8OrNull(b);
        if (t != null) {
            m.put(field, t);
        } else {
            m.put(field + "_base64", Base64.getEncoder().encodeToString(b));
        }
    }

    private void yaml(JsonNode n) {
        try {
            write(YAML.writeValueAsBytes(n));
        } catch (IOException e) {
            throw broken(e);
        }
    }
}
