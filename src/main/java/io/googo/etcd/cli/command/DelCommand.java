package io.googo.etcd.cli.command;

import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.kv.DeleteOptions;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "del", description = "Removes the key or a range of keys; prints how many were deleted.")
public final class DelCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "KEY", description = "The key, or the start of the range.")
    String key;

    @Parameters(index = "1", paramLabel = "RANGE_END", arity = "0..1", description = "End of the range [KEY, RANGE_END).")
    String rangeEnd;

    @Option(names = "--prefix", description = "Delete every key that starts with KEY.")
    boolean prefix;

    @Option(names = "--from-key", description = "Delete every key >= KEY.")
    boolean fromKey;

    @Option(names = "--prev-kv", description = "Print the deleted key-value pairs.")
    boolean prevKv;

    @Override
    protected int execute() {
        if (prefix && fromKey) {
            throw usage("--prefix and --from-key cannot be used together");
        }
        if (rangeEnd != null && (prefix || fromKey)) {
            throw usage("RANGE_END cannot be used with --prefix or --from-key");
        }
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        if (k.length == 0 && !prefix && !fromKey) {
            throw EtcdException.invalid("key must not be empty");
        }
        byte[] end = rangeEnd == null ? null : rangeEnd.getBytes(StandardCharsets.UTF_8);
        printer().del(client().delete(k, new DeleteOptions(end, prefix, fromKey, prevKv)));
        return 0;
    }
}
