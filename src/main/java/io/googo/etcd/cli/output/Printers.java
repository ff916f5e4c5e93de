package io.googo.etcd.cli.output;

import java.io.OutputStream;

/** Makes the printer of a format. */
public final class Printers {
    private Printers() {}

    public static Printer of(OutputFormat f, OutputStream out) {
        return of(f, out, false);
    }

    /** With {@code hex}, the simple output writes keys and values as etcdctl's {@code --hex} (HexBytes). */
    public static Printer of(OutputFormat f, OutputStream out, boolean hex) {
        return switch (f) {
            case SIMPLE -> new SimplePrinter(out, hex);
            case JSON -> JsonPrinter.of(out, false);
            case ETCDCTL_JSON -> JsonPrinter.of(out, true);
            case FIELDS -> new FieldsPrinter(out);
            case TABLE -> new TablePrinter(out);
            case YAML -> new YamlPrinter(out);
            case PROTOBUF -> throw new IllegalStateException("protobuf is written by ProtobufWriter, not a printer");
        };
    }
}
