package io.googo.etcd.cli.output;

import java.io.IOException;
import java.io.OutputStream;

/**
 * {@code -w protobuf}: etcd's response message in its protobuf encoding, as etcdctl writes it (no
 * length prefix, no header, no newline). Not a {@link Printer}: the command asks the core for the
 * message itself.
 */
public final class ProtobufWriter {
    private ProtobufWriter() {}

    /** Writes {@code message} (an encoded response) to {@code out} and flushes it. */
    public static void write(OutputStream out, byte[] message) {
        try {
            out.write(message);
            out.flush();
        } catch (IOException e) {
            throw StreamPrinter.broken(e);
        }
    }
}
