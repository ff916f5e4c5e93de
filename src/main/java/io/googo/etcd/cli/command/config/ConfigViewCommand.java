package io.googo.etcd.cli.command.config;

import io.googo.etcd.cli.command.BaseCommand;
import io.googo.etcd.cli.output.OutputFormat;
import io.googo.etcd.core.config.ProfileFile;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "view", description = "Prints the profile file with passwords shown as REDACTED (--raw: as written).")
public final class ConfigViewCommand extends BaseCommand {
    @Option(names = "--raw", description = "Show passwords as they are in the file.")
    boolean raw;

    @Override
    protected List<OutputFormat> formats() {
        return List.of(OutputFormat.SIMPLE);
    }

    @Override
    protected int execute() throws Exception {
        ProfileFile found = root().profileFile();
        // the warnings every command that connects gives (an inline password others may read)
        for (String w : found.warnings()) {
            err().println("Warning: " + w);
        }
        err().flush();
        var file = found.orBuiltin();
        String yaml = raw ? file.rawYaml() : file.redactedYaml();
        ctx().stdout().write(yaml.getBytes(StandardCharsets.UTF_8));
        return 0;
    }
}
