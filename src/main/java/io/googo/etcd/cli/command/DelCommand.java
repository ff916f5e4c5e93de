package io.googo.etcd.cli.command;

import io.googo.etcd.cli.option.KeyRange;
import io.googo.etcd.cli.output.OutputFormat;
import io.googo.etcd.cli.output.ProtobufWriter;
import io.googo.etcd.core.kv.DeleteOptions;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "del", description = "Removes the key or a range of keys; prints how many were deleted.")
public final class DelCommand extends BaseCommand {
    @Mixin
    KeyRange range;

    @Option(names = "--prev-kv", description = "Print the deleted key-value pairs.")
    boolean prevKv;

    @Override
    protected List<OutputFormat> formats() {
        return WITH_PROTOBUF;
    }

    @Override
    protected int execute() {
        range.validate();
        byte[] k = range.key();
        DeleteOptions o = new DeleteOptions(range.rangeEnd(), range.prefix(), range.fromKey(), prevKv);
        if (format() == OutputFormat.PROTOBUF) {
            ProtobufWriter.write(ctx().stdout(), client().deleteMessage(k, o));
            return 0;
        }
        printer().del(client().delete(k, o));
        return 0;
    }
}
