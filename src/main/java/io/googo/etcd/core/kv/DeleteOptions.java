package io.googo.etcd.core.kv;

/** Options of a delete, as etcdctl's {@code del} flags. */
public record DeleteOptions(byte[] rangeEnd, boolean prefix, boolean fromKey, boolean prevKv) {
    public static final DeleteOptions DEFAULT = new DeleteOptions(null, false, false, false);
}
