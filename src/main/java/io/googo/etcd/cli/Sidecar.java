package io.googo.etcd.cli;

import io.googo.etcd.cli.output.RegistrationLog;
import io.googo.etcd.cli.output.StdoutClosedException;
import io.googo.etcd.core.client.EtcdClient;
import io.googo.etcd.core.registry.RegistrationEvent;
import io.googo.etcd.core.registry.ServiceRegistrar;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * The {@code register} sidecar runs for days, and picocli is needed only for its first second: the
 * command line is parsed and checked as for every command ({@link GooEtcd#run}, same usage errors,
 * help, profiles and exit codes), but by classes of a class loader of their own
 * ({@link ParseLoader}: picocli and the CLI's classes, read again from the jar). The command hands
 * back a {@link Run}, which holds only the library's objects; the loader is then dropped, its
 * ~400 classes unload at the next full collection, and their metadata is given back while the
 * sidecar runs. In-process (tests, {@code batch}) {@code register} runs the {@link Run} at once.
 */
public final class Sidecar {
    /** Classes of the CLI that both sides share (the hand-over, and stdout's closed signal). */
    private static final Set<String> SHARED = Set.of(Sidecar.class.getName(), StdoutClosedException.class.getName());

    /** Named as a string: a class literal would load it here too. */
    private static final String PARSE = "io.googo.etcd.cli.SidecarParse";

    /** Set while a {@link ParseLoader} parses: {@code register} then hands its {@link Run} over. */
    private static volatile boolean handing;

    private static volatile Run handed;

    private Sidecar() {}

    /**
     * True when {@code args} run {@code register} ({@link GooEtcd#commandWord}) in a process of its
     * own, without {@code --debug} (whose logging would hold the parsing classes). A wrong guess costs
     * memory, not behaviour: the command line is parsed the same way in either loader.
     */
    static boolean wanted(String[] args) {
        // a native image has no class files to load again
        return !List.of(args).contains("--debug")
                && "register".equals(GooEtcd.commandWord(args))
                && System.getProperty("org.graalvm.nativeimage.imagecode") == null
                && jar() != null;
    }

    private static URL jar() {
        var source = Sidecar.class.getProtectionDomain().getCodeSource();
        URL url = source == null ? null : source.getLocation();
        return url != null && url.getPath().endsWith(".jar") ? url : null;
    }

    /**
     * Parses and checks {@code args} with classes of a loader that is dropped afterwards, then runs
     * the sidecar they describe, if any. Returns the exit code.
     */
    static int run(String[] args, OutputStream stdout, PrintWriter out, PrintWriter err) {
        int code;
        ParseLoader loader = new ParseLoader(jar(), Sidecar.class.getClassLoader());
        handing = true;
        try {
            code = (Integer) Class.forName(PARSE, true, loader)
                    .getMethod("run", String[].class, OutputStream.class, PrintWriter.class, PrintWriter.class)
                    .invoke(null, args, stdout, out, err);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error x) {
                throw x;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot start the command line's parser", e);
        } finally {
            handing = false;
            try {
                loader.close();
            } catch (IOException ignored) {
                // a jar that cannot be closed stays open; nothing else to do
            }
        }
        Run r = handed;
        handed = null;
        if (r == null) {
            return code; // --help, a usage error, a failed check: told and done
        }
        loader = null;
        // unload the parsing classes now, before the sidecar settles (and its heap with them)
        System.gc();
        return r.runHandedOver(err);
    }

    /**
     * Runs {@code run} here, or (when a {@link ParseLoader} parses) hands it to the process's
     * {@code main}. The caller must then neither close nor use {@code client} any more.
     *
     * @return true when handed over: the command returns 0 at once
     */
    public static boolean handOver(Run run) {
        if (!handing) {
            return false;
        }
        handed = run;
        return true;
    }

    /**
     * A {@code register} that has passed its checks: the registrar to build on the client, and how
     * to log. It refers to nothing of picocli's nor of the command's, so that these can unload.
     */
    public static final class Run {
        private final ServiceRegistrar.Builder registrar;
        private final EtcdClient client;
        private final PrintWriter log;
        private final boolean json;
        private final String fallbackNote;

        /**
         * @param registrar the registrar to build, without its listener
         * @param client the client it was made on (closed by a handed-over run)
         * @param log where the state changes are written, one line each
         * @param json JSON lines instead of text
         * @param fallbackNote added to a connection error's message (how the endpoints were chosen)
         */
        public Run(
                ServiceRegistrar.Builder registrar,
                EtcdClient client,
                PrintWriter log,
                boolean json,
                String fallbackNote) {
            this.registrar = registrar;
            this.client = client;
            this.log = log;
            this.json = json;
            this.fallbackNote = fallbackNote == null ? "" : fallbackNote;
        }

        /** Registers and keeps the registration until SIGINT/SIGTERM; exceptions as the command's. */
        public void run() throws InterruptedException {
            CountDownLatch stop = new CountDownLatch(1);
            try (Signals.Registration sig = Signals.onTerminate(stop::countDown)) {
                ServiceRegistrar r = registrar.listener(this::log).build();
                try (r) {
                    r.start();
                    stop.await();
                }
            }
        }

        private void log(RegistrationEvent e) {
            String line = RegistrationLog.line(e, json);
            synchronized (log) {
                log.println(line);
                log.flush();
            }
        }

        /** {@link #run}, then closes the client; a failure as GooEtcd's: one Error line and its exit code. */
        int runHandedOver(PrintWriter err) {
            try {
                run();
                return 0;
            } catch (Exception ex) {
                return GooEtcd.failure(ex, err, "", fallbackNote, false); // no --debug here
            } finally {
                client.close();
            }
        }
    }

    /**
     * Loads picocli and the CLI's classes (but the two shared ones) itself, from the jar, and the rest
     * (the JDK, the library, Netty, gRPC, ...) from the application's loader, so that nothing the
     * running sidecar holds is one of its classes.
     */
    static final class ParseLoader extends URLClassLoader {
        static {
            registerAsParallelCapable();
        }

        /** The java.time types picocli registers converters for, but for Duration and Instant. */
        private static final Set<String> PICOCLI_ONLY = Set.of(
                "java.time.LocalDate",
                "java.time.LocalDateTime",
                "java.time.LocalTime",
                "java.time.MonthDay",
                "java.time.OffsetDateTime",
                "java.time.OffsetTime",
                "java.time.Period",
                "java.time.Year",
                "java.time.YearMonth",
                "java.time.ZonedDateTime",
                "java.time.ZoneId",
                "java.time.ZoneOffset");

        ParseLoader(URL jar, ClassLoader parent) {
            super("gooetcd-parse", new URL[] {jar}, parent);
        }

        static boolean own(String name) {
            if (name.startsWith("picocli.")) {
                return true;
            }
            if (!name.startsWith("io.googo.etcd.cli.")) {
                return false;
            }
            int nested = name.indexOf('$');
            String top = nested < 0 ? name : name.substring(0, nested);
            return !SHARED.contains(top);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("java.sql.") || PICOCLI_ONLY.contains(name)) {
                // asked for by picocli's built-in converters only "if available": the JDK's loaders
                // would keep them, and the formatters that their initialisers build, for the life of
                // the process (~70 classes); the CLI's own code uses java.time's Duration and Instant
                throw new ClassNotFoundException(name);
            }
            if (!own(name)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    c = findClass(name);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
    }
}
