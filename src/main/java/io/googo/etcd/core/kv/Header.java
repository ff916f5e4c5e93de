package io.googo.etcd.core.kv;

/** The response header every etcd reply carries. IDs are unsigned 64-bit values held in a long. */
public record Header(long clusterId, long memberId, long revision, long raftTerm) {
    public static final Header EMPTY = new Header(0, 0, 0, 0);

    public static Header of(io.etcd.jetcd.Response.Header h) {
        return h == null ? EMPTY : new Header(h.getClusterId(), h.getMemberId(), h.getRevision(), h.getRaftTerm());
    }
}
