package io.googo.etcd.cli.output;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.googo.etcd.cli.decode.ValueDecoder;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.cluster.AlarmInfo;
import io.googo.etcd.core.cluster.AlarmList;
import io.googo.etcd.core.cluster.CompactResult;
import io.googo.etcd.core.cluster.DefragResult;
import io.googo.etcd.core.cluster.EndpointHash;
import io.googo.etcd.core.cluster.EndpointHealth;
import io.googo.etcd.core.cluster.EndpointStatus;
import io.googo.etcd.core.cluster.MemberAdded;
import io.googo.etcd.core.cluster.MemberChanged;
import io.googo.etcd.core.cluster.MemberInfo;
import io.googo.etcd.core.cluster.MemberList;
import io.googo.etcd.core.cluster.MoveLeaderResult;
import io.googo.etcd.core.cluster.SnapshotResult;
import io.googo.etcd.core.config.Durations;
import io.googo.etcd.core.kv.DeleteResult;
import io.googo.etcd.core.kv.Header;
import io.googo.etcd.core.kv.Kv;
import io.googo.etcd.core.kv.PutResult;
import io.googo.etcd.core.kv.RangeSink;
import io.googo.etcd.core.txn.TxnResult;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * {@code -w json} (OUTPUT.md, {@link ReadableJsonPrinter}) and {@code -w etcdctl-json}
 * ({@link EtcdctlJsonPrinter}), one document per line. This class holds what the two dialects
 * share: the documents' shapes, written through a Jackson generator. Each dialect decides how a
 * field is written (IDs as hex strings or numbers, keys as UTF-8 or base64, zero fields kept or
 * omitted) and prints the results whose shapes differ (leases, transactions' responses). Results
 * held in memory whose shape is the same in both dialects are records written by an
 * {@link ObjectMapper}; the generator is written by hand where the output streams (get, watch)
 * or where a field's form depends on the dialect.
 */
public abstract sealed class JsonPrinter extends StreamPrinter permits ReadableJsonPrinter, EtcdctlJsonPrinter {
    static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
            .build();

    /**
     * Writes the records of the results whose shape is the same in both dialects; made on first use:
     * setting one up loads ~500 classes and a calendar, which the streamed outputs (get, watch) never use.
     */
    private static final class Records {
        static final ObjectMapper MAPPER = new ObjectMapper(FACTORY.copy());
    }

    protected final JsonGenerator g;
    protected ValueDecoder decoder;

    JsonPrinter(OutputStream out) {
        super(out);
        try {
            this.g = FACTORY.createGenerator(out);
            this.g.setRootValueSeparator(null); // one document per line: no space before the next one
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The printer of {@code -w etcdctl-json} when {@code etcdctl}, else of {@code -w json}. */
    public static JsonPrinter of(OutputStream out, boolean etcdctl) {
        return etcdctl ? new EtcdctlJsonPrinter(out) : new ReadableJsonPrinter(out);
    }

    /** {@code --decode}/{@code --decoder}: each value's decoded form is written next to it, as {@code decoded}. */
    public void decodeWith(ValueDecoder d) {
        this.decoder = d;
    }

    @FunctionalInterface
    protected interface Body {
        void write() throws IOException;
    }

    @FunctionalInterface
    protected interface Item<T> {
        void write(T item) throws IOException;
    }

    protected final void doc(Body body) {
        try {
            body.write();
            g.flush();
            newline();
        } catch (IOException e) {
            throw broken(e);
        }
    }

    /** One document that is a record (or a list of records), as the {@link ObjectMapper} writes it. */
    protected final void docValue(Object value) {
        doc(() -> Records.MAPPER.writeValue(g, value));
    }

    // ---- how each dialect writes a field ---------------------------------------------------------

    /** A 64-bit ID (cluster, member, lease). */
    protected abstract void id(String field, long v) throws IOException;

    /** A count or revision. */
    protected abstract void num(String field, long v) throws IOException;

    /** A key or value. */
    protected abstract void bytes(String field, byte[] b) throws IOException;

    /** A name or version (etcdctl-json leaves out an empty one). */
    protected abstract void str(String field, String v) throws IOException;

    /** An error that is null when there was none. */
    protected abstract void error(String field, String v) throws IOException;

    /** A flag (etcdctl-json leaves out false). */
    protected abstract void bool(String field, boolean v) throws IOException;

    /** A key-value's lease. */
    protected abstract void lease(long v) throws IOException;

    /** A field whose value is absent (a put's previous key-value, …). */
    protected abstract void absent(String field) throws IOException;

    /** An array field with no elements. */
    protected abstract void emptyArray(String field) throws IOException;

    /** A range's {@code count} and {@code more}. */
    protected abstract void countAndMore(long count, boolean more) throws IOException;

    /** Whether a row of a failed endpoint is printed (with its {@code Error}). */
    protected abstract boolean listsFailedEndpoints();

    /** A header the server did not send (all zero). */
    protected abstract void headerOrNone(Header h) throws IOException;

    /** An alarm's type. */
    protected abstract void alarmType(String type) throws IOException;

    /** One of a transaction's responses. */
    protected abstract void txnResponse(TxnResult.OpResult o) throws IOException;

    // ---- the shapes both dialects share ----------------------------------------------------------

    protected final <T> void array(String field, List<T> items, Item<T> item) throws IOException {
        if (items.isEmpty()) {
            emptyArray(field);
            return;
        }
        g.writeArrayFieldStart(field);
        for (T x : items) {
            item.write(x);
        }
        g.writeEndArray();
    }

    protected final void strings(String field, List<String> v) throws IOException {
        array(field, v, g::writeString);
    }

    protected final void header(Header h) throws IOException {
        g.writeObjectFieldStart("header");
        id("cluster_id", h.clusterId());
        id("member_id", h.memberId());
        num("revision", h.revision());
        num("raft_term", h.raftTerm());
        g.writeEndObject();
    }

    protected final void kv(Kv kv) throws IOException {
        g.writeStartObject();
        bytes("key", kv.key());
        num("create_revision", kv.createRevision());
        num("mod_revision", kv.modRevision());
        num("version", kv.version());
        bytes("value", kv.value());
        decoded(kv);
        lease(kv.lease());
        g.writeEndObject();
    }

    protected final void decoded(Kv kv) throws IOException {
        if (decoder != null) {
            ValueDecoder.writeDecoded(decoder, g, kv.key(), kv.value());
        }
    }

    protected final void prevKv(Kv prev) throws IOException {
        if (prev != null) {
            g.writeFieldName("prev_kv");
            kv(prev);
        } else {
            absent("prev_kv");
        }
    }

    @Override
    public void put(PutResult r) {
        doc(() -> {
            g.writeStartObject();
            header(r.header());
            prevKv(r.prevKv());
            g.writeEndObject();
        });
    }

    @Override
    public void del(DeleteResult r) {
        doc(() -> {
            g.writeStartObject();
            header(r.header());
            num("deleted", r.deleted());
            array("prev_kvs", r.prevKvs(), this::kv);
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
                    } else {
                        emptyArray("kvs");
                    }
                    countAndMore(count, more);
                    g.writeEndObject();
                });
            }
        };
    }

    @Override
    public void txn(TxnResult r) {
        doc(() -> {
            g.writeStartObject();
            header(r.header());
            bool("succeeded", r.succeeded());
            array("responses", r.results(), this::txnResponse);
            g.writeEndObject();
        });
    }

    /** A transaction's response, its object named {@code put}, {@code range} or {@code delete} by the op's kind. */
    protected final void txnOp(TxnResult.OpResult o, String put, String range, String delete) throws IOException {
        if (o instanceof TxnResult.PutOp p) {
            g.writeObjectFieldStart(put);
            header(p.result().header());
            prevKv(p.result().prevKv());
        } else if (o instanceof TxnResult.GetOp x) {
            var r = x.result();
            g.writeObjectFieldStart(range);
            header(r.header());
            array("kvs", r.kvs(), this::kv);
            countAndMore(r.count(), r.more());
        } else if (o instanceof TxnResult.DeleteOp d) {
            var r = d.result();
            g.writeObjectFieldStart(delete);
            header(r.header());
            num("deleted", r.deleted());
            array("prev_kvs", r.prevKvs(), this::kv);
        }
        g.writeEndObject();
    }

    /** What a dialect that cannot print {@code command}'s output throws. */
    protected static EtcdException unsupported(String command, String format) {
        return EtcdException.unsupported("'" + command + "' cannot print format '" + format + "'");
    }

    // ---- results held in memory, the same in both dialects: records through the ObjectMapper ----

    private record Load(
            long loaded,
            long leases,
            double seconds,
            @JsonProperty("keys_per_second") long keysPerSecond) {}

    @Override
    public void load(LoadSummary s) {
        docValue(new Load(
                s.loaded(), s.leases(), Math.round(s.seconds() * 1000) / 1000.0, Math.round(s.keysPerSecond())));
    }

    private record Profile(String name, boolean current, List<String> endpoints) {}

    private record Profiles(List<Profile> profiles) {}

    @Override
    public void configList(List<ProfileRow> rows) {
        docValue(new Profiles(rows.stream()
                .map(r -> new Profile(r.name(), r.current(), r.endpoints()))
                .toList()));
    }

    private record Server(String endpoint, String version, String error) {}

    private record Version(
            @JsonProperty("client_version") String clientVersion,
            @JsonProperty("api_version") String apiVersion,
            List<Server> servers) {}

    @Override
    public void version(VersionInfo v) {
        docValue(new Version(
                v.clientVersion(),
                v.apiVersion(),
                v.servers().stream()
                        .map(s -> new Server(s.endpoint(), s.version(), s.error()))
                        .toList()));
    }

    private record Defrag(String endpoint, boolean ok, String error) {}

    @Override
    public void defrag(List<DefragResult> rows) {
        docValue(rows.stream()
                .map(d -> new Defrag(d.endpoint(), d.ok(), d.error()))
                .toList());
    }

    private record Snapshot(String file, long size, String took) {}

    @Override
    public void snapshotSave(SnapshotResult r) {
        docValue(new Snapshot(r.file().toString(), r.size(), Durations.format(r.took())));
    }

    // ---- cluster administration ----------------------------------------------------------------
    // Field names are etcdctl's (ID, peerURLs, Endpoint, Status, dbSize, ...), so jq paths carry over;
    // json: IDs as hex strings, nothing omitted, a failed endpoint keeps its row with "Error";
    // etcdctl-json: numeric IDs, zero and empty fields omitted, failed status/hash rows left out.

    private void member(MemberInfo m) throws IOException {
        g.writeStartObject();
        id("ID", m.id());
        str("name", m.name());
        strings("peerURLs", m.peerUrls());
        strings("clientURLs", m.clientUrls());
        bool("isLearner", m.learner());
        g.writeEndObject();
    }

    private void members(List<MemberInfo> ms) throws IOException {
        g.writeArrayFieldStart("members");
        for (MemberInfo m : ms) {
            member(m);
        }
        g.writeEndArray();
    }

    @Override
    public void memberList(MemberList r) {
        doc(() -> {
            g.writeStartObject();
            header(r.header());
            members(r.members());
            g.writeEndObject();
        });
    }

    @Override
    public void memberAdd(String name, MemberAdded r) {
        doc(() -> {
            g.writeStartObject();
            header(r.header());
            g.writeFieldName("member");
            member(r.member());
            members(r.members());
            g.writeEndObject();
        });
    }

    @Override
    public void memberChanged(MemberChanged r) {
        doc(() -> {
            g.writeStartObject();
            header(r.header());
            members(r.members());
            g.writeEndObject();
        });
    }

    /**
     * One row an endpoint: {@code {"Endpoint":…,"<field>":{…}}} when it answered, else (only where
     * the dialect lists failed endpoints) {@code "<field>":null}; then its {@code "Error"}.
     */
    private void endpointRow(String endpoint, boolean ok, String error, String field, Body answer) throws IOException {
        if (!ok && !listsFailedEndpoints()) {
            return;
        }
        g.writeStartObject();
        g.writeStringField("Endpoint", endpoint);
        if (ok) {
            g.writeObjectFieldStart(field);
            answer.write();
            g.writeEndObject();
        } else {
            g.writeNullField(field);
        }
        if (listsFailedEndpoints()) {
            g.writeStringField("Error", error);
        }
        g.writeEndObject();
    }

    @Override
    public void endpointStatus(List<EndpointStatus> rows) {
        doc(() -> {
            g.writeStartArray();
            for (EndpointStatus s : rows) {
                endpointRow(s.endpoint(), s.ok(), s.error(), "Status", () -> {
                    header(s.header());
                    str("version", s.version());
                    num("dbSize", s.dbSize());
                    id("leader", s.leader());
                    num("raftIndex", s.raftIndex());
                    num("raftTerm", s.raftTerm());
                    num("raftAppliedIndex", s.raftAppliedIndex());
                    strings("errors", s.errors());
                    num("dbSizeInUse", s.dbSizeInUse());
                    bool("isLearner", s.learner());
                });
            }
            g.writeEndArray();
        });
    }

    @Override
    public void endpointHealth(List<EndpointHealth> rows) {
        doc(() -> {
            g.writeStartArray();
            for (EndpointHealth h : rows) {
                g.writeStartObject();
                g.writeStringField("endpoint", h.endpoint());
                g.writeBooleanField("health", h.healthy());
                g.writeStringField("took", Durations.format(h.took()));
                error("error", h.error());
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    @Override
    public void endpointHashKv(List<EndpointHash> rows) {
        doc(() -> {
            g.writeStartArray();
            for (EndpointHash h : rows) {
                endpointRow(h.endpoint(), h.ok(), h.error(), "HashKV", () -> {
                    header(h.header());
                    num("hash", h.hash());
                    num("compact_revision", h.compactRevision());
                });
            }
            g.writeEndArray();
        });
    }

    @Override
    public void compaction(CompactResult r) {
        doc(() -> {
            g.writeStartObject();
            header(r.header());
            g.writeNumberField("revision", r.revision());
            g.writeBooleanField("physical", r.physical());
            g.writeEndObject();
        });
    }

    @Override
    public void alarms(AlarmList r, boolean disarmed) {
        doc(() -> {
            g.writeStartObject();
            headerOrNone(r.header());
            array("alarms", r.alarms(), (AlarmInfo a) -> {
                g.writeStartObject();
                id("memberID", a.memberId());
                alarmType(a.type());
                g.writeEndObject();
            });
            g.writeEndObject();
        });
    }

    @Override
    public void moveLeader(MoveLeaderResult r) {
        doc(() -> {
            g.writeStartObject();
            header(r.header());
            id("from", r.from());
            id("to", r.to());
            g.writeEndObject();
        });
    }
}
