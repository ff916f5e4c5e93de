package io.googo.etcd.core.client;

import java.io.FileInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Initialises, on a second thread, the library classes a key-value request is about to need
 * (gRPC, Netty and its HTTP/2 codec, protobuf, jetcd's stubs, the JDK's sockets), while the
 * calling thread is still busy with other work (the CLI's parse, the profile): on a machine with a
 * core to spare, the request then finds them ready. It only moves work: each class is initialised
 * once, by whichever thread comes first, as it would be anyway.
 *
 * <p>The list ({@link KvClasses}, which {@code bench/warmup-list.sh} makes) names the classes in the order a one-shot request first initialises them. {@link #finish()}, called
 * before the first client is made, stops the warm-up and waits for the class it is initialising,
 * so that the two threads never initialise classes at the same time. Start it only once the system
 * properties those classes read when they initialise are set (logging). A daemon thread, done or
 * stopped before the process exits.
 */
public final class ClassWarmup implements Runnable {
    private static volatile boolean stop;
    private static Thread thread;

    private ClassWarmup() {}

    /**
     * Starts the warm-up on a daemon thread, once per process; not where this process may use one
     * processor only, and it ends at once on a machine that is {@link #busy()} (there it would only
     * take turns with the caller's work).
     */
    public static synchronized void start() {
        if (thread != null || Runtime.getRuntime().availableProcessors() < 2) {
            return;
        }
        Thread t = new Thread(new ClassWarmup(), "gooetcd-warmup");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /**
     * Stops the warm-up, if one runs, and waits for the class it is initialising: from then on
     * only the caller's threads initialise classes.
     */
    public static void finish() {
        Thread t;
        synchronized (ClassWarmup.class) {
            t = thread;
        }
        if (t == null) {
            return;
        }
        stop = true;
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The classes the warm-up initialises, in order (for tests). */
    public static List<String> classes() {
        String text = KvClasses.NAMES;
        List<String> names = new ArrayList<>();
        for (int from = 0, to; from < text.length(); from = to + 1) {
            to = text.indexOf('\n', from);
            if (to < 0) {
                to = text.length();
            }
            if (to > from) {
                names.add(text.substring(from, to));
            }
        }
        return names;
    }

    /**
     * Whether the machine has no core to spare: a load average over the last minute of at least
     * twice its number of processors ({@code /proc/loadavg}; never busy where there is no such
     * file). There the warm-up would only take turns with the caller's work, at a small cost (on 2
     * cores it still shortened a one-shot at load averages up to 3.6, and no longer from 5 on:
     * docs/STARTUP.md).
     */
    static boolean busy() {
        byte[] b = new byte[16];
        int n;
        try (FileInputStream in = new FileInputStream("/proc/loadavg")) {
            n = in.read(b);
        } catch (IOException | RuntimeException e) {
            return false;
        }
        double load = 0;
        double scale = 0;
        for (int i = 0; i < n && b[i] != ' '; i++) {
            if (b[i] == '.') {
                scale = 1;
            } else if (b[i] >= '0' && b[i] <= '9') {
                load = load * 10 + (b[i] - '0');
                scale *= 10;
            } else {
                return false;
            }
        }
        return (scale > 0 ? load / scale : load) >= 2 * Runtime.getRuntime().availableProcessors();
    }

    @Override
    public void run() {
        // -Dgooetcd.warmup=on: whatever the load (tests)
        if (!"on".equals(System.getProperty("gooetcd.warmup")) && busy()) {
            return;
        }
        List<String> names = classes();
        ClassLoader loader = ClassWarmup.class.getClassLoader();
        for (String name : names) {
            if (stop) {
                return;
            }
            try {
                Class.forName(name, true, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // not in this build (or failing here as it would on first use): the request meets it itself
            }
        }
    }
}
