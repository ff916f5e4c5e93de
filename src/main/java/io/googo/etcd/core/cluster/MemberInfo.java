package io.googo.etcd.core.cluster;

import java.net.URI;
import java.util.List;

/**
 * One member of the cluster as the member list shows it. A member that was added but has not
 * started yet has no name and no client URLs.
 *
 * @param id         the member ID (an unsigned 64-bit value held in a long)
 * @param name       the member's name; empty while it has not started
 * @param peerUrls   the URLs the other members reach it at
 * @param clientUrls the URLs clients reach it at; empty while it has not started
 * @param learner    whether it is a non-voting learner
 */
public record MemberInfo(long id, String name, List<String> peerUrls, List<String> clientUrls, boolean learner) {
    public MemberInfo {
        name = name == null ? "" : name;
        peerUrls = List.copyOf(peerUrls);
        clientUrls = List.copyOf(clientUrls);
    }

    /** Whether it has started: etcd fills the name in when the member first joins. */
    public boolean started() {
        return !name.isEmpty();
    }

    /** The member ID as etcd's tools show it: lowercase hex without leading zeros. */
    public String hexId() {
        return Long.toHexString(id);
    }

    static MemberInfo of(io.etcd.jetcd.cluster.Member m) {
        return new MemberInfo(
                m.getId(),
                m.getName(),
                m.getPeerURIs().stream().map(URI::toString).toList(),
                m.getClientURIs().stream().map(URI::toString).toList(),
                m.isLearner());
    }

    static List<MemberInfo> of(List<io.etcd.jetcd.cluster.Member> members) {
        return members.stream().map(MemberInfo::of).toList();
    }
}
