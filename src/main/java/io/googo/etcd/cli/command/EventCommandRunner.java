package io.googo.etcd.cli.command;

import io.googo.etcd.cli.output.Text;
import io.googo.etcd.core.client.EtcdClient;
import io.googo.etcd.core.watch.WatchEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code watch KEY -- COMMAND ARGS...}: runs COMMAND once per event and waits for it, with
 * {@code ETCD_WATCH_EVENT_TYPE}, {@code ETCD_WATCH_KEY}, {@code ETCD_WATCH_VALUE} and
 * {@code ETCD_WATCH_REVISION} set as etcdctl sets them. Its stdout and stderr go to ours under
 * the watch's print lock; a command that cannot start or fails is a warning, and the watch goes on.
 */
final class EventCommandRunner {
    private final List<String> command;
    private final Map<String, String> env;
    private final OutputStream stdout;
    private final PrintWriter err;
    private final Object printLock;
    private final Consumer<String> warn;
    private final Runnable flush;
    private volatile boolean stopped;
    private volatile Process child;

    /**
     * @param env the environment the command inherits (ours)
     * @param printLock held while anything is written to {@code stdout} or {@code err}
     * @param warn prints a warning line
     * @param flush flushes the watch's printer, after the command's output
     */
    EventCommandRunner(
            List<String> command,
            Map<String, String> env,
            OutputStream stdout,
            PrintWriter err,
            Object printLock,
            Consumer<String> warn,
            Runnable flush) {
        this.command = command;
        this.env = env;
        this.stdout = stdout;
        this.err = err;
        this.printLock = printLock;
        this.warn = warn;
        this.flush = flush;
    }

    /** Ends the running command, if any; no later one fails loudly. */
    void stop() {
        stopped = true;
        Process p = child;
        if (p != null) {
            p.destroy();
        }
    }

    /** Runs the command for one event and waits for it; its output goes to ours. */
    void run(WatchEvent ev) throws InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.clear();
        env.putAll(this.env);
        // as etcdctl sets them: Go's %q of the type, key and value ("PUT", "k", "a b\"c"), %d of the revision
        env.put("ETCD_WATCH_EVENT_TYPE", "\"" + ev.type().name() + "\"");
        env.put("ETCD_WATCH_KEY", Text.goQuote(ev.kv().key()));
        env.put("ETCD_WATCH_VALUE", Text.goQuote(ev.kv().value()));
        env.put("ETCD_WATCH_REVISION", Long.toString(ev.revision()));
        String what = ev.type() + " " + EtcdClient.printable(ev.kv().key()) + " at revision " + ev.revision();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            warn.accept("cannot run " + quoted() + " for " + what + ": " + e.getMessage() + "; the watch goes on");
            return;
        }
        child = p;
        if (stopped) {
            p.destroy();
        }
        try {
            p.getOutputStream().close();
        } catch (IOException ignored) {
            // the command does not read its input
        }
        Thread out = pump(p.getInputStream(), stdout, null);
        Thread err = pump(p.getErrorStream(), null, this.err);
        int rc = p.waitFor();
        out.join(TimeUnit.SECONDS.toMillis(5));
        err.join(TimeUnit.SECONDS.toMillis(5));
        child = null;
        flush.run();
        if (rc != 0 && !stopped) {
            warn.accept(quoted() + " exited with code " + rc + " for " + what + "; the watch goes on");
        }
    }

    private String quoted() {
        return "command '" + String.join(" ", command) + "'";
    }

    private Thread pump(InputStream in, OutputStream toOut, PrintWriter toErr) {
        Thread t = new Thread(
                () -> {
                    byte[] buf = new byte[8192];
                    try (in) {
                        int n;
                        while ((n = in.read(buf)) > 0) {
                            synchronized (printLock) {
                                if (toOut != null) {
                                    toOut.write(buf, 0, n);
                                } else {
                                    toErr.print(new String(buf, 0, n, StandardCharsets.UTF_8));
                                    toErr.flush();
                                }
                            }
                        }
                    } catch (IOException ignored) {
                        // the command went away, or our stdout did
                    }
                },
                "gooetcd-watch-exec-io");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
