package io.googo.etcd.cli.command;

import io.googo.etcd.cli.decode.Decoding;
import io.googo.etcd.cli.option.Converters;
import io.googo.etcd.cli.option.DecodeOptions;
import io.googo.etcd.cli.option.KeyRange;
import io.googo.etcd.cli.output.OutputFormat;
import io.googo.etcd.cli.output.Printer;
import io.googo.etcd.cli.output.ProtobufWriter;
import io.googo.etcd.core.kv.GetOptions;
import io.googo.etcd.core.kv.GetOptions.Consistency;
import io.googo.etcd.core.kv.GetOptions.SortOrder;
import io.googo.etcd.core.kv.GetOptions.SortTarget;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "get",
        description = {
            "Gets the key or a range of keys.",
            "Ranges in key order are read in pages (--page-size) at one revision and streamed, so a",
            "huge prefix is one consistent snapshot and never held in memory. A missing key prints nothing."
        })
public final class GetCommand extends BaseCommand {
    @Mixin
    KeyRange range;

    @Option(
            names = "--limit",
            paramLabel = "N",
            converter = Converters.NonNegative.class,
            description = "At most N keys (0: no limit).")
    long limit;

    @Option(
            names = "--rev",
            paramLabel = "N",
            converter = Converters.NonNegative.class,
            description = "Read at revision N (0: the latest).")
    long rev;

    @Option(
            names = "--sort-by",
            paramLabel = "TARGET",
            converter = Converters.SortTargetName.class,
            completionCandidates = Converters.SortTargetNames.class,
            description = "create, modify, version, key or value.")
    SortTarget sortBy = SortTarget.KEY;

    @Option(
            names = "--order",
            paramLabel = "ORDER",
            converter = Converters.SortOrderName.class,
            completionCandidates = Converters.SortOrderNames.class,
            description = "ascend or descend.")
    SortOrder order = SortOrder.NONE;

    @Option(names = "--keys-only", description = "Get only the keys.")
    boolean keysOnly;

    @Option(names = "--count-only", description = "Get only the count.")
    boolean countOnly;

    @Option(names = "--print-value-only", description = "Print only the values (simple format).")
    boolean printValueOnly;

    @Option(
            names = "--consistency",
            paramLabel = "l|s",
            converter = Converters.ConsistencyName.class,
            completionCandidates = Converters.ConsistencyNames.class,
            description = "l: linearizable (default), s: serializable.")
    Consistency consistency = Consistency.LINEARIZABLE;

    @Option(
            names = "--min-create-rev",
            paramLabel = "N",
            converter = Converters.NonNegative.class,
            description = "Only keys created at or after revision N.")
    long minCreateRev;

    @Option(
            names = "--max-create-rev",
            paramLabel = "N",
            converter = Converters.NonNegative.class,
            description = "Only keys created at or before revision N.")
    long maxCreateRev;

    @Option(
            names = "--min-mod-rev",
            paramLabel = "N",
            converter = Converters.NonNegative.class,
            description = "Only keys modified at or after revision N.")
    long minModRev;

    @Option(
            names = "--max-mod-rev",
            paramLabel = "N",
            converter = Converters.NonNegative.class,
            description = "Only keys modified at or before revision N.")
    long maxModRev;

    @Option(
            names = "--page-size",
            paramLabel = "N",
            description = "Keys per request when reading in pages (default: 1000, growing while responses are small).")
    int pageSize = GetOptions.AUTO_PAGE_SIZE;

    @Mixin
    DecodeOptions decode = new DecodeOptions();

    private static final List<OutputFormat> GET_FORMATS = List.of(
            OutputFormat.SIMPLE,
            OutputFormat.JSON,
            OutputFormat.TABLE,
            OutputFormat.FIELDS,
            OutputFormat.ETCDCTL_JSON,
            OutputFormat.YAML,
            OutputFormat.PROTOBUF);

    @Override
    protected List<OutputFormat> formats() {
        return GET_FORMATS;
    }

    @Override
    protected int execute() {
        range.validate();
        if (pageSize < 0 || pageSize == 0 && spec.commandLine().getParseResult().hasMatchedOption("--page-size")) {
            throw usage("--page-size must be at least 1");
        }
        GetOptions o = GetOptions.builder()
                .rangeEnd(range.rangeEnd())
                .prefix(range.prefix())
                .fromKey(range.fromKey())
                .limit(limit)
                .revision(rev)
                .sortBy(sortBy)
                .order(order)
                .keysOnly(keysOnly)
                .countOnly(countOnly)
                .serializable(consistency == Consistency.SERIALIZABLE)
                .minCreateRevision(minCreateRev)
                .maxCreateRevision(maxCreateRev)
                .minModRevision(minModRev)
                .maxModRevision(maxModRev)
                .pageSize(pageSize)
                .build();
        byte[] k = range.key();
        if (format() == OutputFormat.PROTOBUF) {
            // etcdctl's one range request, its RangeResponse as the server sent it
            ProtobufWriter.write(ctx().stdout(), client().getMessage(k, o));
            return 0;
        }
        Printer p = printer();
        Decoding d = decode.open(p, err(), profileDecode());
        client().get(k, o, d.sink(p.get(new Printer.GetView(printValueOnly, keysOnly, countOnly))));
        d.finish();
        return 0;
    }
}
