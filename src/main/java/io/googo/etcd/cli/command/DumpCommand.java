package io.googo.etcd.cli.command;

import io.googo.etcd.cli.output.OutputFormat;
import io.googo.etcd.core.bulk.Dumper;
import io.googo.etcd.core.kv.GetOptions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "dump",
        description = {
            "Writes every key under PREFIX as NDJSON, in load's format.",
            "Read in pages at one revision; binary-safe: dump | load round-trips byte for byte."
        })
public final class DumpCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "PREFIX", description = "Key prefix (\"\" for every key).")
    String prefix;

    @Option(
            names = "--page-size",
            paramLabel = "N",
            description = "Keys per request (default: 1000, growing while responses are small).")
    int pageSize = GetOptions.AUTO_PAGE_SIZE;

    @picocli.CommandLine.Mixin
    io.googo.etcd.cli.option.DecodeOptions decode = new io.googo.etcd.cli.option.DecodeOptions();

    @Override
    protected List<OutputFormat> formats() {
        return List.of(OutputFormat.SIMPLE, OutputFormat.JSON);
    }

    @Override
    protected int execute() {
        if (pageSize < 0 || pageSize == 0 && spec.commandLine().getParseResult().hasMatchedOption("--page-size")) {
            throw usage("--page-size must be at least 1");
        }
        io.googo.etcd.cli.decode.ValueDecoder d = decode.decoder(err(), profileDecode());
        Dumper dumper = new Dumper(client());
        if (d != null) {
            dumper.decoded((k, v) -> io.googo.etcd.cli.decode.ValueDecoder.jsonText(d.decode(k, v)));
        }
        dumper.dump(prefix.getBytes(StandardCharsets.UTF_8), pageSize, ctx().stdout());
        if (d != null) {
            d.finish();
        }
        return 0;
    }
}
