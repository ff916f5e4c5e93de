package io.googo.etcd.core.kv;

import io.etcd.jetcd.KeyValue;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** One key-value pair as stored by etcd. Keys and values are raw bytes. */
public record Kv(byte[] key, byte[] value, long createRevision, long modRevision, long version, long lease) {

    public static Kv of(KeyValue kv) {
        return new Kv(
                kv.getKey().getBytes(),
                kv.getValue().getBytes(),
                kv.getCreateRevision(),
                kv.getModRevision(),
                kv.getVersion(),
                kv.getLease());
    }

    public String keyString() {
        return new String(key, StandardCharsets.UTF_8);
    }

    public String valueString() {
        return new String(value, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Kv k
                && Arrays.equals(key, k.key)
                && Arrays.equals(value, k.value)
                && createRevision == k.createRevision
                && modRevision == k.modRevision
                && version == k.version
                && lease == k.lease;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key) * 31 + Long.hashCode(modRevision);
    }

    @Override
    public String toString() {
        return "Kv{key=" + keyString() + ", createRevision=" + createRevision + ", modRevision=" + modRevision
                + ", version=" + version + ", lease=" + Long.toHexString(lease) + "}";
    }
}
