package io.googo.etcd.core.config;

import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.EtcdException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Endpoints from DNS SRV records, as etcdctl's {@code --discovery-srv DOMAIN} finds them: the records of
 * {@code _etcd-client-ssl._tcp.DOMAIN} become {@code https://target:port}, those of
 * {@code _etcd-client._tcp.DOMAIN} {@code http://target:port} (with {@code --discovery-srv-name NAME} the
 * services are {@code etcd-client-ssl-NAME} and {@code etcd-client-NAME}). The lookup fails only when
 * both queries fail; without insecure discovery the http endpoints are dropped.
 */
public final class SrvDiscovery {

    /** One SRV record: the target host and port. */
    public record SrvRecord(String target, int port) {}

    /** Looks up the SRV records of one name; the seam that keeps DNS out of the tests of the logic. */
    @FunctionalInterface
    public interface SrvLookup {
        /**
         * The records of {@code name}, e.g. {@code _etcd-client._tcp.example.com}.
         *
         * @param name    the full SRV name
         * @param timeout how long the lookup may take
         * @return its records, possibly none
         * @throws IOException when the name cannot be looked up
         */
        List<SrvRecord> lookup(String name, Duration timeout) throws IOException;
    }

    private SrvDiscovery() {}

    /**
     * The endpoints the SRV records of {@code domain} describe, https ones first.
     *
     * @param lookup      the DNS lookup
     * @param domain      the domain ({@code --discovery-srv})
     * @param serviceName the service name ({@code --discovery-srv-name}), or null or empty
     * @param insecure    whether http endpoints are kept ({@code --insecure-discovery}, etcdctl's default true)
     * @param timeout     the deadline of each lookup
     * @return the endpoints, possibly empty
     * @throws EtcdException of kind {@link ErrorKind#CONNECTION} when both lookups fail
     */
    public static List<String> endpoints(
            SrvLookup lookup, String domain, String serviceName, boolean insecure, Duration timeout) {
        Objects.requireNonNull(lookup, "lookup");
        String d = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        List<String> out = new ArrayList<>();
        String errHttps = add(lookup, srvName("etcd-client-ssl", serviceName, d), "https", timeout, out);
        List<String> http = new ArrayList<>();
        String errHttp = add(lookup, srvName("etcd-client", serviceName, d), "http", timeout, http);
        if (errHttps != null && errHttp != null) {
            throw new EtcdException(
                    ErrorKind.CONNECTION,
                    "--discovery-srv " + domain + ": DNS lookup failed: " + errHttps + " and " + errHttp);
        }
        if (insecure) {
            out.addAll(http);
        }
        return List.copyOf(out);
    }

    /** {@code _SERVICE[-NAME]._tcp.DOMAIN}. */
    static String srvName(String service, String serviceName, String domain) {
        String s = serviceName == null || serviceName.isEmpty() ? service : service + "-" + serviceName;
        return "_" + s + "._tcp." + domain;
    }

    private static String add(SrvLookup lookup, String name, String scheme, Duration timeout, List<String> out) {
        try {
            for (SrvRecord r : lookup.lookup(name, timeout)) {
                String host = r.target().endsWith(".")
                        ? r.target().substring(0, r.target().length() - 1)
                        : r.target();
                if (host.contains(":")) {
                    host = "[" + host + "]";
                }
                out.add(scheme + "://" + host + ":" + r.port());
            }
            return null;
        } catch (IOException | RuntimeException ex) {
            return "lookup " + name + ": "
                    + (ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage());
        }
    }
}
