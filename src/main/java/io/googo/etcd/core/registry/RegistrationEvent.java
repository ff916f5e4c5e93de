package io.googo.etcd.core.registry;

import java.time.Instant;

/**
 * A state change of a {@link ServiceRegistrar}, as it reports one.
 *
 * @param lease  the lease of the registration concerned, 0 when none
 * @param reason why, one line; null for a plain success
 */
public record RegistrationEvent(
        Instant time, Type type, String service, String addr, String key, long lease, String reason) {
    public enum Type {
        REGISTERED("registered"),
        LEASE_LOST("lease-lost"),
        RE_REGISTERED("re-registered"),
        UNHEALTHY("unhealthy"),
        HEALTHY("healthy"),
        DEREGISTERED("deregistered");

        private final String label;

        Type(String label) {
            this.label = label;
        }

        /** The name in logs: {@code registered}, {@code lease-lost}, … */
        public String label() {
            return label;
        }
    }
}
