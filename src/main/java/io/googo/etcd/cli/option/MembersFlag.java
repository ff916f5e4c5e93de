package io.googo.etcd.cli.option;

import picocli.CommandLine;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ScopeType;

/**
 * etcdctl's {@code --cluster} flag ("ask every member in the member list") on the commands that
 * have it ({@code endpoint status|health|hashkv}, {@code defrag}), while {@code -c/--cluster NAME}
 * picks a profile everywhere else. picocli cannot declare both on one command, so
 * {@link Install}, the root command's model transformer, rewires those commands once the tree is
 * built: there the inherited profile option answers to {@code -c NAME} only, and {@code --cluster}
 * is this flag. {@code gooetcd --cluster NAME endpoint status} (before the command) still picks a
 * profile.
 */
public interface MembersFlag {
    /** Called with {@code true} when {@code --cluster} is given. */
    void allMembers(boolean all);

    /** The root command's model transformer; see {@link MembersFlag}. */
    final class Install implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec root) {
            install(root);
            return root;
        }

        private static void install(CommandSpec spec) {
            for (CommandLine sub : spec.subcommands().values()) {
                install(sub.getCommandSpec());
            }
            if (!(spec.userObject() instanceof MembersFlag flag)) {
                return;
            }
            OptionSpec profile = spec.findOption("--cluster");
            if (profile != null && profile.type() == boolean.class) {
                return; // installed already: picocli's completion builds a CommandLine over this model again
            }
            if (profile != null) {
                spec.remove(profile);
                // local: on a group, an inherited copy would be pushed onto its subcommands a second time
                spec.addOption(OptionSpec.builder(profile)
                        .names("-c")
                        .scopeType(ScopeType.LOCAL)
                        .build());
            }
            spec.addOption(OptionSpec.builder("--cluster")
                    .arity("0")
                    .type(boolean.class)
                    .description("Ask every member in the member list, each over a connection of its own "
                            + "(a profile is picked with -c NAME here).")
                    .setter(new ISetter() {
                        @Override
                        public <T> T set(T value) {
                            flag.allMembers(Boolean.TRUE.equals(value));
                            return null;
                        }
                    })
                    .build());
        }
    }
}
