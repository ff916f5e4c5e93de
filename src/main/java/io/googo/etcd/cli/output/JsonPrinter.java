package io.googo.etcd.cli.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
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
import io.googo.etcd.cli.decode.ValueDecoder;
import io.googo.etcd.core.txn.TxnResult;
import io.googo.etcd.core.watch.WatchEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import io.googo.etcd.core.lease.LeaseGrant;
import io.googo.etcd.core.lease.LeaseIds;
import io.googo.etcd.core.lease.LeaseList;
import io.googo.etcd.core.lease.LeaseRenewal;
import io.googo.etcd.core.lease.LeaseRevoke;
import io.googo.etcd.core.lease.LeaseTimeToLive;

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
    private ValueDecoder decoder;

    public JsonPrinter(OutputStream out, boolean etcdctl) {
        super(out);
        this.etcdctl = etcdctl;
        try {
            this.g = FACTORY.createGenerator(out);
            this.g.setRootValueSeparator(null); // one document per line: no space before the next one
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
        if (decoder != null) {
            ValueDecoder.writeDecoded(decoder, g, kv.key(), kv.value());
        }
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

    /**
     * json: {@code {"header":…,"succeeded":…,"responses":[{"response_put":{…}},{"response_range":{…}},
     * {"response_delete_range":{…}}]}}; etcdctl-json: as etcdctl prints it, each response as
     * {@code {"Response":{"ResponsePut":{…}}}} (Go's names for the oneof).
     */
    @Override
    public void txn(TxnResult r) {
        doc(() -> {
            g.writeStartObject();
            header(r.header());
            if (!etcdctl || r.succeeded()) {
                g.writeBooleanField("succeeded", r.succeeded());
            }
            if (!etcdctl || !r.results().isEmpty()) {
                g.writeArrayFieldStart("responses");
                for (TxnResult.OpResult o : r.results()) {
                    g.writeStartObject();
                    if (etcdctl) {
                        g.writeObjectFieldStart("Response");
                    }
                    txnOp(o);
                    if (etcdctl) {
                        g.writeEndObject();
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        });
    }

    private void txnOp(TxnResult.OpResult o) throws IOException {
        if (o instanceof TxnResult.PutOp p) {
            g.writeObjectFieldStart(etcdctl ? "ResponsePut" : "response_put");
            header(p.result().header());
            if (p.result().prevKv() != null) {
                g.writeFieldName("prev_kv");
                kv(p.result().prevKv());
            } else if (!etcdctl) {
                g.writeNullField("prev_kv");
            }
        } else if (o instanceof TxnResult.GetOp x) {
            var r = x.result();
            g.writeObjectFieldStart(etcdctl ? "ResponseRange" : "response_range");
            header(r.header());
            if (!etcdctl || !r.kvs().isEmpty()) {
                g.writeArrayFieldStart("kvs");
                for (Kv kv : r.kvs()) {
                    kv(kv);
                }
                g.writeEndArray();
            }
            if (etcdctl) {
                if (r.more()) {
                    g.writeBooleanField("more", true);
                }
                num("count", r.count());
            } else {
                g.writeNumberField("count", r.count());
                g.writeBooleanField("more", r.more());
            }
        } else if (o instanceof TxnResult.DeleteOp d) {
            var r = d.result();
            g.writeObjectFieldStart(etcdctl ? "ResponseDeleteRange" : "response_delete_range");
            header(r.header());
            num("deleted", r.deleted());
            if (!etcdctl || !r.prevKvs().isEmpty()) {
                g.writeArrayFieldStart("prev_kvs");
                for (Kv kv : r.prevKvs()) {
                    kv(kv);
                }
                g.writeEndArray();
            }
        }
        g.writeEndObject();
    }

    /**
     * One line per event, OUTPUT.md's shape: {@code {"type":"PUT","key":…,"value":…,"create_revision":…,
     * "mod_revision":…,"version":…,"lease":"0","prev_kv":null}}; a progress notification is
     * {@code {"type":"PROGRESS","revision":…}}. json only.
     */
    @Override
    public void watchEvent(WatchEvent e) {
        if (etcdctl) {
            throw io.googo.etcd.core.EtcdException.unsupported("'watch' cannot print format 'etcdctl-json'");
        }
        doc(() -> {
            g.writeStartObject();
            g.writeStringField("type", e.type().name());
            if (e.isProgress()) {
                g.writeNumberField("revision", e.revision());
            } else {
                Kv kv = e.kv();
                bytes("key", kv.key());
                bytes("value", kv.value());
                if (decoder != null) {
                    ValueDecoder.writeDecoded(decoder, g, kv.key(), kv.value());
                }
                g.writeNumberField("create_revision", kv.createRevision());
                g.writeNumberField("mod_revision", kv.modRevision());
                g.writeNumberField("version", kv.version());
                id("lease", kv.lease());
                if (e.prevKv() != null) {
                    g.writeFieldName("prev_kv");
                    kv(e.prevKv());
                } else {
                    g.writeNullField("prev_kv");
                }
            }
            g.writeEndObject();
        });
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

    // ---- cluster administration ----------------------------------------------------------------
    // Field names are etcdctl's (ID, peerURLs, Endpoint, Status, dbSize, ...), so jq paths carry over;
    // json: IDs as hex strings, nothing omitted, a failed endpoint keeps its row with "Error";
    // etcdctl-json: numeric IDs, zero and empty fields omitted, failed status/hash rows left out.

    private void str(String field, String v) throws IOException {
        if (!etcdctl || v != null && !v.isEmpty()) {
            g.writeStringField(field, v);
        }
    }

    private void bool(String field, boolean v) throws IOException {
        if (!etcdctl || v) {
            g.writeBooleanField(field, v);
        }
    }

    private void strings(String field, List<String> v) throws IOException {
        if (etcdctl && v.isEmpty()) {
            return;
        }
        g.writeArrayFieldStart(field);
        for (String x : v) {
            g.writeString(x);
        }
        g.writeEndArray();
    }

    /** The header; etcdctl leaves out a header the server did not send (all zero). */
    private void headerOrNone(Header h) throws IOException {
        if (!etcdctl || !h.equals(Header.EMPTY)) {
            header(h);
        }
    }

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

    @Override
    public void endpointStatus(List<EndpointStatus> rows) {
        doc(() -> {
            g.writeStartArray();
            for (EndpointStatus s : rows) {
                if (etcdctl && !s.ok()) {
                    continue;
                }
                g.writeStartObject();
                g.writeStringField("Endpoint", s.endpoint());
                if (s.ok()) {
                    g.writeObjectFieldStart("Status");
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
                    g.writeEndObject();
                } else {
                    g.writeNullField("Status");
                }
                if (!etcdctl) {
                    g.writeStringField("Error", s.error());
                }
                g.writeEndObject();
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
                if (!etcdctl || h.error() != null) {
                    g.writeStringField("error", h.error());
                }
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
                if (etcdctl && !h.ok()) {
                    continue;
                }
                g.writeStartObject();
                g.writeStringField("Endpoint", h.endpoint());
                if (h.ok()) {
                    g.writeObjectFieldStart("HashKV");
                    header(h.header());
                    num("hash", h.hash());
                    num("compact_revision", h.compactRevision());
                    g.writeEndObject();
                } else {
                    g.writeNullField("HashKV");
                }
                if (!etcdctl) {
                    g.writeStringField("Error", h.error());
                }
                g.writeEndObject();
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
    public void defrag(List<DefragResult> rows) {
        doc(() -> {
            g.writeStartArray();
            for (DefragResult d : rows) {
                g.writeStartObject();
                g.writeStringField("endpoint", d.endpoint());
                g.writeBooleanField("ok", d.ok());
                g.writeStringField("error", d.error());
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    @Override
    public void alarms(AlarmList r, boolean disarmed) {
        doc(() -> {
            g.writeStartObject();
            headerOrNone(r.header());
            if (!etcdctl || !r.alarms().isEmpty()) {
                g.writeArrayFieldStart("alarms");
                for (AlarmInfo a : r.alarms()) {
                    g.writeStartObject();
                    id("memberID", a.memberId());
                    if (etcdctl) {
                        g.writeNumberField("alarm", switch (a.type()) {
                            case "NOSPACE" -> 1;
                            case "CORRUPT" -> 2;
                            default -> 0;
                        });
                    } else {
                        g.writeStringField("alarm", a.type());
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
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

    @Override
    public void snapshotSave(SnapshotResult r) {
        doc(() -> {
            g.writeStartObject();
            g.writeStringField("file", r.file().toString());
            g.writeNumberField("size", r.size());
            g.writeStringField("took", Durations.format(r.took()));
            g.writeEndObject();
        });
    }

    // ---- leases: json has a "header" object and hex IDs; etcdctl-json mirrors etcdctl, whose lease
    // responses (clientv3 types) embed the header's fields at the top level and name the ID and TTL
    // fields as Go does ("ID"/"TTL", "id"/"ttl"/"granted-ttl")

    private void etcdctlHeader(Header h) throws IOException {
        unsigned("cluster_id", h.clusterId());
        unsigned("member_id", h.memberId());
        num("revision", h.revision());
        num("raft_term", h.raftTerm());
    }

    private void unsigned(String field, long v) throws IOException {
        if (v != 0) {
            g.writeFieldName(field);
            g.writeNumber(Long.toUnsignedString(v));
        }
    }

    @Override
    public void leaseGrant(LeaseGrant r) {
        doc(() -> {
            g.writeStartObject();
            if (etcdctl) {
                etcdctlHeader(r.header());
                g.writeNumberField("ID", r.id());
                g.writeNumberField("TTL", r.ttl());
                g.writeStringField("Error", "");
            } else {
                header(r.header());
                g.writeStringField("id", LeaseIds.hex(r.id()));
                g.writeNumberField("ttl", r.ttl());
            }
            g.writeEndObject();
        });
    }

    @Override
    public void leaseRevoke(LeaseRevoke r) {
        doc(() -> {
            g.writeStartObject();
            header(r.header());
            if (!etcdctl) {
                g.writeStringField("id", LeaseIds.hex(r.id()));
            }
            g.writeEndObject();
        });
    }

    @Override
    public void leaseTimeToLive(LeaseTimeToLive r) {
        doc(() -> {
            g.writeStartObject();
            if (etcdctl) {
                etcdctlHeader(r.header());
                g.writeNumberField("id", r.id());
                g.writeNumberField("ttl", r.ttl());
                g.writeNumberField("granted-ttl", r.grantedTtl());
                g.writeFieldName("keys");
                if (r.keys() == null || r.keys().isEmpty()) {
                    g.writeNull();
                } else {
                    g.writeStartArray();
                    for (byte[] k : r.keys()) {
                        g.writeBinary(k);
                    }
                    g.writeEndArray();
                }
            } else {
                header(r.header());
                g.writeStringField("id", LeaseIds.hex(r.id()));
                g.writeNumberField("ttl", r.ttl());
                g.writeNumberField("granted_ttl", r.grantedTtl());
                if (r.keys() == null) {
                    g.writeNullField("keys");
                } else {
                    boolean utf8 = r.keys().stream().allMatch(k -> Text.utf8OrNull(k) != null);
                    g.writeArrayFieldStart(utf8 ? "keys" : "keys_base64");
                    for (byte[] k : r.keys()) {
                        if (utf8) {
                            g.writeString(Text.utf8OrNull(k));
                        } else {
                            g.writeBinary(k);
                        }
                    }
                    g.writeEndArray();
                }
            }
            g.writeEndObject();
        });
    }

    @Override
    public void leaseList(LeaseList r) {
        doc(() -> {
            g.writeStartObject();
            if (etcdctl) {
                etcdctlHeader(r.header());
            } else {
                header(r.header());
            }
            g.writeArrayFieldStart("leases");
            for (long id : r.ids()) {
                g.writeStartObject();
                if (etcdctl) {
                    g.writeNumberField("id", id);
                } else {
                    g.writeStringField("id", LeaseIds.hex(id));
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    @Override
    public void leaseKeepAlive(LeaseRenewal r) {
        doc(() -> {
            g.writeStartObject();
            if (etcdctl) {
                etcdctlHeader(r.header());
                g.writeNumberField("ID", r.id());
                g.writeNumberField("TTL", r.ttl());
            } else {
                header(r.header());
                g.writeStringField("id", LeaseIds.hex(r.id()));
                g.writeNumberField("ttl", r.ttl());
            }
            g.writeEndObject();
        });
    }

    /**
     * {@code discover}: {@code {"service":…,"prefix":…,"revision":N,"count":N,"instances":[{"addr":…,"key":…,
     * "metadata":…,"lease":"hex","create_revision":N,"mod_revision":N}]}}. json only.
     */
    @Override
    public void serviceList(io.googo.etcd.core.registry.ServiceList r) {
        if (etcdctl) {
            throw io.googo.etcd.core.EtcdException.unsupported("'discover' cannot print format 'etcdctl-json'");
        }
        doc(() -> {
            g.writeStartObject();
            g.writeStringField("service", r.service());
            g.writeStringField("prefix", r.prefix());
            g.writeNumberField("revision", r.revision());
            g.writeNumberField("count", r.instances().size());
            g.writeArrayFieldStart("instances");
            for (var i : r.instances()) {
                instance(i);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /**
     * {@code discover --watch}: one line per change, {@code {"type":"add","addr":…,"key":…,"metadata":…,
     * "lease":"hex","revision":N}}; a remove has {@code "metadata":null} and {@code "lease":"0"}. json only.
     */
    @Override
    public void serviceChange(io.googo.etcd.core.registry.ServiceChange c) {
        if (etcdctl) {
            throw io.googo.etcd.core.EtcdException.unsupported("'discover' cannot print format 'etcdctl-json'");
        }
        doc(() -> {
            var i = c.instance();
            g.writeStartObject();
            g.writeStringField("type", c.type().label());
            g.writeStringField("addr", i.addr());
            g.writeStringField("key", i.key());
            g.writeFieldName("metadata");
            g.writeRawValue(i.metadata().toString());
            g.writeStringField("lease", Text.leaseHex(i.lease()));
            g.writeNumberField("revision", c.revision());
            g.writeEndObject();
        });
    }

    private void instance(io.googo.etcd.core.registry.ServiceInstance i) throws IOException {
        g.writeStartObject();
        g.writeStringField("addr", i.addr());
        g.writeStringField("key", i.key());
        g.writeFieldName("metadata");
        g.writeRawValue(i.metadata().toString());
        g.writeStringField("lease", Text.leaseHex(i.lease()));
        g.writeNumberField("create_revision", i.createRevision());
        g.writeNumberField("mod_revision", i.modRevision());
        g.writeEndObject();
    }

    /** {@code --decode}/{@code --decoder}: each value's decoded form is written next to it, as {@code decoded}. */
    public void decodeWith(ValueDecoder d) {
        this.decoder = d;
    }
}
