package io.googo.etcd.core.watch;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.Event;
import io.etcd.jetcd.api.KeyValue;
import io.etcd.jetcd.api.ResponseHeader;
import io.etcd.jetcd.api.WatchResponse;
import io.googo.etcd.core.kv.Header;
import io.googo.etcd.core.kv.Kv;
import java.util.List;

/**
 * etcd's {@code WatchResponse} message rebuilt from {@link WatchEvent}s, as etcdctl 3.4's
 * {@code -w protobuf} writes each response it receives: the header, then the events (type, kv,
 * prev_kv); etcdctl leaves out {@code watch_id}, {@code cancel_reason} and {@code fragment}, and so
 * does this. The events of one revision arrive in one response when the watch is live, whose header
 * revision is that revision; the rest of the header (cluster, member, raft term) is not in the event
 * model and is the caller's.
 */
public final class WatchMessages {
    private WatchMessages() {}

    /**
     * The encoded response for {@code events} (all of one revision; none for a progress notification).
     *
     * @param header    cluster ID, member ID and raft term of the member that serves the watch (its
     *                  revision is not used)
     * @param revision  the header's revision: the events' revision, or the progress notification's
     * @param events    the changes, in order; empty for a progress notification
     * @param namespace the client's key prefix (empty for none): etcd's message has the keys with it
     * @return the encoded {@code etcdserverpb.WatchResponse}
     */
    public static byte[] response(Header header, long revision, List<WatchEvent> events, byte[] namespace) {
        WatchResponse.Builder r = WatchResponse.newBuilder()
                .setHeader(ResponseHeader.newBuilder()
                        .setClusterId(header.clusterId())
                        .setMemberId(header.memberId())
                        .setRevision(revision)
                        .setRaftTerm(header.raftTerm()));
        for (WatchEvent e : events) {
            if (e.isProgress()) {
                continue;
            }
            Event.Builder b = Event.newBuilder()
                    .setType(e.type() == WatchEvent.Type.DELETE ? Event.EventType.DELETE : Event.EventType.PUT)
                    .setKv(kv(e.kv(), namespace));
            if (e.prevKv() != null) {
                b.setPrevKv(kv(e.prevKv(), namespace));
            }
            r.addEvents(b);
        }
        return r.build().toByteArray();
    }

    private static KeyValue kv(Kv kv, byte[] namespace) {
        ByteString key = namespace.length == 0
                ? ByteString.copyFrom(kv.key())
                : ByteString.copyFrom(namespace).concat(ByteString.copyFrom(kv.key()));
        return KeyValue.newBuilder()
                .setKey(key)
                .setCreateRevision(kv.createRevision())
                .setModRevision(kv.modRevision())
                .setVersion(kv.version())
                .setValue(ByteString.copyFrom(kv.value()))
                .setLease(kv.lease())
                .build();
    }
}
