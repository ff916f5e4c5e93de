package io.googo.etcd.cli.option;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code -w/--write-out} and {@code --debug}, accepted before or after the command name. */
public final class OutputOptions {
    @Option(
            names = {"-w", "--write-out"},
            paramLabel = "FORMAT",
            scope = ScopeType.INHERIT,
            completionCandidates = FormatCandidates.class,
            description = "Output format: simple (default), json, table, fields, etcdctl-json, yaml (get, watch)."
                    + " Default: $GOOETCD_WRITE_OUT, else $ETCDCTL_WRITE_OUT (its json is etcdctl-json).")
    public String writeOut;

    @Option(
            names = "--debug",
            scope = ScopeType.INHERIT,
            description = "Stack traces and gRPC debug logging on stderr.")
    public boolean debug;

    @Option(
            names = "--hex",
            paramLabel = "BOOL",
            scope = ScopeType.INHERIT,
            arity = "0..1",
            fallbackValue = "true",
            description = "Print keys and values as hex escapes (\\x61\\x62), as etcdctl; simple output only."
                    + " Default: $GOOETCD_HEX, else $ETCDCTL_HEX.")
    public Boolean hex;

    /**
     * The format to print: {@code -w} when given, else {@code $GOOETCD_WRITE_OUT}, else
     * {@code $ETCDCTL_WRITE_OUT} as etcdctl means it (its {@code json} is our {@code etcdctl-json}),
     * else {@code simple}. Empty variables count as unset.
     */
    public String writeOut(java.util.Map<String, String> env) {
        if (writeOut != null) {
            return writeOut;
        }
        String own = env.get("GOOETCD_WRITE_OUT");
        if (own != null && !own.isEmpty()) {
            return own;
        }
        String ctl = env.get("ETCDCTL_WRITE_OUT");
        if (ctl != null && !ctl.isEmpty()) {
            return ctl.equals("json") ? "etcdctl-json" : ctl;
        }
        return "simple";
    }
}
