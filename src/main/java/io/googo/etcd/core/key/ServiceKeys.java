package io.googo.etcd.core.key;

import io.googo.etcd.core.EtcdException;

/**
 * The key layout of service registration (KEYS.md), etcd's gRPC naming layout: an instance of SERVICE
 * at ADDR is {@code PREFIX/SERVICE/ADDR}; {@code discover} reads {@code PREFIX/SERVICE/}.
 */
public final class ServiceKeys {
    public static final String DEFAULT_PREFIX = "services";

    private ServiceKeys() {}

    /** {@code PREFIX/SERVICE/}, after checking both (a trailing {@code /} of PREFIX is dropped). */
    public static String servicePrefix(String prefix, String service) {
        return checkPrefix(prefix) + "/" + KeyNames.checkSegment(service, "service name") + "/";
    }

    /** {@code PREFIX/SERVICE/ADDR}, after checking all three. */
    public static String instanceKey(String prefix, String service, String addr) {
        return servicePrefix(prefix, service) + checkAddress(addr);
    }

    /**
     * An instance address: a path-like name (KEYS.md) that does not start or end with {@code /} and has no
     * empty segment, so that {@code PREFIX/SERVICE/ADDR} parses back to the same ADDR.
     */
    public static String checkAddress(String addr) {
        KeyNames.checkPath(addr, "address");
        if (addr.startsWith("/") || addr.endsWith("/") || addr.contains("//")) {
            throw EtcdException.invalid(
                    "address '" + KeyNames.printable(addr) + "' must not start or end with '/' nor contain '//'");
        }
        return addr;
    }

    /** A key prefix: a path-like name; trailing slashes are dropped. */
    public static String checkPrefix(String prefix) {
        KeyNames.checkPath(prefix, "prefix");
        String p = prefix;
        while (p.endsWith("/") && p.length() > 1) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.equals("/")) {
            throw EtcdException.invalid("prefix must not be '/' alone");
        }
        return p;
    }
}
