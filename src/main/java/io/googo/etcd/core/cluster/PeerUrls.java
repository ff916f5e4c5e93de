package io.googo.etcd.core.cluster;

import io.googo.etcd.core.EtcdException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Peer URLs as etcd accepts them: {@code http|https|unix|unixs://host:port}, nothing after the port. */
public final class PeerUrls {
    private PeerUrls() {}

    /** Splits a comma-separated list and checks each URL. */
    public static List<URI> parseList(String csv) {
        List<String> parts = new ArrayList<>();
        for (String p : csv.split(",", -1)) {
            if (!p.isBlank()) {
                parts.add(p.trim());
            }
        }
        return parse(parts);
    }

    /**
     * Checks each URL as etcd would.
     *
     * @throws EtcdException INVALID_INPUT naming the URL that is wrong and why
     */
    public static List<URI> parse(List<String> urls) {
        if (urls == null || urls.isEmpty()) {
            throw EtcdException.invalid("peer URLs: none given; expecting e.g. http://10.0.0.4:2380");
        }
        List<URI> out = new ArrayList<>();
        for (String raw : urls) {
            String u = raw == null ? "" : raw.trim();
            URI uri;
            try {
                uri = new URI(u);
            } catch (URISyntaxException e) {
                throw EtcdException.invalid("peer URL '" + u + "' is not a URL: " + e.getReason());
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!List.of("http", "https", "unix", "unixs").contains(scheme)) {
                throw EtcdException.invalid("peer URL '" + u + "': scheme must be http, https, unix or unixs");
            }
            if (uri.getHost() == null || uri.getPort() < 0 || uri.getPort() > 65535) {
                throw EtcdException.invalid("peer URL '" + u + "' does not have the form scheme://host:port");
            }
            if (uri.getRawPath() != null && !uri.getRawPath().isEmpty()
                    || uri.getRawQuery() != null
                    || uri.getRawFragment() != null
                    || uri.getRawUserInfo() != null) {
                throw EtcdException.invalid("peer URL '" + u + "' must have nothing after the port");
            }
            out.add(uri);
        }
        return List.copyOf(out);
    }
}
