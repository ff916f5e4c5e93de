package io.googo.etcd.cli.command;

import io.googo.etcd.cli.decode.Decoding;
import io.googo.etcd.cli.option.DecodeOptions;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.key.Utf8;
import io.googo.etcd.core.txn.TxnJson;
import io.googo.etcd.core.txn.TxnParser;
import io.googo.etcd.core.txn.TxnRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(
        name = "txn",
        description = {
            "Runs compares and operations as one atomic transaction.",
            "Reads etcdctl's text from stdin (or --file): compares, a blank line, the operations to run if",
            "all compares hold, a blank line, the operations to run otherwise. For example:",
            "",
            "  mod(\"key1\") > \"0\"",
            "",
            "  put key1 \"overwrote key1\"",
            "",
            "  put key1 \"created key1\"",
            "  put key2 \"some extra key\"",
            "",
            "Compares: value/version/create/mod/lease(\"KEY\") =|!=|<|> \"OPERAND\" (lease in hex). Operations:",
            "put KEY VALUE, get KEY [RANGE_END], del KEY [RANGE_END] with their flags. Strings are quoted as in",
            "Go (\"a\\nb\", `raw`) or in 'single quotes'; a quoted value may span lines; # starts a comment line.",
            "--file F.json takes {\"compare\":[...],\"success\":[...],\"failure\":[...]}. Prints SUCCESS or",
            "FAILURE, then each operation's result. Bad text exits 3 naming the line and column; nothing is sent."
        })
public final class TxnCommand extends BaseCommand {
    @Mixin
    DecodeOptions decode = new DecodeOptions();

    private static final String[] PROMPTS = {
        "compares:", "success requests (get, put, del):", "failure requests (get, put, del):"
    };

    @Option(
            names = {"-i", "--interactive"},
            description = "Prompt for each part on stdout (as etcdctl); stops reading after the third blank line.")
    boolean interactive;

    @Option(
            names = "--file",
            paramLabel = "FILE",
            description = "Read the transaction from FILE: the text form, or JSON when FILE ends in .json.")
    Path file;

    @Override
    protected java.util.List<io.googo.etcd.cli.output.OutputFormat> formats() {
        return WITH_PROTOBUF;
    }

    @Override
    protected int execute() {
        if (interactive && file != null) {
            throw new ParameterException(spec.commandLine(), "-i and --file cannot be used together");
        }
        TxnRequest request;
        if (file != null) {
            byte[] bytes = read(file);
            String name = file.toString();
            request = name.endsWith(".json") ? TxnJson.parse(bytes, name) : TxnParser.parse(text(bytes, name), name);
        } else if (interactive) {
            request = TxnParser.parse(readInteractively(), "stdin");
        } else {
            String text;
            try {
                text = text(stdin("the transaction").readAllBytes(), "stdin");
            } catch (IOException e) {
                throw EtcdException.io("txn: cannot read standard input: " + e.getMessage(), e);
            }
            request = TxnParser.parse(text, "stdin");
        }
        if (format() == io.googo.etcd.cli.output.OutputFormat.PROTOBUF) {
            io.googo.etcd.cli.output.ProtobufWriter.write(ctx().stdout(), client().txnMessage(request));
            return 0;
        }
        io.googo.etcd.cli.output.Printer p = printer();
        Decoding d = decode.open(p, err(), profileDecode());
        p.txn(d.txn(client().txn(request)));
        d.finish();
        return 0;
    }

    /**
     * The text as UTF-8; bytes that are not valid UTF-8 are refused (naming the line and column)
     * instead of read as U+FFFD: other bytes go as \\x escapes in a double-quoted string.
     */
    static String text(byte[] bytes, String source) {
        return text(bytes, source, 1);
    }

    /** {@link #text(byte[], String)} of text that starts on line {@code firstLine} of its source. */
    static String text(byte[] bytes, String source, long firstLine) {
        String s = Utf8.decodeOrNull(bytes, 0, bytes.length);
        if (s != null) {
            return s;
        }
        int at = Utf8.firstInvalid(bytes, 0, bytes.length);
        long line = firstLine;
        int start = 0;
        for (int i = 0; i < at; i++) {
            if (bytes[i] == '\n') {
                line++;
                start = i + 1;
            }
        }
        int col = new String(bytes, start, at - start, StandardCharsets.UTF_8).length() + 1;
        throw EtcdException.invalid("txn: " + source + ":" + line + ":" + col + ": not valid UTF-8 (byte "
                + String.format("0x%02X", bytes[at] & 0xff) + "); write other bytes as \\x escapes in a"
                + " double-quoted string, e.g. \"\\xff\"");
    }

    private static byte[] read(Path f) {
        try {
            return Files.readAllBytes(f);
        } catch (NoSuchFileException e) {
            throw EtcdException.io("txn: " + f + ": no such file", e);
        } catch (IOException e) {
            throw EtcdException.io("txn: cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads line by line until the text has closed its three parts (a blank line inside a quoted
     * value does not count), prompting for each part on stdout as etcdctl does, terminal or not
     * (scripts that read etcdctl's output expect the three prompt lines before the result).
     */
    private String readInteractively() {
        java.io.OutputStream out = ctx().stdout();
        StringBuilder text = new StringBuilder();
        int shown = -1;
        try {
            TextLines lines = new TextLines(stdin("the transaction"));
            while (true) {
                int parts = TxnParser.closedParts(text.toString(), "stdin");
                if (parts == 3) {
                    break;
                }
                if (parts >= 0 && parts > shown) {
                    out.write((PROMPTS[parts] + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    out.flush();
                    shown = parts;
                }
                byte[] line = lines.nextBytes();
                if (line == null) {
                    break;
                }
                text.append(text(line, "stdin", lines.number())).append('\n');
            }
        } catch (IOException e) {
            throw EtcdException.io("txn: cannot read standard input: " + e.getMessage(), e);
        }
        return text.toString();
    }
}
