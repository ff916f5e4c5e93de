package io.googo.etcd.cli.option;

import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.config.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A lease TTL: whole seconds as etcdctl takes them ({@code 60}), or a Go-style duration ({@code 1m}).
 * Whether it is a whole number of seconds, at least 1 s, is checked where it is used (exit 3).
 */
public final class TtlConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        String v = value.trim();
        if (v.matches("\\d{1,12}")) {
            return Duration.ofSeconds(Long.parseLong(v));
        }
        try {
            return Durations.parse(v, "ttl");
        } catch (EtcdException e) {
            throw new TypeConversionException(
                    "'" + value + "' is not a TTL; write seconds (60) or a Go-style duration" + " (1m, 90s)");
        }
    }
}
