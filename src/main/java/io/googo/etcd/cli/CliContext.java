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
public record CliContext(Map<String, String> env, Path home, InputStream stdin, OutputStream stdout,
        boolean stdinTerminal, boolean stdoutTerminal, Function<String, char[]> passwordPrompt,
        boolean stderrTerminal) {

    /** A context whose standard error is not a terminal. */
    public CliContext(Map<String, String> env, Path home, InputStream stdin, OutputStream stdout,
            boolean stdinTerminal, boolean stdoutTerminal, Function<String, char[]> passwordPrompt) {
        this(env, home, stdin, stdout, stdinTerminal, stdoutTerminal, passwordPrompt, false);
    }

    /** The context of the running process. */
    public static CliContext system(OutputStream stdout) {
        java.io.Console console = System.console();
        return new CliContext(System.getenv(), ProfileLocator.home(System.getenv()), System.in, stdout,
                console != null, console != null,
                console == null ? null : prompt -> console.readPassword("%s", prompt), isTerminal(2));
    }

    /**
     * Whether file descriptor {@code fd} of this process is a terminal, read from where Linux
     * links it ({@code /proc/self/fd}); {@code false} where that cannot be told.
     */
    static boolean isTerminal(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }
}
