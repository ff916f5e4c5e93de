package io.googo.etcd.cli.command.config;

import io.googo.etcd.cli.command.BaseCommand;
import io.googo.etcd.cli.output.OutputFormat;
import io.googo.etcd.core.EtcdException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "current", description = "Prints the current profile's name.")
public final class ConfigCurrentCommand extends BaseCommand {

    @Override
    protected List<OutputFormat> formats() {
        return List.of(OutputFormat.SIMPLE);
    }

    @Override
    protected int execute() throws Exception {
        String name = root().profileFile()
                .orBuiltin()
                .effectiveCurrent()
                .orElseThrow(() -> EtcdException.invalid(
                        "the profile file sets no current profile; " + "run 'gooetcd config use NAME'"));
        ctx().stdout().write((name + "\n").getBytes(StandardCharsets.UTF_8));
        return 0;
    }
}
