package io.googo.etcd.core.client;

import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.config.Durations;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The wait for a client's connection, before its first request is sent, so that the request's
 * own deadline covers the request and not the client's start-up.
 *
 * <p>The phases and their bounds: the TCP connect is bounded by Netty's connect timeout (the dial
 * timeout); a refused or timed-out connect puts the channel in TRANSIENT_FAILURE, and the request
 * then fails at once with the real cause (the caller retries it until the dial timeout). The TLS
 * and HTTP/2 handshakes that follow are bounded here, by the command timeout, as the request
 * would have been: a server that accepts TCP but never speaks (a paused etcd) fails in that time,
 * with a message that says what was waited for. Only time the server could have used counts:
 * the time the threads doing the connecting spent runnable but without a CPU (Linux's per-thread
 * {@code schedstat} run-queue delay, summed: {@link #runDelays}) is not counted, under a hard
 * ceiling of wall time ({@link #ceiling}), so a starved machine does not turn into "cannot
 * connect" while the server is fine. The same goes for a server on this machine (a loopback
 * endpoint's listening process, {@link LocalServer}): time in which it wanted a CPU and did not get
 * one is not counted against it ({@link ServerWait}); a paused or hung server is not excused.
 */
final class ConnectPhase {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long LOOK_FOR_SERVER_NANOS = TimeUnit.SECONDS.toNanos(1);

    ConnectPhase() {}

    /**
     * Waits until {@code channel} is READY, or has failed (TRANSIENT_FAILURE, SHUTDOWN: the request
     * will say why), at most the command timeout of unstarved time counted from {@code startNanos}.
     *
     * @return whether the channel is READY (the server has spoken HTTP/2)
     * @throws EtcdException CONNECTION when the time runs out, naming what was waited for;
     *                       INTERRUPTED when the thread is interrupted
     */
    boolean awaitReady(ManagedChannel channel, long startNanos, EtcdClient client, String what) {
        long timeout = client.config().requestTimeout().toNanos();
        long ceiling = startNanos + ceiling(timeout);
        java.util.Map<Long, Long> delays0 = runDelays();
        long lookForServer = Math.min(LOOK_FOR_SERVER_NANOS, timeout / 2);
        ServerWait server = null;
        ConnectivityState s = channel.getState(true);
        while (true) {
            if (s == ConnectivityState.READY) {
                return true;
            }
            if (s == ConnectivityState.TRANSIENT_FAILURE || s == ConnectivityState.SHUTDOWN) {
                return false;
            }
            long now = System.nanoTime();
            long wall = now - startNanos;
            if (server == null && wall >= lookForServer) {
                server = new ServerWait(LocalServer.of(client.endpoints()), now);
            }
            long ours = starvedSince(delays0);
            long theirs = server == null ? 0 : server.starved(now);
            long starved = Math.min(wall, Math.max(ours, theirs));
            long effective = wall - starved;
            if (effective >= timeout || now - ceiling >= 0) {
                throw notReady(client, what, starved, now - ceiling >= 0 ? wall : 0, theirs > ours);
            }
            CountDownLatch changed = new CountDownLatch(1);
            channel.notifyWhenStateChanged(s, changed::countDown);
            try {
                changed.await(Math.max(1, Math.min(POLL_NANOS, timeout - effective)), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EtcdException(ErrorKind.INTERRUPTED, what + ": interrupted", e);
            }
            s = channel.getState(false);
        }
    }

    /**
     * The local servers of a client's loopback endpoints (a local etcd, {@link LocalServer}), looked
     * at on every turn of the wait: an interval in which one of them had a runnable thread but got
     * less than half the interval's time on a CPU counts as time the server was starved (an
     * overloaded machine, or a CPU quota), not held against it. A paused or hung server has no
     * runnable thread; a server spinning on a CPU gets it: neither is excused. Looked for only once a
     * wait has lasted {@link #LOOK_FOR_SERVER_NANOS} (or half the timeout): finding it reads {@code
     * /proc}.
     */
    private static final class ServerWait {
        private final List<LocalServer> servers;
        private final LocalServer.Sample[] last;
        private final long[] starved;
        private long lastNanos;

        ServerWait(List<LocalServer> servers, long now) {
            this.servers = servers;
            this.last = new LocalServer.Sample[servers.size()];
            this.starved = new long[servers.size()];
            for (int i = 0; i < last.length; i++) {
                last[i] = servers.get(i).sample();
            }
            this.lastNanos = now;
        }

        /** The most time any of the servers was starved since it was found. */
        long starved(long now) {
            long interval = now - lastNanos;
            long most = 0;
            for (int i = 0; i < last.length; i++) {
                LocalServer.Sample s = last[i] == null ? null : servers.get(i).sample();
                if (s != null && interval > 0) {
                    boolean wanted = last[i].runnable() || s.runnable();
                    if (wanted && s.cpuNanos() - last[i].cpuNanos() < interval / 2) {
                        starved[i] += interval;
                    }
                }
                last[i] = s;
                most = Math.max(most, starved[i]);
            }
            lastNanos = now;
            return most;
        }
    }

    /** The hard limit of wall time for the wait, however starved this process is. */
    static long ceiling(long timeoutNanos) {
        return Math.max(10 * timeoutNanos, timeoutNanos + TimeUnit.SECONDS.toNanos(30));
    }

    /**
     * The run-queue delay this process's threads have had since {@code then}, summed: time a thread
     * was ready to work (connecting: loading classes, the TLS and HTTP/2 handshakes, on the event
     * loop and the threads it waits for) but had no CPU. Threads waiting for the server are not
     * runnable and add nothing, so a hung server is not excused by a busy machine.
     */
    static long starvedSince(java.util.Map<Long, Long> then) {
        long sum = 0;
        for (var e : runDelays().entrySet()) {
            sum += Math.max(0, e.getValue() - then.getOrDefault(e.getKey(), 0L));
        }
        return sum;
    }

    /**
     * The run-queue delay so far (Linux {@code /proc/self/task/TID/schedstat}) of each thread that
     * does a connection's work: Vert.x's event loops and the key-value transport's ({@code grpc-kv},
     * see {@link DirectTransport}: Netty's I/O, TLS, HTTP/2), gRPC's and jetcd's executors, and the
     * calling thread, which starts the channel (gRPC builds its resolver, balancer and transport on
     * it, loading their classes: on a starved machine seconds of waiting for a CPU before the first
     * byte goes out); empty where this cannot be read. Other threads are left out: an
     * application's own work excuses nothing.
     */
    static java.util.Map<Long, Long> runDelays() {
        java.util.Map<Long, Long> out = new java.util.HashMap<>();
        String self = callingThread();
        try (var tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path t : tasks) {
                try {
                    String name = t.getFileName().toString();
                    if (!name.equals(self) && !connectionThread(t)) {
                        continue;
                    }
                    long tid = Long.parseLong(name);
                    long d = runDelay(tid);
                    if (d >= 0) {
                        out.put(tid, d);
                    }
                } catch (NumberFormatException ignored) {
                    // not a thread
                }
            }
        } catch (IOException | RuntimeException e) {
            // no discount where this cannot be read
        }
        return out;
    }

    private EtcdException notReady(
            EtcdClient client, String what, long starvedNanos, long gaveUpAfterNanos, boolean server) {
        String waited = probe(client.endpoints(), client.config().dialTimeout());
        String who = server ? "the local server" : "this process";
        String starved = "";
        if (gaveUpAfterNanos > 0) {
            starved = " (gave up after " + millis(gaveUpAfterNanos) + ", of which " + who + " spent "
                    + millis(starvedNanos) + " waiting for a CPU: the machine is overloaded)";
        } else if (starvedNanos >= TimeUnit.MILLISECONDS.toNanos(100)) {
            starved = " (not counting " + millis(starvedNanos) + " " + who + " spent waiting for a CPU)";
        }
        return new EtcdException(
                ErrorKind.CONNECTION,
                what + ": cannot connect to "
                        + String.join(",", client.endpoints()) + ": no answer within "
                        + Durations.format(client.config().requestTimeout()) + " (command timeout; dial timeout "
                        + Durations.format(client.config().dialTimeout()) + "): " + waited + starved);
    }

    private static String millis(long nanos) {
        return Durations.format(Duration.ofMillis(nanos / 1_000_000));
    }

    /** {@code endpoint} as a URI with a host ({@code host:port} without a scheme is http), or null. */
    static URI address(String endpoint) {
        try {
            URI u = URI.create(endpoint.contains("://") ? endpoint : "http://" + endpoint);
            return u.getHost() == null ? null : u;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The port an {@link #address} names, or etcd's client port 2379 when it names none. */
    static int port(URI address) {
        return address.getPort() >= 0 ? address.getPort() : 2379;
    }

    /** What the connection was waiting for, found by trying a plain TCP connection to each endpoint. */
    static String probe(List<String> endpoints, Duration dialTimeout) {
        int timeoutMs = (int) Math.max(50, Math.min(1000, dialTimeout.toMillis()));
        for (String ep : endpoints) {
            URI u = address(ep);
            if (u == null) {
                continue;
            }
            try (Socket sock = new Socket()) {
                sock.connect(new InetSocketAddress(u.getHost(), port(u)), timeoutMs);
                return "https".equalsIgnoreCase(u.getScheme())
                        ? "waited for the TLS and HTTP/2 handshake: the TCP connection was accepted, but the"
                                + " server did not complete them (is it paused or overloaded?)"
                        : "waited for the server's HTTP/2 answer: the TCP connection was accepted, but the server"
                                + " sent nothing (is it paused or overloaded?)";
            } catch (IOException e) {
                // not this one
            }
        }
        return "waited for a TCP connection, which none of the endpoints accepted";
    }

    /** The calling thread's id as {@code /proc/self/task} names it, or null. */
    private static String callingThread() {
        try {
            return Files.readSymbolicLink(Path.of("/proc/thread-self"))
                    .getFileName()
                    .toString();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static boolean connectionThread(Path task) {
        try {
            String comm = Files.readString(task.resolve("comm")).trim();
            return comm.startsWith("vert.x-eventloo") || comm.startsWith("grpc-") || comm.startsWith("jetcd-");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Nanoseconds thread {@code tid} of this process has spent runnable but waiting for a CPU, or -1. */
    static long runDelay(long tid) {
        if (tid < 0) {
            return -1;
        }
        try {
            String s = Files.readString(Path.of("/proc/self/task/" + tid + "/schedstat"))
                    .trim();
            String[] f = s.split(" ");
            return Long.parseLong(f[1]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
