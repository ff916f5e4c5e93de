package io.googo.etcd.core.cluster;

import io.googo.etcd.core.kv.Header;
import java.util.List;

/** What {@code member remove}, {@code update} or {@code promote} did, and the member list after it. */
public record MemberChanged(Change change, long memberId, Header header, List<MemberInfo> members) {
    /** The kind of change, with the words etcdctl prints for it. */
    public enum Change {
        REMOVED("removed from"),
        UPDATED("updated in"),
        PROMOTED("promoted in");

        private final String words;

        Change(String words) {
            this.words = words;
        }

        /** "removed from", "updated in", "promoted in": {@code Member X <words> cluster Y}. */
        public String words() {
            return words;
        }
    }

    public MemberChanged {
        members = List.copyOf(members);
    }
}
