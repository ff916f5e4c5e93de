package io.googo.etcd.cli;

import io.googo.etcd.core.config.ProfileLocator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * What a command may see of its process: environment, home directory, standard streams and
 * whether they are terminals. {@link GooEtcd#main} passes the real ones; tests pass their own,
 * so every command runs in-process with no global state.
 *
 * @param env            environment variables
 * @param home           the user's home directory
 * @param stdin          standard input
 * @param stdout         standard output as bytes (values are written raw)
 * @param stdinTerminal  standard input is a terminal (prompting allowed)
 * @param stdoutTerminal standard output is a terminal (colour allowed)
 * @param passwordPrompt reads a password from the terminal without echo; {@code null} when there is none
 * @param stderrTerminal standard error is a terminal (progress lines allowed)
 */
public record CliContext(
        Map<String, String> env,
        Path home,
        InputStream stdin,
        OutputStream stdout,
        boolean stdinTerminal,
        boolean stdoutTerminal,
        Function<String, char[]> passwordPrompt,
        boolean stderrTerminal) {

    /** A context whose standard error is not a terminal. */
    public CliContext(
            Map<String, String> env,
            Path home,
            InputStream stdin,
            OutputStream stdout,
            boolean stdinTerminal,
            boolean stdoutTerminal,
            Function<String, char[]> passwordPrompt) {
        this(env, home, stdin, stdout, stdinTerminal, stdoutTerminal, passwordPrompt, false);
    }

    /**
     * The context of the running process: the environment as its bytes say in UTF-8, whatever the
     * locale; the home directory from {@code $HOME} (the passwd entry's only when that is unset or
     * empty); standard input closed ({@link #stdinClosed()}) when the process was started without one.
     */
    public static CliContext system(OutputStream stdout) {
        boolean closed = ProcessInput.stdinClosed();
        Map<String, String> env = ProcessInput.environment();
        java.io.Console console = closed ? null : System.console();
        return new CliContext(
                env,
                ProfileLocator.home(env),
                closed ? new ProcessInput.ClosedStdin() : System.in,
                stdout,
                console != null,
                console != null,
                console == null ? null : prompt -> console.readPassword("%s", prompt),
                isTerminal(2));
    }

    /**
     * The process was started with standard input closed ({@code <&-}): a command that needs it is
     * a usage error, and nothing is read from descriptor 0 (by then perhaps a file of the JVM's own).
     */
    public boolean stdinClosed() {
        return stdin instanceof ProcessInput.ClosedStdin;
    }

    /**
     * Whether file descriptor {@code fd} of this process is a terminal, read from where Linux
     * links it ({@code /proc/self/fd}); {@code false} where that cannot be told.
     */
    static boolean isTerminal(int fd) {
        try {
            String target =
                    Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }
}
