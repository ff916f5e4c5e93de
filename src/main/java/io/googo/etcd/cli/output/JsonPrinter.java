package io.googo.etcd.cli.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.googo.etcd.core.kv.DeleteResult;
import io.googo.etcd.core.kv.Header;
import io.googo.etcd.core.kv.Kv;
import io.googo.etcd.core.kv.PutResult;
import io.googo.etcd.core.kv.RangeSink;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * {@code -w json} (OUTPUT.md) and {@code -w etcdctl-json}. json: etcdctl's snake_case names,
 * UTF-8 keys and values ({@code key_base64}/{@code value_base64} when not UTF-8), 64-bit IDs as
 * lowercase hex strings, nothing omitted. etcdctl-json: what {@code etcdctl -w json} prints,
 * base64 keys and values, numeric IDs, zero fields omitted. One document per line.
 */
public final class JsonPrinter extends StreamPrinter {
    static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(com.fasterxml.jackson.core.StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(com.fasterxml.jackson.core.StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
            .build();

    private final boolean etcdctl;
    private final JsonGenerator g;

    public JsonPrinter(OutputStream out, boolean etcdctl) {
        super(out);
        this.etcdctl = etcdctl;
        try {
            this.g = FACTORY.createGenerator(out);
            this.g.setRootValueSeparator(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FunctionalInterface
    private interface Body {
        void write() throws IOException;
    }

    private void doc(Body body) {
        try {
            body.write();
            g.flush();
            newline();
        } catch (IOException e) {
            throw broken(e);
        }
    }

    private void id(String field, long v) throws IOException {
        if (etcdctl) {
            if (v != 0) {
                g.writeFieldName(field);
                g.writeNumber(Long.toUnsignedString(v));
            }
        } else {
            g.writeStringField(field, Long.toHexString(v));
        }
    }

    private void num(String field, long v) throws IOException {
        if (!etcdctl || v != 0) {
            g.writeNumberField(field, v);
        }
    }

    private void bytes(String field, byte[] b) throws IOException {
        if (etcdctl) {
            if (b.length > 0) {
                g.writeFieldName(field);
                g.writeBinary(b);
            }
            return;
        }
        String s = Text.utf8OrNull(b);
        if (s != null) {
            g.writeStringField(field, s);
        } else {
            g.writeFieldName(field + "_base64");
            g.writeBinary(b);
        }
    }

    private void header(Header h) throws IOException {
        g.writeObjectFieldStart("header");
        id("cluster_id", h.clusterId());
        id("member_id", h.memberId());
        num("revision", h.revision());
        num("raft_term", h.raftTerm());
        g.writeEndObject();
    }

    void kv(Kv kv) throws IOException {
        g.writeStartObject();
        bytes("key", kv.key());
        num("create_revision", kv.createRevision());
        num("mod_revision", kv.modRevision());
        num("version", kv.version());
        bytes("value", kv.value());
        if (etcdctl) {
            num("lease", kv.lease());
        } else {
            g.writeStringField("lease", Text.leaseHex(kv.lease()));
        }
        g.writeEndObject();
    }

    @Override
    public void put(PutResult r) {
        doc(() -> {
            g.writeStartObject();
            header(r.header());
            if (r.prevKv() != null) {
                g.writeFieldName("prev_kv");
                kv(r.prevKv());
            } else if (!etcdctl) {
                g.writeNullField("prev_kv");
            }
            g.writeEndObject();
        });
    }

    @Override
    public void del(DeleteResult r) {
        doc(() -> {
            g.writeStartObject();
            header(r.header());
            num("deleted", r.deleted());
            if (!etcdctl || !r.prevKvs().isEmpty()) {
                g.writeArrayFieldStart("prev_kvs");
                for (Kv kv : r.prevKvs()) {
                    kv(kv);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        });
    }

    @Override
    public RangeSink get(GetView view) {
        return new RangeSink() {
            private boolean arrayOpen;

            @Override
            public void begin(Header header, long count) {
                try {
                    g.writeStartObject();
                    header(header);
                } catch (IOException e) {
                    throw broken(e);
                }
            }

            @Override
            public void kv(Kv kv) {
                try {
                    if (!arrayOpen) {
                        g.writeArrayFieldStart("kvs");
                        arrayOpen = true;
                    }
                    JsonPrinter.this.kv(kv);
                } catch (IOException e) {
                    throw broken(e);
                }
            }

            @Override
            public void end(long count, boolean more) {
                doc(() -> {
                    if (arrayOpen) {
                        g.writeEndArray();
                    } else if (!etcdctl) {
                        g.writeArrayFieldStart("kvs");
                        g.writeEndArray();
                    }
                    if (etcdctl) {
                        if (more) {
                            g.writeBooleanField("more", true);
                        }
                        num("count", count);
                    } else {
                        g.writeNumberField("count", count);
                        g.writeBooleanField("more", more);
                    }
                    g.writeEndObject();
                });
            }
        };
    }

    @Override
    public void load(LoadSummary s) {
        doc(() -> {
            g.writeStartObject();
            g.writeNumberField("loaded", s.loaded());
            g.writeNumberField("leases", s.leases());
            g.writeNumberField("seconds", Math.round(s.seconds() * 1000) / 1000.0);
            g.writeNumberField("keys_per_second", Math.round(s.keysPerSecond()));
            g.writeEndObject();
        });
    }

    @Override
    public void configList(List<ProfileRow> rows) {
        doc(() -> {
            g.writeStartObject();
            g.writeArrayFieldStart("profiles");
            for (ProfileRow r : rows) {
                g.writeStartObject();
                g.writeStringField("name", r.name());
                g.writeBooleanField("current", r.current());
                g.writeArrayFieldStart("endpoints");
                for (String e : r.endpoints()) {
                    g.writeString(e);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    @Override
    public void version(VersionInfo v) {
        doc(() -> {
            g.writeStartObject();
            g.writeStringField("client_version", v.clientVersion());
            g.writeStringField("api_version", v.apiVersion());
            g.writeArrayFieldStart("servers");
            for (ServerVersion s : v.servers()) {
                g.writeStartObject();
                g.writeStringField("endpoint", s.endpoint());
                g.writeStringField("version", s.version());
                g.writeStringField("error", s.error());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }
}
