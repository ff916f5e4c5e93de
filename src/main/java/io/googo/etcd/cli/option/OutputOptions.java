package io.googo.etcd.cli.option;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code -w/--write-out} and {@code --debug}, accepted before or after the command name. */
public final class OutputOptions {
    @Option(names = {"-w", "--write-out"}, paramLabel = "FORMAT", scope = ScopeType.INHERIT,
            completionCandidates = FormatCandidates.class,
            description = "Output format: simple (default), json, table, fields, etcdctl-json, yaml (get, watch).")
    public String writeOut = "simple";

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Stack traces and gRPC debug logging on stderr.")
    public boolean debug;
}
