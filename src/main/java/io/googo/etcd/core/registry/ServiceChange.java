package io.googo.etcd.core.registry;

/**
 * An instance appeared or changed ({@link Type#ADD}, with {@code instance}), or went away ({@link Type#REMOVE};
 * {@code instance} then has the address taken from the key, null metadata and lease 0).
 */
public record ServiceChange(Type type, ServiceInstance instance, long revision) {
    public enum Type {
        ADD,
        REMOVE;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
