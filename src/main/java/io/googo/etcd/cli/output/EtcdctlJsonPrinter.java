package io.googo.etcd.cli.output;

import io.googo.etcd.core.kv.Header;
import io.googo.etcd.core.lease.LeaseGrant;
import io.googo.etcd.core.lease.LeaseList;
import io.googo.etcd.core.lease.LeaseRenewal;
import io.googo.etcd.core.lease.LeaseRevoke;
import io.googo.etcd.core.lease.LeaseTimeToLive;
import io.googo.etcd.core.registry.ServiceChange;
import io.googo.etcd.core.registry.ServiceList;
import io.googo.etcd.core.txn.TxnResult;
import io.googo.etcd.core.watch.WatchEvent;
import java.io.IOException;
import java.io.OutputStream;

/**
 * {@code -w etcdctl-json}: what {@code etcdctl -w json} prints (Go's encoding of the protobuf
 * response): base64 keys and values, numeric IDs, zero and empty fields omitted.
 */
final class EtcdctlJsonPrinter extends JsonPrinter {
    private static final String FORMAT = "etcdctl-json";

    EtcdctlJsonPrinter(OutputStream out) {
        super(out);
    }

    /** Go's uint64: unsigned, left out when zero. */
    @Override
    protected void id(String field, long v) throws IOException {
        if (v != 0) {
            g.writeFieldName(field);
            g.writeNumber(Long.toUnsignedString(v));
        }
    }

    @Override
    protected void num(String field, long v) throws IOException {
        if (v != 0) {
            g.writeNumberField(field, v);
        }
    }

    @Override
    protected void bytes(String field, byte[] b) throws IOException {
        if (b.length > 0) {
            g.writeFieldName(field);
            g.writeBinary(b);
        }
    }

    @Override
    protected void str(String field, String v) throws IOException {
        if (v != null && !v.isEmpty()) {
            g.writeStringField(field, v);
        }
    }

    @Override
    protected void error(String field, String v) throws IOException {
        if (v != null) {
            g.writeStringField(field, v);
        }
    }

    @Override
    protected void bool(String field, boolean v) throws IOException {
        if (v) {
            g.writeBooleanField(field, true);
        }
    }

    @Override
    protected void lease(long v) throws IOException {
        num("lease", v);
    }

    @Override
    protected void absent(String field) {}

    @Override
    protected void emptyArray(String field) {}

    @Override
    protected void countAndMore(long count, boolean more) throws IOException {
        bool("more", more);
        num("count", count);
    }

    @Override
    protected boolean listsFailedEndpoints() {
        return false;
    }

    /** etcdctl leaves out a header the server did not send (all zero). */
    @Override
    protected void headerOrNone(Header h) throws IOException {
        if (!h.equals(Header.EMPTY)) {
            header(h);
        }
    }

    /** The alarm type's protobuf number. */
    @Override
    protected void alarmType(String type) throws IOException {
        g.writeNumberField(
                "alarm",
                switch (type) {
                    case "NOSPACE" -> 1;
                    case "CORRUPT" -> 2;
                    default -> 0;
                });
    }

    /** {@code {"Response":{"ResponsePut":{…}}}}: Go's names for the oneof. */
    @Override
    protected void txnResponse(TxnResult.OpResult o) throws IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("Response");
        txnOp(o, "ResponsePut", "ResponseRange", "ResponseDeleteRange");
        g.writeEndObject();
        g.writeEndObject();
    }

    @Override
    public void watchEvent(WatchEvent e) {
        throw unsupported("watch", FORMAT);
    }

    @Override
    public void serviceList(ServiceList r) {
        throw unsupported("discover", FORMAT);
    }

    @Override
    public void serviceChange(ServiceChange c) {
        throw unsupported("discover", FORMAT);
    }

    // ---- leases: etcdctl's lease responses (clientv3 types) embed the header's fields at the top
    // level and name the ID and TTL fields as Go does ("ID"/"TTL", "id"/"ttl"/"granted-ttl")

    private void flatHeader(Header h) throws IOException {
        id("cluster_id", h.clusterId());
        id("member_id", h.memberId());
        num("revision", h.revision());
        num("raft_term", h.raftTerm());
    }

    /** {@code lease grant} adds an empty {@code "Error"}, as etcdctl's LeaseGrantResponse does. */
    @Override
    public void leaseGrant(LeaseGrant r) {
        leaseTtl(r.header(), r.id(), r.ttl(), true);
    }

    @Override
    public void leaseKeepAlive(LeaseRenewal r) {
        leaseTtl(r.header(), r.id(), r.ttl(), false);
    }

    private void leaseTtl(Header h, long id, long ttl, boolean error) {
        doc(() -> {
            g.writeStartObject();
            flatHeader(h);
            g.writeNumberField("ID", id);
            g.writeNumberField("TTL", ttl);
            if (error) {
                g.writeStringField("Error", "");
            }
            g.writeEndObject();
        });
    }

    @Override
    public void leaseRevoke(LeaseRevoke r) {
        doc(() -> {
            g.writeStartObject();
            header(r.header());
            g.writeEndObject();
        });
    }

    @Override
    public void leaseTimeToLive(LeaseTimeToLive r) {
        doc(() -> {
            g.writeStartObject();
            flatHeader(r.header());
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
            g.writeEndObject();
        });
    }

    @Override
    public void leaseList(LeaseList r) {
        doc(() -> {
            g.writeStartObject();
            flatHeader(r.header());
            g.writeArrayFieldStart("leases");
            for (long id : r.ids()) {
                g.writeStartObject();
                g.writeNumberField("id", id);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }
}
