package io.googo.etcd.cli.option;

import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.config.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Flag value converters; a bad value is a usage error (exit 128), as in etcdctl. */
public final class Converters {
    private Converters() {
    }

    /** Go-style durations: {@code 500ms}, {@code 5s}, {@code 1m30s}. */
    public static final class GoDuration implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Durations.parse(value, "duration");
            } catch (EtcdException e) {
                throw new TypeConversionException("'" + value + "' is not a duration; write it Go-style, e.g. 500ms, 5s, 1m30s");
            }
        }
    }

    /**
     * A positive Go-style duration checked when the flag is parsed (a bad one is a usage error) and
     * kept as written, for the profile resolver.
     */
    public static final class PositiveGoDurationText implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                Durations.parsePositive(value, "duration");
                return value;
            } catch (EtcdException e) {
                throw new TypeConversionException("'" + value
                        + "' is not a positive duration; write it Go-style, e.g. 500ms, 5s, 1m30s");
            }
        }
    }

    /** Lease and member IDs in hex, as etcdctl shows them. */
    public static final class HexId implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            String v = value.startsWith("0x") || value.startsWith("0X") ? value.substring(2) : value;
            try {
                if (v.isEmpty() || v.length() > 16) {
                    throw new NumberFormatException();
                }
                return Long.parseUnsignedLong(v, 16);
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not an ID; expecting hex, e.g. 694d77aa9e38260f");
            }
        }
    }

    /** A non-negative whole number (revisions, limits). */
    public static final class NonNegative implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                long n = Long.parseLong(value);
                if (n < 0) {
                    throw new NumberFormatException();
                }
                return n;
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a whole number >= 0");
            }
        }
    }
}
