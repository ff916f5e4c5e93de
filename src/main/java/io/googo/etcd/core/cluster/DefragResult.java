package io.googo.etcd.core.cluster;

/** One member's defragmentation: {@code error} is {@code null} when it finished. */
public record DefragResult(String endpoint, String error) {
    public boolean ok() {
        return error == null;
    }
}
