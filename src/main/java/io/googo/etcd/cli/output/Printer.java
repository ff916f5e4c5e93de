package io.googo.etcd.cli.output;

import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.cluster.AlarmList;
import io.googo.etcd.core.cluster.CompactResult;
import io.googo.etcd.core.cluster.DefragResult;
import io.googo.etcd.core.cluster.EndpointHash;
import io.googo.etcd.core.cluster.EndpointHealth;
import io.googo.etcd.core.cluster.EndpointStatus;
import io.googo.etcd.core.cluster.MemberAdded;
import io.googo.etcd.core.cluster.MemberChanged;
import io.googo.etcd.core.cluster.MemberList;
import io.googo.etcd.core.cluster.MoveLeaderResult;
import io.googo.etcd.core.cluster.SnapshotResult;
import io.googo.etcd.core.kv.DeleteResult;
import io.googo.etcd.core.kv.PutResult;
import io.googo.etcd.core.kv.RangeSink;
import io.googo.etcd.core.lease.LeaseGrant;
import io.googo.etcd.core.lease.LeaseList;
import io.googo.etcd.core.lease.LeaseRenewal;
import io.googo.etcd.core.lease.LeaseRevoke;
import io.googo.etcd.core.lease.LeaseTimeToLive;
import io.googo.etcd.core.txn.TxnResult;
import io.googo.etcd.core.watch.WatchEvent;
import java.util.List;

/**
 * Turns results into text in one output format: one method per result type, as etcdctl's
 * printers. A format that cannot print a result says so with an UNSUPPORTED error; commands
 * check {@link OutputFormat#choose} before they send anything, so that is a safety net.
 */
public interface Printer {

    /** How a range read is shown: etcdctl's {@code --print-value-only}, {@code --keys-only}, {@code --count-only}. */
    record GetView(boolean valueOnly, boolean keysOnly, boolean countOnly) {}

    /** One row of {@code config list}. */
    record ProfileRow(String name, boolean current, List<String> endpoints) {}

    /** What {@code version} found. */
    record VersionInfo(String clientVersion, String apiVersion, List<ServerVersion> servers) {}

    /** One endpoint's server version, or the error that kept us from reading it. */
    record ServerVersion(String endpoint, String version, String error) {}

    /** What {@code load} did. */
    record LoadSummary(long loaded, long leases, double seconds, double keysPerSecond) {}

    default void load(LoadSummary s) {
        throw unsupported("load");
    }

    default void put(PutResult r) {
        throw unsupported("put");
    }

    default void del(DeleteResult r) {
        throw unsupported("del");
    }

    /** A sink that prints a range as it streams in. */
    default RangeSink get(GetView view) {
        throw unsupported("get");
    }

    /** A transaction's outcome: SUCCESS/FAILURE, then each operation's result as put, get and del print it. */
    default void txn(TxnResult r) {
        throw unsupported("txn");
    }

    /** One watch event (or progress notification); streaming formats write one per line. */
    default void watchEvent(WatchEvent e) {
        throw unsupported("watch");
    }

    default void configList(List<ProfileRow> rows) {
        throw unsupported("config list");
    }

    default void version(VersionInfo v) {
        throw unsupported("version");
    }

    // ---- cluster administration (member, endpoint, maintenance) ---------------------------------

    default void memberList(MemberList r) {
        throw unsupported("member list");
    }

    /** {@code member add}; {@code name} is the name the new member will be started with. */
    default void memberAdd(String name, MemberAdded r) {
        throw unsupported("member add");
    }

    /** {@code member remove}, {@code update}, {@code promote}. */
    default void memberChanged(MemberChanged r) {
        throw unsupported("member " + r.change().name().toLowerCase(java.util.Locale.ROOT));
    }

    default void endpointStatus(List<EndpointStatus> rows) {
        throw unsupported("endpoint status");
    }

    default void endpointHealth(List<EndpointHealth> rows) {
        throw unsupported("endpoint health");
    }

    default void endpointHashKv(List<EndpointHash> rows) {
        throw unsupported("endpoint hashkv");
    }

    default void compaction(CompactResult r) {
        throw unsupported("compaction");
    }

    /** The members defragmented; failed ones are reported by the command's error. */
    default void defrag(List<DefragResult> rows) {
        throw unsupported("defrag");
    }

    /** {@code alarm list}, or with {@code disarmed} the alarms {@code alarm disarm} turned off. */
    default void alarms(AlarmList r, boolean disarmed) {
        throw unsupported(disarmed ? "alarm disarm" : "alarm list");
    }

    default void moveLeader(MoveLeaderResult r) {
        throw unsupported("move-leader");
    }

    default void snapshotSave(SnapshotResult r) {
        throw unsupported("snapshot save");
    }

    default void leaseGrant(LeaseGrant r) {
        throw unsupported("lease grant");
    }

    default void leaseRevoke(LeaseRevoke r) {
        throw unsupported("lease revoke");
    }

    default void leaseTimeToLive(LeaseTimeToLive r) {
        throw unsupported("lease timetolive");
    }

    default void leaseList(LeaseList r) {
        throw unsupported("lease list");
    }

    /** One renewal of {@code lease keep-alive}; streaming formats print one line (document) each. */
    default void leaseKeepAlive(LeaseRenewal r) {
        throw unsupported("lease keep-alive");
    }

    /** {@code discover}: the live instances of a service. */
    default void serviceList(io.googo.etcd.core.registry.ServiceList r) {
        throw unsupported("discover");
    }

    /** {@code discover --watch}: one add/remove; streaming formats print one line (document) each. */
    default void serviceChange(io.googo.etcd.core.registry.ServiceChange c) {
        throw unsupported("discover --watch");
    }

    /** Flushes what is buffered. */
    void flush();

    private EtcdException unsupported(String what) {
        return EtcdException.unsupported("'" + what + "' cannot print this format");
    }
}
