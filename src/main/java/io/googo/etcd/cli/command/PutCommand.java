package io.googo.etcd.cli.command;

import io.googo.etcd.cli.option.Converters;
import io.googo.etcd.cli.output.OutputFormat;
import io.googo.etcd.cli.output.ProtobufWriter;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.kv.PutOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "put",
        description = {
            "Puts the given key into the store.",
            "VALUE is read from standard input when omitted. --ttl grants a lease and attaches it;",
            "--if-mod-revision/--if-value write only if the key is as expected (compare-and-swap, exit 7 if not)."
        })
public final class PutCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "KEY", description = "The key.")
    String key;

    @Parameters(index = "1", paramLabel = "VALUE", arity = "0..1", description = "The value (default: standard input).")
    String value;

    @Option(
            names = "--lease",
            paramLabel = "ID",
            converter = Converters.HexId.class,
            description = "Attach the key to this lease (hex ID).")
    Long lease;

    @Option(
            names = "--ttl",
            paramLabel = "DURATION",
            converter = io.googo.etcd.cli.option.TtlConverter.class,
            description = "Grant a lease of this TTL (seconds, 60, as lease grant takes it, or 1m) and attach the key"
                    + " to it.")
    Duration ttl;

    @Option(names = "--prev-kv", description = "Print the previous key-value pair.")
    boolean prevKv;

    @Option(names = "--ignore-value", description = "Keep the key's current value (update its lease).")
    boolean ignoreValue;

    @Option(names = "--ignore-lease", description = "Keep the key's current lease.")
    boolean ignoreLease;

    @Option(
            names = "--if-mod-revision",
            paramLabel = "N",
            converter = Converters.NonNegative.class,
            description = "Write only if the key's mod_revision is N (0: only if the key does not exist).")
    Long ifModRevision;

    @Option(names = "--if-value", paramLabel = "VALUE", description = "Write only if the key's value is VALUE.")
    String ifValue;

    @Override
    protected List<OutputFormat> formats() {
        return WITH_PROTOBUF;
    }

    @Override
    protected int execute() throws IOException {
        if (lease != null && ttl != null) {
            throw usage("--lease and --ttl cannot be used together");
        }
        if (ignoreLease && (lease != null || ttl != null)) {
            throw usage("--ignore-lease cannot be used with --lease or --ttl");
        }
        if (ignoreValue && value != null) {
            throw usage("--ignore-value cannot be used with a VALUE");
        }
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        if (k.length == 0) {
            throw EtcdException.invalid("key must not be empty");
        }
        byte[] v;
        if (ignoreValue) {
            v = new byte[0];
        } else if (value != null) {
            v = value.getBytes(StandardCharsets.UTF_8);
        } else {
            try {
                v = stdin("the value").readAllBytes();
            } catch (IOException e) {
                throw EtcdException.io("cannot read the value from standard input: " + e.getMessage(), e);
            }
        }
        if (format() == OutputFormat.PROTOBUF) {
            if (ttl != null || ignoreValue || ignoreLease || ifModRevision != null || ifValue != null) {
                throw EtcdException.unsupported(
                        "-w protobuf writes one put's response: not with --ttl, --ignore-value, --ignore-lease, --if-mod-revision or --if-value");
            }
            ProtobufWriter.write(ctx().stdout(), client().putMessage(k, v, lease == null ? 0 : lease, prevKv));
            return 0;
        }
        PutOptions o = PutOptions.builder()
                .lease(lease == null ? 0 : lease)
                .ttl(ttl)
                .prevKv(prevKv)
                .ignoreValue(ignoreValue)
                .ignoreLease(ignoreLease)
                .ifModRevision(ifModRevision)
                .ifValue(ifValue == null ? null : ifValue.getBytes(StandardCharsets.UTF_8))
                .build();
        printer().put(client().put(k, v, o));
        return 0;
    }
}
