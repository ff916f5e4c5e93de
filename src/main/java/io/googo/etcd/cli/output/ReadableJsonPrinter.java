package io.googo.etcd.cli.output;

import io.googo.etcd.core.kv.Header;
import io.googo.etcd.core.kv.Kv;
import io.googo.etcd.core.lease.LeaseGrant;
import io.googo.etcd.core.lease.LeaseIds;
import io.googo.etcd.core.lease.LeaseList;
import io.googo.etcd.core.lease.LeaseRenewal;
import io.googo.etcd.core.lease.LeaseRevoke;
import io.googo.etcd.core.lease.LeaseTimeToLive;
import io.googo.etcd.core.registry.ServiceChange;
import io.googo.etcd.core.registry.ServiceInstance;
import io.googo.etcd.core.registry.ServiceList;
import io.googo.etcd.core.txn.TxnResult;
import io.googo.etcd.core.watch.WatchEvent;
import java.io.IOException;
import java.io.OutputStream;

/**
 * {@code -w json} (OUTPUT.md): etcdctl's snake_case names, UTF-8 keys and values
 * ({@code key_base64}/{@code value_base64} when not UTF-8), 64-bit IDs as lowercase hex strings,
 * nothing omitted.
 */
final class ReadableJsonPrinter extends JsonPrinter {
    ReadableJsonPrinter(OutputStream out) {
        super(out);
    }

    @Override
    protected void id(String field, long v) throws IOException {
        g.writeStringField(field, Long.toHexString(v));
    }

    @Override
    protected void num(String field, long v) throws IOException {
        g.writeNumberField(field, v);
    }

    @Override
    protected void bytes(String field, byte[] b) throws IOException {
        String s = Text.utf8OrNull(b);
        if (s != null) {
            g.writeStringField(field, s);
        } else {
            g.writeFieldName(field + "_base64");
            g.writeBinary(b);
        }
    }

    @Override
    protected void str(String field, String v) throws IOException {
        g.writeStringField(field, v);
    }

    @Override
    protected void error(String field, String v) throws IOException {
        g.writeStringField(field, v);
    }

    @Override
    protected void bool(String field, boolean v) throws IOException {
        g.writeBooleanField(field, v);
    }

    @Override
    protected void lease(long v) throws IOException {
        g.writeStringField("lease", Text.leaseHex(v));
    }

    @Override
    protected void absent(String field) throws IOException {
        g.writeNullField(field);
    }

    @Override
    protected void emptyArray(String field) throws IOException {
        g.writeArrayFieldStart(field);
        g.writeEndArray();
    }

    @Override
    protected void countAndMore(long count, boolean more) throws IOException {
        g.writeNumberField("count", count);
        g.writeBooleanField("more", more);
    }

    @Override
    protected boolean listsFailedEndpoints() {
        return true;
    }

    @Override
    protected void headerOrNone(Header h) throws IOException {
        header(h);
    }

    @Override
    protected void alarmType(String type) throws IOException {
        g.writeStringField("alarm", type);
    }

    /** {@code {"response_put":{…}}}, {@code {"response_range":{…}}} or {@code {"response_delete_range":{…}}}. */
    @Override
    protected void txnResponse(TxnResult.OpResult o) throws IOException {
        g.writeStartObject();
        txnOp(o, "response_put", "response_range", "response_delete_range");
        g.writeEndObject();
    }

    /**
     * One line per event, OUTPUT.md's shape: {@code {"type":"PUT","key":…,"value":…,"create_revision":…,
     * "mod_revision":…,"version":…,"lease":"0","prev_kv":null}}; a progress notification is
     * {@code {"type":"PROGRESS","revision":…}}.
     */
    @Override
    public void watchEvent(WatchEvent e) {
        if (decoder == null) {
            watchEventBytes(e);
        } else {
            watchEventGenerated(e);
        }
    }

    /** {@link #watchEvent} through the Jackson generator (with a decoder: its {@code decoded} field). */
    void watchEventGenerated(WatchEvent e) {
        typed(e.type().name(), () -> {
            if (e.isProgress()) {
                g.writeNumberField("revision", e.revision());
            } else {
                Kv kv = e.kv();
                bytes("key", kv.key());
                bytes("value", kv.value());
                decoded(kv);
                g.writeNumberField("create_revision", kv.createRevision());
                g.writeNumberField("mod_revision", kv.modRevision());
                g.writeNumberField("version", kv.version());
                id("lease", kv.lease());
                prevKv(e.prevKv());
            }
        });
    }

    private static final byte[] PUT = ascii("{\"type\":\"PUT\"");
    private static final byte[] DELETE = ascii("{\"type\":\"DELETE\"");
    private static final byte[] PROGRESS = ascii("{\"type\":\"PROGRESS\",\"revision\":");
    private static final byte[] KEY_FIRST = ascii("{\"key");
    private static final byte[] KEY = ascii(",\"key");
    private static final byte[] VALUE = ascii(",\"value");
    private static final byte[] CREATE_REVISION = ascii(",\"create_revision\":");
    private static final byte[] MOD_REVISION = ascii(",\"mod_revision\":");
    private static final byte[] VERSION = ascii(",\"version\":");
    private static final byte[] LEASE = ascii(",\"lease\":");
    private static final byte[] PREV_KV = ascii(",\"prev_kv\":");
    private static final byte[] NULL = ascii("null");
    private static final byte[] END = ascii("}\n");

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private JsonBytes doc;

