package io.googo.etcd.cli.output;

import io.googo.etcd.core.EtcdException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The {@code -w/--write-out} formats. */
public enum OutputFormat {
    SIMPLE("simple"),
    JSON("json"),
    TABLE("table"),
    FIELDS("fields"),
    ETCDCTL_JSON("etcdctl-json"),
    YAML("yaml"),
    PROTOBUF("protobuf");

    private final String flag;

    OutputFormat(String flag) {
        this.flag = flag;
    }

    public String flag() {
        return flag;
    }

    /**
     * The format named {@code name}, if {@code command} can print it.
     *
     * @throws EtcdException UNSUPPORTED listing what the command can print
     */
    public static OutputFormat choose(String name, String command, List<OutputFormat> supported) {
        for (OutputFormat f : values()) {
            if (f.flag.equals(name) && supported.contains(f)) {
                return f;
            }
        }
        if (name.equals("protobuf")) {
            throw EtcdException.unsupported("protobuf not supported as output format"); // etcdctl's words
        }
        String list = supported.stream().map(OutputFormat::flag).collect(Collectors.joining(", "));
        boolean known = Arrays.stream(values()).anyMatch(f -> f.flag.equals(name));
        throw EtcdException.unsupported((known
                        ? "'" + command + "' cannot print format '" + name + "'"
                        : "unknown output format '" + name + "'")
                + "; it can print: " + list);
    }
}
