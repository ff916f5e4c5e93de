package io.googo.etcd.core.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A health check of the registered service: passes or fails with a reason. Called on one thread. */
@FunctionalInterface
public interface HealthCheck {
    /** Null when healthy, else one line saying why not. Must return within about {@code timeout}. */
    String check(Duration timeout) throws InterruptedException;

    /** GET {@code url}: healthy on a 2xx answer. */
    static HealthCheck http(String url) {
        URI uri = URI.create(url);
        return timeout -> {
            HttpURLConnection c = null;
            try {
                c = (HttpURLConnection) uri.toURL().openConnection();
                int ms = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
                c.setConnectTimeout(ms);
                c.setReadTimeout(ms);
                c.setUseCaches(false);
                c.setInstanceFollowRedirects(false);
                int code = c.getResponseCode();
                InputStream in = code < 400 ? c.getInputStream() : c.getErrorStream();
                if (in != null) {
                    in.readNBytes(64 * 1024);
                    in.close();
                }
                return code >= 200 && code < 300 ? null : "GET " + url + " answered " + code;
            } catch (IOException | RuntimeException e) {
                return "GET " + url + " failed: " + e;
            } finally {
                if (c != null) {
                    c.disconnect();
                }
            }
        };
    }

    /**
     * Removes from a check command's environment the variables the launcher set for this JVM
     * alone (bin/gooetcd names them in {@code -Dgooetcd.child.unsetenv}, comma-separated:
     * MALLOC_ARENA_MAX for the sidecar).
     */
    static void unsetLaunchersOwn(java.util.Map<String, String> env) {
        String names = System.getProperty("gooetcd.child.unsetenv", "");
        for (String name : names.split(",")) {
            if (!name.isBlank()) {
                env.remove(name.strip());
            }
        }
    }

    /** Runs {@code sh -c command}: healthy when it exits 0 in time (killed when it does not). */
    static HealthCheck command(String command) {
        return timeout -> {
            Process p;
            try {
                ProcessBuilder pb = new ProcessBuilder(List.of("sh", "-c", command))
                        .redirectInput(ProcessBuilder.Redirect.PIPE)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD);
                unsetLaunchersOwn(pb.environment());
                p = pb.start();
                p.getOutputStream().close();
            } catch (IOException e) {
                return "cannot run '" + command + "': " + e.getMessage();
            }
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                List<ProcessHandle> started = p.descendants().toList();
                p.destroyForcibly(); // the shell first, so it cannot go on when its child dies
                started.forEach(ProcessHandle::destroyForcibly);
                return "'" + command + "' did not finish within " + timeout.toMillis() + " ms";
            }
            int rc = p.exitValue();
            return rc == 0 ? null : "'" + command + "' exited with code " + rc;
        };
    }
}
