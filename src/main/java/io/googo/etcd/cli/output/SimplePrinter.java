package io.googo.etcd.cli.output;

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
import io.googo.etcd.core.lease.LeaseGrant;
import io.googo.etcd.core.lease.LeaseIds;
import io.googo.etcd.core.lease.LeaseList;
import io.googo.etcd.core.lease.LeaseRenewal;
import io.googo.etcd.core.lease.LeaseRevoke;
import io.googo.etcd.core.lease.LeaseTimeToLive;
import io.googo.etcd.core.txn.TxnResult;
import io.googo.etcd.core.watch.WatchEvent;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** etcdctl's simple output, line for line; values are written as raw bytes. */
public final class SimplePrinter extends StreamPrinter {

    private final boolean hex;

    public SimplePrinter(OutputStream out) {
        this(out, false);
    }

    /** With {@code hex}, keys and values as etcdctl's {@code --hex} prints them (HexBytes). */
    public SimplePrinter(OutputStream out, boolean hex) {
        super(out);
        this.hex = hex;
    }

    @Override
    public void put(PutResult r) {
        println("OK");
        if (r.prevKv() != null) {
            kv(r.prevKv(), false);
        }
    }

    @Override
    public void del(DeleteResult r) {
        println(Long.toString(r.deleted()));
        for (Kv kv : r.prevKvs()) {
            kv(kv, false);
        }
    }

    @Override
    public RangeSink get(GetView view) {
        return new RangeSink() {
            @Override
            public void begin(Header header, long count) {}

            @Override
            public void kv(Kv kv) {
                SimplePrinter.this.kv(kv, view.valueOnly());
            }

            @Override
            public void end(long count, boolean more) {
                if (view.countOnly()) {
                    println(Long.toString(count));
                }
            }
        };
    }

    /** etcdctl's: SUCCESS or FAILURE, then for each operation a blank line and what put/get/del print. */
    @Override
    public void txn(TxnResult r) {
        println(r.succeeded() ? "SUCCESS" : "FAILURE");
        txnOps(r, true);
    }

    /** etcdctl's: the type line, the previous pair (with --prev-kv), then the key and value lines. */
    @Override
    public void watchEvent(WatchEvent e) {
        if (e.isProgress()) {
            println("progress notify: " + e.revision());
            return;
        }
        println(e.type().name());
        if (e.prevKv() != null) {
            kv(e.prevKv(), false);
        }
        kv(e.kv(), false);
    }

    private void kv(Kv kv, boolean valueOnly) {
        if (!valueOnly) {
            write(hex ? HexBytes.escape(kv.key()) : kv.key());
            newline();
        }
        write(hex ? HexBytes.escape(kv.value()) : kv.value());
        newline();
    }

    @Override
    public void load(LoadSummary s) {
        println(String.format(
                java.util.Locale.ROOT,
                "loaded %d keys%s in %.2fs (%.0f keys/s)",
                s.loaded(),
                s.leases() > 0 ? " (" + s.leases() + (s.leases() == 1 ? " lease" : " leases") + ")" : "",
                s.seconds(),
                s.keysPerSecond()));
    }

    @Override
    public void configList(List<ProfileRow> rows) {
        for (ProfileRow r : rows) {
            println((r.current() ? "* " : "  ") + r.name());
        }
    }

    @Override
    public void version(VersionInfo v) {
        println("gooetcd version: " + v.clientVersion());
        println("API version: " + v.apiVersion());
        for (ServerVersion s : v.servers()) {
            println("server version: " + (s.version() != null ? s.version() : "unknown (" + s.error() + ")") + " ("
                    + s.endpoint() + ")");
        }
    }

    // ---- cluster administration: etcdctl 3.4's simple output ----------------------------------

    /** A row of etcdctl's member table: ID, status, name, peer URLs, client URLs, is-learner. */
    static String[] memberRow(MemberInfo m) {
        return new String[] {
            m.hexId(),
            m.started() ? "started" : "unstarted",
            m.name(),
            String.join(",", m.peerUrls()),
            String.join(",", m.clientUrls()),
            Boolean.toString(m.learner())
        };
    }

    /** A row of etcdctl's endpoint status table; a failed endpoint has only its error, in the last column. */
    static String[] statusRow(EndpointStatus s) {
        if (!s.ok()) {
            return new String[] {s.endpoint(), "", "", "", "", "", "", "", "", s.error()};
        }
        return new String[] {
            s.endpoint(),
            Long.toHexString(s.memberId()),
            s.version(),
            Humanize.bytes(s.dbSize()),
            Boolean.toString(s.isLeader()),
            Boolean.toString(s.learner()),
            Long.toString(s.raftTerm()),
            Long.toString(s.raftIndex()),
            Long.toString(s.raftAppliedIndex()),
            String.join(", ", s.errors())
        };
    }

    @Override
    public void memberList(MemberList r) {
        for (MemberInfo m : r.members()) {
            println(String.join(", ", memberRow(m)));
        }
    }

