package io.googo.etcd.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Man pages in roff, one per command ({@code gooetcd.1}, {@code gooetcd-get.1},
 * {@code gooetcd-config-use.1}, ...), written from the same command model as the help and the
 * completion scripts. {@code make man} writes them to target/man/man1; {@code make dist} installs them.
 */
public final class ManPages {
    private ManPages() {}

    /** Page file name → page text, for the whole command tree. */
    public static Map<String, String> all() {
        CommandLine root = GooEtcd.commandLine(
                new CliContext(Map.of(), Path.of("."), System.in, OutputStream.nullOutputStream(), false, false, null),
                new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()));
        Map<String, String> pages = new LinkedHashMap<>();
        collect(root, pages);
        return pages;
    }

    private static void collect(CommandLine cl, Map<String, String> pages) {
        CommandSpec spec = cl.getCommandSpec();
        pages.put(spec.qualifiedName("-") + ".1", page(cl));
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (!sub.getCommandSpec().usageMessage().hidden()) {
                collect(sub, pages);
            }
        }
    }

    static String page(CommandLine cl) {
        CommandSpec spec = cl.getCommandSpec();
        String name = spec.qualifiedName(" ");
        StringBuilder r = new StringBuilder();
        r.append(".TH \"")
                .append(esc(spec.qualifiedName("-").toUpperCase(java.util.Locale.ROOT)))
                .append("\" 1 \"\" \"gooetcd ")
                .append(esc(Version.client()))
                .append("\" \"gooetcd manual\"\n");
        r.append(".SH NAME\n")
                .append(esc(spec.qualifiedName("-")))
                .append(" \\- ")
                .append(esc(first(spec.usageMessage().description())))
                .append('\n');
        Help help = new Help(spec, Help.defaultColorScheme(Help.Ansi.OFF));
        r.append(".SH SYNOPSIS\n.nf\n").append(esc(help.synopsis(0).strip())).append("\n.fi\n");
        r.append(".SH DESCRIPTION\n");
        for (String line : spec.usageMessage().description()) {
            r.append(esc(line)).append('\n');
        }
        if (!spec.positionalParameters().isEmpty()) {
            r.append(".SH ARGUMENTS\n");
            for (PositionalParamSpec p : spec.positionalParameters()) {
                r.append(".TP\n.B ")
                        .append(esc(p.paramLabel()))
                        .append('\n')
                        .append(esc(String.join(" ", p.description())))
                        .append('\n');
            }
        }
        if (!cl.getSubcommands().isEmpty()) {
            r.append(".SH COMMANDS\n");
            cl.getSubcommands()
                    .forEach((sub, subCl) -> r.append(".TP\n.B ")
                            .append(esc(sub))
                            .append('\n')
                            .append(esc(
                                    first(subCl.getCommandSpec().usageMessage().description())))
                            .append(" See \\fB")
                            .append(esc(subCl.getCommandSpec().qualifiedName("-")))
                            .append("\\fR(1).\n"));
        }
        r.append(".SH OPTIONS\n");
        for (OptionSpec o : spec.options()) {
            if (o.hidden()) {
                continue;
            }
            r.append(".TP\n.B ").append(esc(String.join(", ", o.names())));
            if (o.arity().max() > 0) {
                r.append(" \\fI").append(esc(o.paramLabel())).append("\\fR");
            }
            r.append('\n').append(esc(String.join(" ", o.description()))).append('\n');
        }
        if (spec.parent() == null) {
            r.append(".SH EXIT STATUS\n").append("""
                    .TP
                    0
                    success
                    .TP
                    1
                    the server refused (auth, permission) or any other failure
                    .TP
                    2
                    cannot reach the cluster: refused, dial or command timeout, TLS handshake
                    .TP
                    3
                    invalid input: profile file, key, conflicting flags
                    .TP
                    4
                    unsupported output format or feature
                    .TP
                    5
                    interrupted: watch canceled or compacted, lease lost
                    .TP
                    6
                    I/O error on a local file
                    .TP
                    7
                    condition not met: compare-and-swap mismatch, lock held
                    .TP
                    128
                    usage error
                    """);
            r.append(".SH FILES\n~/.config/gooetcd/config.yaml \\- cluster profiles (see config.example.yaml)\n");
        }
        r.append(".SH SEE ALSO\n\\fBgooetcd\\fR(1), \\fBetcdctl\\fR(1)\n");
        return r.toString();
    }

    private static String first(String[] lines) {
        return lines.length == 0 ? "" : lines[0];
    }

    /** Escapes roff: backslashes, and a leading dot or quote that would start a request. */
    static String esc(String s) {
        String e = s.replace("\\", "\\\\").replace("-", "\\-");
        StringBuilder out = new StringBuilder();
        for (String line : e.split("\n", -1)) {
            if (out.length() > 0) {
                out.append('\n');
            }
            if (line.startsWith(".") || line.startsWith("'")) {
                out.append("\\&");
            }
            out.append(line);
        }
        return out.toString();
    }

    /**
     * Writes every page into the directory given (default target/man/man1, so that
     * {@code MANPATH=target/man man gooetcd-get} finds them).
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/man/man1");
        Files.createDirectories(dir);
        for (var e : all().entrySet()) {
            Files.writeString(dir.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
        }
    }
}
