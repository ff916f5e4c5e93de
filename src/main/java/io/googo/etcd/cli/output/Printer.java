package io.googo.etcd.cli.output;

import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.kv.DeleteResult;
import io.googo.etcd.core.kv.PutResult;
import io.googo.etcd.core.kv.RangeSink;
import java.util.List;

/**
 * Turns results into text in one output format: one method per result type, as etcdctl's
 * printers. A format that cannot print a result says so with an UNSUPPORTED error; commands
 * check {@link OutputFormat#choose} before they send anything, so that is a safety net.
 */
public interface Printer {

    /** How a range read is shown: etcdctl's {@code --print-value-only}, {@code --keys-only}, {@code --count-only}. */
    record GetView(boolean valueOnly, boolean keysOnly, boolean countOnly) {
    }

    /** One row of {@code config list}. */
    record ProfileRow(String name, boolean current, List<String> endpoints) {
    }

    /** What {@code version} found. */
    record VersionInfo(String clientVersion, String apiVersion, List<ServerVersion> servers) {
    }

    /** One endpoint's server version, or the error that kept us from reading it. */
    record ServerVersion(String endpoint, String version, String error) {
    }

    /** What {@code load} did. */
    record LoadSummary(long loaded, long leases, double seconds, double keysPerSecond) {
    }

    default void load(LoadSummary s) {
        throw unsupported("load");
    }

    default void put(PutResult r) {
        throw unsupported("put");
    }

    default void del(DeleteResult r) {
        throw unsupported("del");
    }

    /** A sink that prints a range as it streams in. */
    default RangeSink get(GetView view) {
        throw unsupported("get");
    }

    default void configList(List<ProfileRow> rows) {
        throw unsupported("config list");
    }

    default void version(VersionInfo v) {
        throw unsupported("version");
    }

    /** Flushes what is buffered. */
    void flush();

    private EtcdException unsupported(String what) {
        return EtcdException.unsupported("'" + what + "' cannot print this format");
    }
}
