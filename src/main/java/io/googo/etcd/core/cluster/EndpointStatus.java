package io.googo.etcd.core.cluster;

import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.kv.Header;
import java.time.Duration;
import java.util.List;

/**
 * One endpoint's answer to the status call, or the error that kept it from answering (then
 * every other field is zero or empty).
 *
 * @param endpoint         the endpoint asked
 * @param header           the answer's header; its member ID is the member behind the endpoint
 * @param version          the server version, e.g. {@code 3.4.23}
 * @param dbSize           size of the backend database in bytes, as allocated on disk
 * @param dbSizeInUse      bytes of it in use
 * @param leader           the member ID of the leader as this member knows it (0: none)
 * @param learner          whether this member is a learner
 * @param raftIndex        its raft log index
 * @param raftTerm         its raft term
 * @param raftAppliedIndex the index it has applied
 * @param errors           alarms and other errors the member reports about itself
 * @param took             how long the call took
 * @param error            why there is no answer; {@code null} when there is one
 * @param errorKind        the kind of that failure ({@code null} when there is an answer; SERVER when
 *                         {@code null} with an error): a member that
 *                         answered with a refusal (authentication failed) is not one that could not be reached
 */
public record EndpointStatus(
        String endpoint,
        Header header,
        String version,
        long dbSize,
        long dbSizeInUse,
        long leader,
        boolean learner,
        long raftIndex,
        long raftTerm,
        long raftAppliedIndex,
        List<String> errors,
        Duration took,
        String error,
        ErrorKind errorKind) {

    public EndpointStatus {
        errors = List.copyOf(errors);
        if (error != null && errorKind == null) {
            errorKind = ErrorKind.SERVER;
        }
    }

    /** This status as asked at {@code shownAs}, e.g. the endpoint as the user wrote it. */
    public EndpointStatus withEndpoint(String shownAs) {
        return new EndpointStatus(
                shownAs,
                header,
                version,
                dbSize,
                dbSizeInUse,
                leader,
                learner,
                raftIndex,
                raftTerm,
                raftAppliedIndex,
                errors,
                took,
                error,
                errorKind);
    }

    static EndpointStatus failed(String endpoint, Duration took, EtcdException e) {
        return new EndpointStatus(
                endpoint, Header.EMPTY, "", 0, 0, 0, false, 0, 0, 0, List.of(), took, e.getMessage(), e.kind());
    }

    public boolean ok() {
        return error == null;
    }

    /** The member ID behind the endpoint (0 when it did not answer). */
    public long memberId() {
        return header.memberId();
    }

    /** Whether the member behind the endpoint is the leader. */
    public boolean isLeader() {
        return ok() && leader != 0 && leader == header.memberId();
    }
}
