package io.googo.etcd.core.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The processes of this machine that serve a client's loopback endpoints, found through Linux's
 * {@code /proc} (the listening socket's inode in {@code /proc/net/tcp[6]}, then the process that
 * holds it), and whether they want a CPU and get one.
 *
 * <p>{@link ConnectPhase} uses it so that a local etcd starved by an overloaded machine (runnable,
 * but without a CPU) is not reported as unable to answer; a paused or hung one is not runnable and
 * is not excused. Where {@code /proc} cannot be read, or the server runs as another user or in
 * another container, nothing is found and nothing is excused.
 */
final class LocalServer {
    private static final String LISTEN = "0A";
    /** Linux's USER_HZ, the unit of CPU times in {@code /proc}: 100 on every architecture Java runs on. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private final long pid;

    private LocalServer(long pid) {
        this.pid = pid;
    }

    /** The process id. */
    long pid() {
        return pid;
    }

    /**
     * The processes other than this one that listen on the port of a loopback endpoint among
     * {@code endpoints}; empty when there is none or it cannot be told.
     */
    static List<LocalServer> of(List<String> endpoints) {
        Set<Integer> ports = new HashSet<>();
        for (String ep : endpoints) {
            int port = loopbackPort(ep);
            if (port > 0) {
                ports.add(port);
            }
        }
        if (ports.isEmpty()) {
            return List.of();
        }
        Set<String> sockets = new HashSet<>();
        listeningInodes(Path.of("/proc/net/tcp"), ports, sockets);
        listeningInodes(Path.of("/proc/net/tcp6"), ports, sockets);
        if (sockets.isEmpty()) {
            return List.of();
        }
        long self = ProcessHandle.current().pid();
        List<LocalServer> out = new ArrayList<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path proc : procs) {
                long pid;
                try {
                    pid = Long.parseLong(proc.getFileName().toString());
                } catch (NumberFormatException e) {
                    continue;
                }
                if (pid != self && holdsAny(proc, sockets)) {
                    out.add(new LocalServer(pid));
                }
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        return out;
    }

    /** One look at the process: whether a thread of it is runnable, and the CPU time it has had. */
    record Sample(boolean runnable, long cpuNanos) {}

    /**
     * Whether one of the process's threads is runnable (running, or waiting for a CPU) and the CPU
     * time all of them have had (Linux {@code /proc/PID/task/TID/stat}, at clock-tick resolution),
     * or null when it cannot be read (the process is gone).
     */
    Sample sample() {
        boolean runnable = false;
        long ticks = 0;
        boolean any = false;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
            for (Path t : tasks) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    // pid (comm) state ppid ...: the fields after the command's closing parenthesis
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    runnable |= f[0].equals("R");
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
                    any = true;
                } catch (IOException | RuntimeException e) {
                    // a thread that ended meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return any ? new Sample(runnable, ticks * NANOS_PER_TICK) : null;
    }

    /** The port of {@code endpoint} when its host is a loopback address, else -1. */
    static int loopbackPort(String endpoint) {
        URI u = ConnectPhase.address(endpoint);
        if (u == null) {
            return -1;
        }
        String host = u.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        boolean loopback = host.equalsIgnoreCase("localhost");
        if (!loopback && (host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9')))) {
            try {
                // a literal address: no name lookup
                loopback = InetAddress.getByName(host).isLoopbackAddress();
            } catch (UnknownHostException | SecurityException e) {
                return -1;
            }
        }
        if (!loopback) {
            return -1;
        }
        return ConnectPhase.port(u);
    }

    /** Adds to {@code out} the socket inodes of {@code table}'s listening sockets on {@code ports}. */
    private static void listeningInodes(Path table, Set<Integer> ports, Set<String> out) {
        List<String> lines;
        try {
            lines = Files.readAllLines(table);
        } catch (IOException | RuntimeException e) {
            return;
        }
        for (int i = 1; i < lines.size(); i++) {
            // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
            String[] f = lines.get(i).trim().split("\\s+");
            if (f.length < 10 || !LISTEN.equals(f[3].toUpperCase(Locale.ROOT))) {
                continue;
            }
            int colon = f[1].lastIndexOf(':');
            try {
                int port = Integer.parseInt(f[1].substring(colon + 1), 16);
                if (ports.contains(port) && !"0".equals(f[9])) {
                    out.add("socket:[" + f[9] + "]");
                }
            } catch (RuntimeException e) {
                // not a row of the table
            }
        }
    }

    private static boolean holdsAny(Path proc, Set<String> sockets) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
            for (Path fd : fds) {
                try {
                    if (sockets.contains(Files.readSymbolicLink(fd).toString())) {
                        return true;
                    }
                } catch (IOException | RuntimeException e) {
                    // closed meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            // another user's process, or gone
        }
        return false;
    }
}
