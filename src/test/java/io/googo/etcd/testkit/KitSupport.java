package io.googo.etcd.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Small shared pieces of the kit: binaries, child environments, files, the shutdown hook. */
final class KitSupport {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Everything the kit has started or created that must not outlive the JVM. */
    private static final Set<AutoCloseable> OPEN = ConcurrentHashMap.newKeySet();

    private static final Set<Process> PROCESSES = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(KitSupport::cleanUpAtExit, "etcd-testkit-cleanup"));
    }

    private KitSupport() {}

    // ---------------------------------------------------------------- binaries

    private static volatile Path etcdBinary;
    private static volatile Path etcdctlBinary;

    /** {@code $ETCD_BIN}, else /usr/bin/etcd, else etcd on the PATH. */
    static Path etcdBinary() {
        Path p = etcdBinary;
        if (p == null) {
            p = findBinary("ETCD_BIN", "etcd", null);
            etcdBinary = p;
        }
        return p;
    }

    /** {@code $ETCDCTL_BIN}, else etcdctl beside the etcd binary, else /usr/bin/etcdctl, else the PATH. */
    static Path etcdctlBinary() {
        Path p = etcdctlBinary;
        if (p == null) {
            Path etcd = etcdBinary();
            Path sibling = etcd.getParent() == null ? null : etcd.getParent().resolve("etcdctl");
            p = findBinary("ETCDCTL_BIN", "etcdctl", sibling);
            etcdctlBinary = p;
        }
        return p;
    }

    private static Path findBinary(String envVar, String name, Path preferred) {
        String fromEnv = System.getenv(envVar);
        if (fromEnv != null && !fromEnv.isBlank()) {
            Path p = Path.of(fromEnv);
            if (!Files.isExecutable(p)) {
                throw new IllegalStateException("$" + envVar + " is " + fromEnv + ", which is not an executable file");
            }
            return p;
        }
        if (preferred != null && Files.isExecutable(preferred)) {
            return preferred;
        }
        Path usrBin = Path.of("/usr/bin", name);
        if (Files.isExecutable(usrBin)) {
            return usrBin;
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                    return p;
                }
            }
        }
        throw new IllegalStateException(
                name + " not found: set $" + envVar + ", or install it as /usr/bin/" + name + " or on the PATH");
    }

    private static volatile Boolean noFsyncSupported;

    /**
     * Whether the etcd binary accepts {@code --unsafe-no-fsync}. etcd 3.4.23 accepts it although its
     * {@code --help} does not list it, so ask the flag parser rather than the help text.
     */
    static boolean etcdSupportsNoFsync() {
        Boolean b = noFsyncSupported;
        if (b == null) {
            b = runQuietly(List.of(etcdBinary().toString(), "--unsafe-no-fsync", "--version")) == 0;
            noFsyncSupported = b;
        }
        return b;
    }

    /** Runs a short command with all output discarded; its exit code, or -1 when it could not run in 10 s. */
    static int runQuietly(List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectInput(nullInput())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        cleanEnvironment(pb.environment());
        try {
            Process p = pb.start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                return -1;
            }
            return p.exitValue();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * Drops variables that etcd, etcdctl or Go's HTTP stack would read from the test JVM's environment
     * (etcd reads every ETCD_* variable as a flag), keeping ETCD_UNSUPPORTED_ARCH, which some platforms need.
     */
    static void cleanEnvironment(Map<String, String> env) {
        env.keySet()
                .removeIf(k -> (k.startsWith("ETCD_") && !k.equals("ETCD_UNSUPPORTED_ARCH"))
                        || k.startsWith("ETCDCTL_")
                        || k.equalsIgnoreCase("http_proxy")
                        || k.equalsIgnoreCase("https_proxy")
                        || k.equalsIgnoreCase("all_proxy")
                        || k.equalsIgnoreCase("no_proxy")
                        || k.equalsIgnoreCase("grpc_proxy")
                        || k.startsWith("GRPC_"));
    }

    static ProcessBuilder.Redirect nullInput() {
        File devNull = new File("/dev/null");
        if (devNull.exists()) {
            return ProcessBuilder.Redirect.from(devNull);
        }
        try {
            Path empty = Files.createTempFile("etcd-testkit-empty-", ".in");
            empty.toFile().deleteOnExit();
            return ProcessBuilder.Redirect.from(empty.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- cleanup

    static void registerOpen(AutoCloseable resource) {
        OPEN.add(resource);
    }

    static void unregisterOpen(AutoCloseable resource) {
        OPEN.remove(resource);
    }

    static void registerProcess(Process p) {
        PROCESSES.add(p);
    }

    static void unregisterProcess(Process p) {
        PROCESSES.remove(p);
    }

    private static void cleanUpAtExit() {
        for (Process p : PROCESSES) {
            p.destroyForcibly();
        }
        for (Process p : PROCESSES) {
            try {
                p.waitFor(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (AutoCloseable c : OPEN) {
            try {
                c.close();
            } catch (Exception ignored) {
                // best effort at exit
            }
        }
    }

    // ---------------------------------------------------------------- files and text

    static void deleteRecursively(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                    if (exc instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw exc;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + root, e);
        }
    }

    /** The file's text, undecodable bytes replaced; "" when it does not exist. */
    static String readText(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long sizeOf(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** At most the last {@code max} characters of {@code text}. */
    static String tail(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        return "[... " + (text.length() - max) + " characters cut ...]\n" + text.substring(text.length() - max);
    }

    static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
