package io.googo.etcd.cli.option;

import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.config.Durations;
import io.googo.etcd.core.kv.GetOptions.Consistency;
import io.googo.etcd.core.kv.GetOptions.SortOrder;
import io.googo.etcd.core.kv.GetOptions.SortTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Flag value converters; a bad value is a usage error (exit 128), as in etcdctl. */
public final class Converters {
    private Converters() {}

    /** Go-style durations: {@code 500ms}, {@code 5s}, {@code 1m30s}. */
    public static final class GoDuration implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Durations.parse(value, "duration");
            } catch (EtcdException e) {
                throw new TypeConversionException(
                        "'" + value + "' is not a duration; write it Go-style, e.g. 500ms, 5s, 1m30s");
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
                throw new TypeConversionException(
                        "'" + value + "' is not a positive duration; write it Go-style, e.g. 500ms, 5s, 1m30s");
            }
        }
    }

    /** {@code --sort-by}: create, modify, version, key or value. */
    public static final class SortTargetName implements ITypeConverter<SortTarget> {
        @Override
        public SortTarget convert(String value) {
            SortTarget t = SortTarget.parse(value);
            if (t == null) {
                throw new TypeConversionException("'" + value + "' is not a sort target; use " + SortTarget.NAMES);
            }
            return t;
        }
    }

    /** The names {@link SortTargetName} takes, for completion. */
    public static final class SortTargetNames extends ArrayList<String> {
        public SortTargetNames() {
            super(List.of("create", "modify", "version", "key", "value"));
        }
    }

    /** {@code --order}: ascend or descend. */
    public static final class SortOrderName implements ITypeConverter<SortOrder> {
        @Override
        public SortOrder convert(String value) {
            SortOrder o = SortOrder.parse(value);
            if (o == null) {
                throw new TypeConversionException("'" + value + "' is not a sort order; use " + SortOrder.NAMES);
            }
            return o;
        }
    }

    /** The names {@link SortOrderName} takes, for completion. */
    public static final class SortOrderNames extends ArrayList<String> {
        public SortOrderNames() {
            super(List.of("ascend", "descend"));
        }
    }

    /** {@code --consistency}: {@code l} (linearizable) or {@code s} (serializable). */
    public static final class ConsistencyName implements ITypeConverter<Consistency> {
        @Override
        public Consistency convert(String value) {
            Consistency c = Consistency.parse(value);
            if (c == null) {
                throw new TypeConversionException("'" + value + "' is not a consistency; use " + Consistency.NAMES);
            }
            return c;
        }
    }

    /** The names {@link ConsistencyName} takes, for completion. */
    public static final class ConsistencyNames extends ArrayList<String> {
        public ConsistencyNames() {
            super(List.of("l", "s"));
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
