package io.googo.etcd.cli.command;

import io.googo.etcd.cli.output.OutputFormat;
import io.googo.etcd.core.cluster.ClusterAdmin;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

@Command(
        name = "compaction",
        description = {
            "Discards the key-value history before revision REV.",
            "Reading or watching from an older revision fails afterwards."
        })
public final class CompactionCommand extends BaseCommand {
    @Parameters(
            index = "0",
            paramLabel = "REV",
            converter = Revision.class,
            description = "The revision to compact to.")
    long revision;

    @Option(names = "--physical", description = "Wait until the compaction is physically applied.")
    boolean physical;

    /** A revision: a whole number, at least 1. */
    public static final class Revision implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                long n = Long.parseLong(value);
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // below
            }
            throw new TypeConversionException("'" + value + "' is not a revision; expecting a whole number >= 1");
        }
    }

    @Override
    protected List<OutputFormat> formats() {
        return List.of(OutputFormat.SIMPLE, OutputFormat.JSON);
    }

    @Override
    protected int execute() {
        printer().compaction(new ClusterAdmin(client()).compact(revision, physical));
        return 0;
    }
}
