package io.googo.etcd.cli.option;

import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.key.RangeFlags;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * KEY [RANGE_END], {@code --prefix} and {@code --from-key}, as etcdctl's get and del take them:
 * one definition and one set of checks for every command that reads or deletes a range.
 */
public final class KeyRange {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Parameters(index = "0", paramLabel = "KEY", description = "The key, or the start of the range.")
    String key;

    @Parameters(
            index = "1",
            paramLabel = "RANGE_END",
            arity = "0..1",
            description = "End of the range [KEY, RANGE_END).")
    String rangeEnd;

    @Option(names = RangeFlags.PREFIX, description = "Every key that starts with KEY.")
    boolean prefix;

    @Option(names = RangeFlags.FROM_KEY, description = "Every key >= KEY.")
    boolean fromKey;

    /** The usage checks: --prefix and --from-key not together, RANGE_END with neither. */
    public void validate() {
        if (prefix && fromKey) {
            throw new ParameterException(mixee.commandLine(), RangeFlags.PREFIX_AND_FROM_KEY);
        }
        if (rangeEnd != null && (prefix || fromKey)) {
            throw new ParameterException(mixee.commandLine(), RangeFlags.RANGE_END_WITH_FLAG);
        }
    }

    /** The key's bytes; an empty key only as the start of a range (exit 3). Call after {@link #validate()}. */
    public byte[] key() {
        return keyBytes(key, prefix || fromKey);
    }

    /**
     * KEY's bytes, for every command that takes one: an empty key only as the start of a range
     * ({@code range}: {@code --prefix} or {@code --from-key} given), else exit 3.
     */
    public static byte[] keyBytes(String key, boolean range) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        if (k.length == 0 && !range) {
            throw EtcdException.invalid("key must not be empty");
        }
        return k;
    }

    /** RANGE_END's bytes, or null. */
    public byte[] rangeEnd() {
        return rangeEnd == null ? null : rangeEnd.getBytes(StandardCharsets.UTF_8);
    }

    public boolean prefix() {
        return prefix;
    }

    public boolean fromKey() {
        return fromKey;
    }
}
