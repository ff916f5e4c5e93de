package io.googo.etcd.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Hands out TCP ports on 127.0.0.1 that were free a moment ago (bind port 0, read the port, close).
 *
 * <p>A port is never handed out twice in one JVM. Another program may still take it before etcd binds
 * it; {@link EtcdProcess} and {@link EtcdCluster} retry with fresh ports when that happens.
 */
public final class FreePorts {

    /** The only address the kit ever listens on or connects to. */
    public static final String LOOPBACK = "127.0.0.1";

    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private FreePorts() {}

    /** A port on 127.0.0.1 that was free when this method returned. */
    public static synchronized int next() {
        IOException last = null;
        for (int attempt = 0; attempt < 200; attempt++) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress(loopback(), 0), 1);
                int port = socket.getLocalPort();
                if (HANDED_OUT.add(port)) {
                    return port;
                }
            } catch (IOException e) {
                last = e;
            }
        }
        throw new UncheckedIOException(
                "no free port on " + LOOPBACK,
                last != null ? last : new IOException("every port offered was already handed out"));
    }

    static InetAddress loopback() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
