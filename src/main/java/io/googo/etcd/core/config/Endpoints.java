package io.googo.etcd.core.config;

import io.googo.etcd.core.EtcdException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Endpoint parsing: {@code host:port}, {@code http://host:port}, {@code https://host:port}, as etcdctl accepts. */
public final class Endpoints {
    private Endpoints() {}

    /** Splits a comma-separated list and normalizes each entry. */
    public static List<String> parseList(String csv, String what) {
        List<String> out = new ArrayList<>();
        for (String part : csv.split(",")) {
            if (!part.isBlank()) {
                out.add(normalize(part.trim(), what));
            }
        }
        if (out.isEmpty()) {
            throw EtcdException.invalid(what + ": no endpoint given");
        }
        return List.copyOf(out);
    }

    /** Returns {@code http://host:port} or {@code https://host:port}. */
    public static String normalize(String endpoint, String what) {
        String e = endpoint.trim();
        String shown = shown(endpoint);
        String lower = e.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            if (e.contains("://")) {
                throw EtcdException.invalid(what + ": endpoint '" + shown
                        + "' has an unsupported scheme; use host:port, http:// or https://");
            }
            e = "http://" + e;
        }
        URI uri;
        try {
            uri = new URI(e);
        } catch (URISyntaxException ex) {
            throw EtcdException.invalid(what + ": bad endpoint '" + shown + "'");
        }
        if (uri.getHost() == null || uri.getPort() <= 0 || uri.getPort() > 65535) {
            throw EtcdException.invalid(
                    what + ": bad endpoint '" + shown + "'; expected host:port, e.g. 127.0.0.1:2379");
        }
        if ((uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/"))
                || uri.getQuery() != null
                || uri.getUserInfo() != null) {
            throw EtcdException.invalid(
                    what + ": bad endpoint '" + shown + "'; expected scheme://host:port with nothing after the port");
        }
        String host = uri.getHost();
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + host + ":" + uri.getPort();
    }

    /** The endpoint for an error message: a {@code user:password@} part is not shown. */
    private static String shown(String endpoint) {
        return endpoint.replaceAll("(^\\s*|//)[^/@]*@", "$1REDACTED@");
    }

    public static boolean isTls(String normalized) {
        return normalized.startsWith("https://");
    }
}
