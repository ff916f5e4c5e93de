package io.googo.etcd.cli.command.config;

import io.googo.etcd.cli.command.BaseCommand;
import io.googo.etcd.cli.output.OutputFormat;
import io.googo.etcd.cli.output.Printer.ProfileRow;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "list", description = "Lists the profiles; * marks the current one.")
public final class ConfigListCommand extends BaseCommand {

    @Override
    protected List<OutputFormat> formats() {
        return List.of(OutputFormat.SIMPLE, OutputFormat.JSON, OutputFormat.TABLE, OutputFormat.FIELDS);
    }

    @Override
    protected int execute() {
        var file = root().profileFile().orBuiltin();
        List<ProfileRow> rows = file.list().stream()
                .map(e -> new ProfileRow(
                        e.name(),
                        e.current(),
                        file.profile(e.name()).map(p -> p.endpoints()).orElse(List.of())))
                .toList();
        printer().configList(rows);
        return 0;
    }
}
