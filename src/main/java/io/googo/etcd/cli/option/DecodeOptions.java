package io.googo.etcd.cli.option;

import io.googo.etcd.cli.decode.CommandDecoder;
import io.googo.etcd.cli.decode.Decoding;
import io.googo.etcd.cli.decode.K8sDecoder;
import io.googo.etcd.cli.decode.ValueDecoder;
import io.googo.etcd.cli.output.Printer;
import io.googo.etcd.core.EtcdException;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --decode FORMAT} and {@code --decoder CMD}: how values are shown (get, watch, dump, txn). */
public final class DecodeOptions {
    @Option(
            names = "--decode",
            paramLabel = "FORMAT",
            description = "Show values decoded: k8s (Kubernetes objects as kubectl shows them; "
                    + "none turns off a profile's decode setting).")
    public String decode;

    @Option(
            names = "--decoder",
            paramLabel = "CMD",
            description =
                    "Pipe each value through CMD (run by sh -c, the value on its stdin) and show its output instead.")
    public String decoder;

    /** The decoding asked for by the flags, else by the profile's {@code decode} setting (null: none). */
    public Decoding open(Printer printer, PrintWriter err, String profileDecode) {
        return Decoding.of(decoder(err, profileDecode), printer);
    }

    /** The decoder asked for by the flags, else by the profile's {@code decode} setting; null for none. */
    public ValueDecoder decoder(PrintWriter err, String profileDecode) {
        if (decode != null && decoder != null) {
            throw EtcdException.invalid("--decode and --decoder cannot be used together");
        }
        if (decoder != null) {
            return new CommandDecoder(decoder, err, Duration.ofSeconds(10));
        }
        return decoderFor(decode != null ? decode : profileDecode, err);
    }

    /** The decoder named {@code format}: k8s, none (or null) for none; anything else is refused (exit 3). */
    public static ValueDecoder decoderFor(String format, PrintWriter err) {
        if (format == null || format.equals("none")) {
            return null;
        }
        if (format.equals("k8s")) {
            return new K8sDecoder(err);
        }
        throw EtcdException.invalid("unknown decode format '" + format + "'; known: k8s, none");
    }
}
