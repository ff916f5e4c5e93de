package io.googo.etcd.core.cluster;

import io.googo.etcd.core.ErrorKind;

/**
 * One member's defragmentation: {@code error} is {@code null} when it finished, else
 * {@code errorKind} says what kind of failure it was.
 */
public record DefragResult(String endpoint, String error, ErrorKind errorKind) {
    public DefragResult {
        if (error != null && errorKind == null) {
            errorKind = ErrorKind.SERVER;
        }
    }

    /** A result whose failure, if any, is of kind SERVER. */
    public DefragResult(String endpoint, String error) {
        this(endpoint, error, null);
    }

    public boolean ok() {
        return error == null;
    }
}