    /**
     * {@link #watchEvent} without a decoder: the same bytes, built by hand and written to the output
     * in one piece (the Jackson generator holds nothing between two documents: {@code doc} flushes it).
     */
    void watchEventBytes(WatchEvent e) {
        JsonBytes d = doc;
        if (d == null) {
            d = doc = new JsonBytes();
        }
        d.reset();
        if (e.isProgress()) {
            d.raw(PROGRESS);
            d.num(e.revision());
        } else {
            Kv kv = e.kv();
            d.raw(e.type() == WatchEvent.Type.DELETE ? DELETE : PUT);
            d.bytesField(KEY, kv.key());
            d.bytesField(VALUE, kv.value());
            d.raw(CREATE_REVISION);
            d.num(kv.createRevision());
            d.raw(MOD_REVISION);
            d.num(kv.modRevision());
            d.raw(VERSION);
            d.num(kv.version());
            d.raw(LEASE);
            d.asciiString(Long.toHexString(kv.lease()));
            d.raw(PREV_KV);
            Kv p = e.prevKv();
            if (p == null) {
                d.raw(NULL);
            } else {
                // kv(): its own field order, and the lease as Text.leaseHex writes it
                d.bytesField(KEY_FIRST, p.key());
                d.raw(CREATE_REVISION);
                d.num(p.createRevision());
                d.raw(MOD_REVISION);
                d.num(p.modRevision());
                d.raw(VERSION);
                d.num(p.version());
                d.bytesField(VALUE, p.value());
                d.raw(LEASE);
                d.asciiString(Text.leaseHex(p.lease()));
                d.raw('}');
            }
        }
        d.raw(END);
        try {
            out.write(d.bytes(), 0, d.length());
        } catch (IOException x) {
            throw broken(x);
        }
    }

    /** A document whose first field is its {@code "type"}. */
    private void typed(String type, Body fields) {
        doc(() -> {
            g.writeStartObject();
            g.writeStringField("type", type);
            fields.write();
            g.writeEndObject();
        });
    }

    // ---- leases: a "header" object and hex IDs

    @Override
    public void leaseGrant(LeaseGrant r) {
        lease(r.header(), r.id(), () -> g.writeNumberField("ttl", r.ttl()));
    }

    @Override
    public void leaseKeepAlive(LeaseRenewal r) {
        lease(r.header(), r.id(), () -> g.writeNumberField("ttl", r.ttl()));
    }

    @Override
    public void leaseRevoke(LeaseRevoke r) {
        lease(r.header(), r.id(), () -> {});
    }

    /** A lease's document: its header, its hex {@code "id"}, then {@code fields}. */
    private void lease(Header h, long id, Body fields) {
        doc(() -> {
            g.writeStartObject();
            header(h);
            g.writeStringField("id", LeaseIds.hex(id));
            fields.write();
            g.writeEndObject();
        });
    }

    @Override
    public void leaseTimeToLive(LeaseTimeToLive r) {
        lease(r.header(), r.id(), () -> {
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
        });
    }

    @Override
    public void leaseList(LeaseList r) {
        doc(() -> {
            g.writeStartObject();
            header(r.header());
            g.writeArrayFieldStart("leases");
            for (long id : r.ids()) {
                g.writeStartObject();
                g.writeStringField("id", LeaseIds.hex(id));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    // ---- discover

    /**
     * {@code discover}: {@code {"service":…,"prefix":…,"revision":N,"count":N,"instances":[{"addr":…,"key":…,
     * "metadata":…,"lease":"hex","create_revision":N,"mod_revision":N}]}}.
     */
    @Override
    public void serviceList(ServiceList r) {
        doc(() -> {
            g.writeStartObject();
            g.writeStringField("service", r.service());
            g.writeStringField("prefix", r.prefix());
            g.writeNumberField("revision", r.revision());
            g.writeNumberField("count", r.instances().size());
            g.writeArrayFieldStart("instances");
            for (ServiceInstance i : r.instances()) {
                g.writeStartObject();
                instance(i);
                g.writeNumberField("create_revision", i.createRevision());
                g.writeNumberField("mod_revision", i.modRevision());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /**
     * {@code discover --watch}: one line per change, {@code {"type":"add","addr":…,"key":…,"metadata":…,
     * "lease":"hex","revision":N}}; a remove has {@code "metadata":null} and {@code "lease":"0"}.
     */
    @Override
    public void serviceChange(ServiceChange c) {
        typed(c.type().label(), () -> {
            instance(c.instance());
            g.writeNumberField("revision", c.revision());
        });
    }

    /** An instance's fields: addr, key, metadata (raw JSON) and lease. */
    private void instance(ServiceInstance i) throws IOException {
        g.writeStringField("addr", i.addr());
        g.writeStringField("key", i.key());
        g.writeFieldName("metadata");
        g.writeRawValue(i.metadata().toString());
        g.writeStringField("lease", Text.leaseHex(i.lease()));
    }
}
