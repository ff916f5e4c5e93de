package io.googo.etcd.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * A subcommand's {@code --help} lists its own options first and the global ones (connection,
 * output, {@code --debug}: the root's options every command inherits) under a heading of their
 * own, as etcdctl's "Global Flags", instead of one alphabetical list that hides the command's
 * own among them. Only the layout of the help changes: the options are the same.
 */
final class GlobalOptionsHelp {
    static final String HEADING = "Global options:";

    private GlobalOptionsHelp() {}

    /** Sets the option list section of every subcommand of {@code cl} (as built: the tree may be lazy). */
    static void install(CommandLine cl) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            sub.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_OPTION_LIST, GlobalOptionsHelp::optionList);
            install(sub);
        }
    }

    /** An option of the root's, inherited; -h and -V stay with the command's own, as in etcdctl. */
    static boolean isGlobal(OptionSpec o) {
        return o.inherited() && !o.usageHelp() && !o.versionHelp();
    }

    private static String optionList(Help help) {
        List<OptionSpec> visible = help.commandSpec().options().stream()
                .filter(o -> !o.hidden() && o.group() == null)
                .toList();
        List<OptionSpec> global =
                visible.stream().filter(GlobalOptionsHelp::isGlobal).toList();
        if (global.isEmpty()) {
            return help.optionList();
        }
        List<OptionSpec> own = visible.stream().filter(o -> !isGlobal(o)).toList();
        return help.optionListExcludingGroups(own) + help.optionListGroupSections() + HEADING + "\n"
                + help.optionListExcludingGroups(global);
    }
}
