package io.googo.etcd.core.cluster;

import io.googo.etcd.core.kv.Header;
import java.util.List;

/** The member list, as the answering member knows it. */
public record MemberList(Header header, List<MemberInfo> members) {
    public MemberList {
        members = List.copyOf(members);
    }
}
