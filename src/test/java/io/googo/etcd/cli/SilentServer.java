package io.googo.etcd.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A "hung" server on 127.0.0.1: it accepts TCP connections and never sends a byte, as an etcd whose
 * process is wedged would. Counts the connections it accepted.
 */
final class SilentServer implements AutoCloseable {
    private final ServerSocket socket;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    SilentServer() {
        try {
            socket = new ServerSocket();
            socket.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor = new Thread(
                () -> {
                    while (!socket.isClosed()) {
                        try {
                            accepted.add(socket.accept()); // held open, never read nor written
                        } catch (IOException e) {
                            return;
                        }
                    }
                },
                "silent-server-" + socket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    int connections() {
        return accepted.size();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : accepted) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /** A loopback endpoint where nothing listens: a port that was bound a moment ago and closed. */
    static String closedEndpoint() {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 1);
            return "http://127.0.0.1:" + s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
