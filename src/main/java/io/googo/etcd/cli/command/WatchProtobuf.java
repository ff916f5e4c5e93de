package io.googo.etcd.cli.command;

import io.googo.etcd.cli.output.Printer;
import io.googo.etcd.cli.output.WatchProtobufPrinter;
import io.googo.etcd.core.client.EtcdClient;
import io.googo.etcd.core.cluster.ClusterAdmin;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * {@code watch -w protobuf}: the printer of {@link WatchCommand}, which rebuilds etcdctl's
 * {@code WatchResponse} messages from the watch's events. The header's cluster, member and raft term
 * are those of a {@code MemberList} answer (it needs no permission on any key), asked at the first
 * response; keys get the client's namespace back, as etcd sends them.
 */
final class WatchProtobuf {
    private WatchProtobuf() {}

    static Printer printer(Supplier<EtcdClient> client, OutputStream out) {
        return new WatchProtobufPrinter(
                out, () -> new ClusterAdmin(client.get()).memberList().header(), () -> namespace(client.get()));
    }

    private static byte[] namespace(EtcdClient client) {
        String ns = client.config().namespace();
        return ns == null ? new byte[0] : ns.getBytes(StandardCharsets.UTF_8);
    }
}
