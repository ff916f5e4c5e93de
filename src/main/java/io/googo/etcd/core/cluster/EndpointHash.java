package io.googo.etcd.core.cluster;

import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.kv.Header;

/**
 * One endpoint's hash of its key-value store up to a revision, or the error that kept it from
 * answering. Members that agree on the history agree on the hash.
 *
 * @param endpoint        the endpoint asked
 * @param header          the answer's header
 * @param hash            the hash (an unsigned 32-bit value)
 * @param compactRevision the revision of the last compaction (-1: none)
 * @param error           why there is no answer; {@code null} when there is one
 * @param errorKind       the kind of that failure ({@code null} when there is an answer)
 */
public record EndpointHash(
        String endpoint, Header header, long hash, long compactRevision, String error, ErrorKind errorKind) {
    public EndpointHash {
        if (error != null && errorKind == null) {
            errorKind = ErrorKind.SERVER;
        }
    }

    /** A hash whose failure, if any, is of kind SERVER. */
    public EndpointHash(String endpoint, Header header, long hash, long compactRevision, String error) {
        this(endpoint, header, hash, compactRevision, error, null);
    }

    public boolean ok() {
        return error == null;
    }
}
