package io.googo.etcd.cli.command.config;

import io.googo.etcd.cli.command.BaseCommand;
import io.googo.etcd.cli.option.ProfileCandidates;
import io.googo.etcd.cli.output.OutputFormat;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.config.ProfileFile;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "use", description = "Makes NAME the current profile (rewrites the file atomically, keeping comments).")
public final class ConfigUseCommand extends BaseCommand {
    @Parameters(
            index = "0",
            paramLabel = "NAME",
            completionCandidates = ProfileCandidates.class,
            description = "The profile to make current.")
    String name;

    @Override
    protected List<OutputFormat> formats() {
        return List.of(OutputFormat.SIMPLE);
    }

    @Override
    protected int execute() throws Exception {
        var path = root().profileFile()
                .source()
                .orElseThrow(() -> EtcdException.invalid("there is no profile file to change; create "
                        + root().locator().defaultPath() + " (see config.example.yaml) or pass --config FILE"));
        ProfileFile.use(path, name);
        ctx().stdout().write(("Switched to profile \"" + name + "\".\n").getBytes(StandardCharsets.UTF_8));
        return 0;
    }
}
