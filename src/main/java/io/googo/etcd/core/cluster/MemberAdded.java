package io.googo.etcd.core.cluster;

import io.googo.etcd.core.kv.Header;
import java.util.List;

/** What {@code member add} did: the new member (not started yet) and the member list after it. */
public record MemberAdded(Header header, MemberInfo member, List<MemberInfo> members) {
    public MemberAdded {
        members = List.copyOf(members);
    }
}
