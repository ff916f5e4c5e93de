package io.googo.etcd.cli.output;

import io.googo.etcd.core.cluster.EndpointHash;
import io.googo.etcd.core.cluster.EndpointHealth;
import io.googo.etcd.core.cluster.EndpointStatus;
import io.googo.etcd.core.cluster.MemberInfo;
import io.googo.etcd.core.cluster.MemberList;
import io.googo.etcd.core.config.Durations;
import io.googo.etcd.core.kv.DeleteResult;
import io.googo.etcd.core.kv.Header;
import io.googo.etcd.core.kv.Kv;
import io.googo.etcd.core.kv.PutResult;
import io.googo.etcd.core.kv.RangeSink;
import io.googo.etcd.core.lease.LeaseGrant;
import io.googo.etcd.core.lease.LeaseList;
import io.googo.etcd.core.lease.LeaseRenewal;
import io.googo.etcd.core.lease.LeaseRevoke;
import io.googo.etcd.core.lease.LeaseTimeToLive;
import io.googo.etcd.core.txn.TxnResult;
import java.io.OutputStream;
import java.util.List;

/** etcdctl's {@code -w fields}: {@code "Field" : value} lines, strings quoted as Go's %q. */
public final class FieldsPrinter extends StreamPrinter {

    public FieldsPrinter(OutputStream out) {
        super(out);
    }

    private void header(Header h) {
        println("\"ClusterID\" : " + Long.toUnsignedString(h.clusterId()));
        println("\"MemberID\" : " + Long.toUnsignedString(h.memberId()));
        println("\"Revision\" : " + h.revision());
        println("\"RaftTerm\" : " + h.raftTerm());
    }

    private void kv(String prefix, Kv kv) {
        println("\"" + prefix + "Key\" : " + Text.goQuote(kv.key()));
        println("\"" + prefix + "CreateRevision\" : " + kv.createRevision());
        println("\"" + prefix + "ModRevision\" : " + kv.modRevision());
        println("\"" + prefix + "Version\" : " + kv.version());
        println("\"" + prefix + "Value\" : " + Text.goQuote(kv.value()));
        println("\"" + prefix + "Lease\" : " + kv.lease());
    }

    @Override
    public void put(PutResult r) {
        header(r.header());
        if (r.prevKv() != null) {
            kv("Prev", r.prevKv());
        }
    }

    @Override
    public void del(DeleteResult r) {
        header(r.header());
        println("\"Deleted\" : " + r.deleted());
        for (Kv kv : r.prevKvs()) {
            kv("Prev", kv);
        }
    }

    @Override
    public RangeSink get(GetView view) {
        return new RangeSink() {
            @Override
            public void begin(Header header, long count) {
                header(header);
            }

            @Override
            public void kv(Kv kv) {
                FieldsPrinter.this.kv("", kv);
            }

            @Override
            public void end(long count, boolean more) {
                println("\"More\" : " + more);
                println("\"Count\" : " + count);
            }
        };
    }

    /** etcdctl's: the header, "Succeeded", then each operation as put, del and get print it. */
    @Override
    public void txn(TxnResult r) {
        header(r.header());
        println("\"Succeeded\" : " + r.succeeded());
        txnOps(r, false);
    }

    @Override
    public void configList(List<ProfileRow> rows) {
        for (ProfileRow r : rows) {
            println("\"Name\" : " + Text.goQuote(r.name().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            println("\"Current\" : " + r.current());
            println("\"Endpoints\" : " + String.join(",", r.endpoints()));
        }
    }

    // ---- cluster administration: etcdctl's fields, a blank line after each member or endpoint ---

    private static String q(String s) {
        return Text.goQuote(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public void memberList(MemberList r) {
        header(r.header());
        for (MemberInfo m : r.members()) {
            println("\"ID\" : " + Long.toUnsignedString(m.id()));
            println("\"Name\" : " + q(m.name()));
            for (String u : m.peerUrls()) {
                println("\"PeerURL\" : " + q(u));
            }
            for (String u : m.clientUrls()) {
                println("\"ClientURL\" : " + q(u));
            }
            println("\"IsLearner\" : " + m.learner());
            println("");
        }
    }

    @Override
    public void endpointStatus(List<EndpointStatus> rows) {
        for (EndpointStatus s : rows) {
            if (s.ok()) {
                header(s.header());
                println("\"Version\" : " + q(s.version()));
                println("\"DBSize\" : " + s.dbSize());
                println("\"Leader\" : " + Long.toUnsignedString(s.leader()));
                println("\"IsLearner\" : " + s.learner());
                println("\"RaftIndex\" : " + s.raftIndex());
                println("\"RaftTerm\" : " + s.raftTerm());
                println("\"RaftAppliedIndex\" : " + s.raftAppliedIndex());
                println("\"Errors\" : [" + String.join(" ", s.errors()) + "]");
            }
            println("\"Endpoint\" : " + q(s.endpoint()));
            if (!s.ok()) {
                println("\"Error\" : " + q(s.error()));
            }
            println("");
        }
    }

    @Override
    public void endpointHealth(List<EndpointHealth> rows) {
        for (EndpointHealth h : rows) {
            println("\"Endpoint\" : " + q(h.endpoint()));
            println("\"Health\" : " + h.healthy());
            println("\"Took\" : " + Durations.format(h.took()));
            println("\"Error\" : " + (h.error() == null ? "" : h.error()));
            println("");
        }
    }

    @Override
    public void endpointHashKv(List<EndpointHash> rows) {
        for (EndpointHash h : rows) {
            if (h.ok()) {
                header(h.header());
            }
            println("\"Endpoint\" : " + q(h.endpoint()));
            if (h.ok()) {
                println("\"Hash\" : " + h.hash());
            } else {
                println("\"Error\" : " + q(h.error()));
            }
            println("");
        }
    }

    @Override
    public void leaseGrant(LeaseGrant r) {
        header(r.header());
        println("\"ID\" : " + r.id());
        println("\"TTL\" : " + r.ttl());
    }

    @Override
    public void leaseRevoke(LeaseRevoke r) {
        header(r.header());
    }

    @Override
    public void leaseTimeToLive(LeaseTimeToLive r) {
        header(r.header());
        println("\"ID\" : " + r.id());
        println("\"TTL\" : " + r.ttl());
        println("\"GrantedTTL\" : " + r.grantedTtl());
        if (r.keys() != null) {
            for (byte[] k : r.keys()) {
                println("\"Key\" : " + Text.goQuote(k));
            }
        }
    }

    @Override
    public void leaseList(LeaseList r) {
        header(r.header());
        for (long id : r.ids()) {
            println("\"ID\" : " + id);
        }
    }

    @Override
    public void leaseKeepAlive(LeaseRenewal r) {
        header(r.header());
        println("\"ID\" : " + r.id());
        println("\"TTL\" : " + r.ttl());
    }
}
