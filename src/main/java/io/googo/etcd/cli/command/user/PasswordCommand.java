package io.googo.etcd.cli.command.user;

import io.googo.etcd.cli.command.auth.AuthAdminCommand;
import io.googo.etcd.core.EtcdException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import picocli.CommandLine.Option;

/**
 * A command that reads a user's password as etcdctl does ({@code user add}, {@code user passwd}):
 *
 * <ul>
 *   <li>{@code --interactive} (the default): "Password of NAME: " and "Type password of NAME again for
 *       confirmation: ". On a terminal they are asked there, without echo. Otherwise, as etcdctl, each
 *       prompt is written to standard output, a line is read from standard input (up to a newline or
 *       the end; a trailing CR is dropped), and a newline follows on standard output. An empty password
 *       and two different ones are usage errors (exit 128), in etcdctl's words.
 *   <li>{@code --interactive=false}: the first word of standard input, as etcdctl's {@code Scanf("%s")}.
 * </ul>
 *
 * Standard input is strict UTF-8 (exit 3 otherwise). The password is never printed or logged.
 */
abstract class PasswordCommand extends AuthAdminCommand {
    @Option(
            names = "--interactive",
            arity = "0..1",
            defaultValue = "true",
            fallbackValue = "true",
            paramLabel = "BOOL",
            description = {
                "Ask for the password (twice; on the terminal without echo, else",
                "prompts on stdout and lines from stdin, as etcdctl); with =false read the first word of stdin."
            })
    boolean interactive = true;

    /** The password for {@code name}, as {@code --interactive} says. */
    protected String readPassword(String name) throws IOException {
        if (!interactive) {
            return firstWord(stdin("the password"));
        }
        String p1 = ask("Password of " + name + ": ");
        if (p1.isEmpty()) {
            throw usage("empty password");
        }
        String p2 = ask("Type password of " + name + " again for confirmation: ");
        if (!p1.equals(p2)) {
            throw usage("given passwords are different");
        }
        return p1;
    }

    private String ask(String prompt) throws IOException {
        if (ctx().passwordPrompt() != null) {
            char[] pw = ctx().passwordPrompt().apply(prompt);
            if (pw == null) {
                return "";
            }
            String s = new String(pw);
            Arrays.fill(pw, '\0');
            return s;
        }
        InputStream in = stdin("the password");
        OutputStream out = ctx().stdout();
        out.write(prompt.getBytes(StandardCharsets.UTF_8));
        out.flush();
        // a terminal on stdin but none on stdout (no console): echo off as etcdctl does it, with stty
        boolean echoOff = in == System.in && stdinIsTerminal() && stty("-echo");
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                line.write(b);
            }
        } finally {
            if (echoOff) {
                stty("echo");
            }
        }
        out.write('\n');
        out.flush();
        byte[] bytes = line.toByteArray();
        int n = bytes.length;
        if (n > 0 && bytes[n - 1] == '\r') {
            n--;
        }
        String s = decode(bytes, n);
        Arrays.fill(bytes, (byte) 0);
        return s;
    }

    private static boolean stdinIsTerminal() {
        try {
            String target = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/0"))
                    .toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /** Runs {@code stty ARG} on this process's terminal (its stdin); whether it worked. */
    private static boolean stty(String arg) {
        try {
            Process p = new ProcessBuilder("stty", arg)
                    .redirectInput(ProcessBuilder.Redirect.INHERIT)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The first word of {@code in}: blanks skipped, then up to a blank, a newline or the end. */
    private static String firstWord(InputStream in) throws IOException {
        ByteArrayOutputStream word = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) == ' ' || b == '\t' || b == '\r') {
            // leading blanks
        }
        while (b != -1 && b != ' ' && b != '\t' && b != '\n' && b != '\r') {
            word.write(b);
            b = in.read();
        }
        byte[] bytes = word.toByteArray();
        String s = decode(bytes, bytes.length);
        Arrays.fill(bytes, (byte) 0);
        return s;
    }

    private static String decode(byte[] b, int n) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, 0, n))
                    .toString();
        } catch (CharacterCodingException e) {
            throw EtcdException.invalid("the password read from standard input is not valid UTF-8");
        }
    }
}