    @Override
    public void memberAdd(String name, MemberAdded r) {
        println("Member " + Humanize.hex16(r.member().id()) + " added to cluster "
                + Humanize.hex16(r.header().clusterId()));
        List<String> conf = new ArrayList<>();
        for (MemberInfo m : r.members()) {
            for (String u : m.peerUrls()) {
                conf.add((m.id() == r.member().id() ? name : m.name()) + "=" + u);
            }
        }
        println("");
        println("ETCD_NAME=" + quote(name));
        println("ETCD_INITIAL_CLUSTER=" + quote(String.join(",", conf)));
        println("ETCD_INITIAL_ADVERTISE_PEER_URLS="
                + quote(String.join(",", r.member().peerUrls())));
        println("ETCD_INITIAL_CLUSTER_STATE=\"existing\"");
    }

    private static String quote(String s) {
        return Text.goQuote(s.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void memberChanged(MemberChanged r) {
        println("Member " + Humanize.hex16(r.memberId()) + " " + r.change().words() + " cluster "
                + Humanize.hex16(r.header().clusterId()));
    }

    @Override
    public void endpointStatus(List<EndpointStatus> rows) {
        for (EndpointStatus s : rows) {
            println(String.join(", ", statusRow(s)));
        }
    }

    @Override
    public void endpointHealth(List<EndpointHealth> rows) {
        for (EndpointHealth h : rows) {
            if (h.healthy()) {
                println(h.endpoint() + " is healthy: successfully committed proposal: took = "
                        + Durations.format(h.took()));
            } else {
                println(h.endpoint() + " is unhealthy: failed to commit proposal: " + h.error());
            }
        }
    }

    @Override
    public void endpointHashKv(List<EndpointHash> rows) {
        for (EndpointHash h : rows) {
            println(h.ok() ? h.endpoint() + ", " + h.hash() : h.endpoint() + ", , " + h.error());
        }
    }

    @Override
    public void compaction(CompactResult r) {
        println("compacted revision " + r.revision());
    }

    @Override
    public void defrag(List<DefragResult> rows) {
        for (DefragResult d : rows) {
            if (d.ok()) {
                println("Finished defragmenting etcd member[" + d.endpoint() + "]");
            }
        }
    }

    @Override
    public void alarms(AlarmList r, boolean disarmed) {
        for (AlarmInfo a : r.alarms()) {
            println("memberID:" + Long.toUnsignedString(a.memberId()) + " alarm:" + a.type() + " ");
        }
    }

    @Override
    public void moveLeader(MoveLeaderResult r) {
        println("Leadership transferred from " + Long.toHexString(r.from()) + " to " + Long.toHexString(r.to()));
    }

    @Override
    public void snapshotSave(SnapshotResult r) {
        println("Snapshot saved at " + r.file());
    }

    @Override
    public void leaseGrant(LeaseGrant r) {
        println("lease " + r.hexId() + " granted with TTL(" + r.ttl() + "s)");
    }

    @Override
    public void leaseRevoke(LeaseRevoke r) {
        println("lease " + r.hexId() + " revoked");
    }

    @Override
    public void leaseTimeToLive(LeaseTimeToLive r) {
        if (r.expired()) {
            println("lease " + r.hexId() + " already expired");
            return;
        }
        print("lease " + r.hexId() + " granted with TTL(" + r.grantedTtl() + "s), remaining(" + r.ttl() + "s)");
        if (r.keys() != null) {
            print(", attached keys([");
            for (int i = 0; i < r.keys().size(); i++) {
                if (i > 0) {
                    print(" ");
                }
                write(r.keys().get(i));
            }
            print("])");
        }
        newline();
    }

    @Override
    public void leaseList(LeaseList r) {
        println("found " + r.ids().size() + " leases");
        for (long id : r.ids()) {
            println(LeaseIds.hex(id));
        }
    }

    @Override
    public void leaseKeepAlive(LeaseRenewal r) {
        println("lease " + r.hexId() + " keepalived with TTL(" + r.ttl() + ")");
    }

    /** {@code discover}: one line per instance, {@code ADDR lease=HEX revision=N metadata=JSON}. */
    @Override
    public void serviceList(io.googo.etcd.core.registry.ServiceList r) {
        for (var i : r.instances()) {
            println(i.addr() + " lease=" + io.googo.etcd.core.lease.LeaseIds.hex(i.lease()) + " revision="
                    + i.modRevision() + " metadata=" + i.metadata());
        }
    }

    /** {@code discover --watch}: {@code add ADDR lease=… revision=… metadata=…} or {@code remove ADDR revision=…}. */
    @Override
    public void serviceChange(io.googo.etcd.core.registry.ServiceChange c) {
        var i = c.instance();
        if (c.type() == io.googo.etcd.core.registry.ServiceChange.Type.ADD) {
            println("add " + i.addr() + " lease=" + io.googo.etcd.core.lease.LeaseIds.hex(i.lease()) + " revision="
                    + c.revision() + " metadata=" + i.metadata());
        } else {
            println("remove " + i.addr() + " revision=" + c.revision());
        }
    }
}
