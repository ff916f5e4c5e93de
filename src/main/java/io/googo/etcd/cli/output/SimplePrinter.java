package io.googo.etcd.cli.output;

import io.googo.etcd.core.kv.DeleteResult;
import io.googo.etcd.core.kv.Header;
import io.googo.etcd.core.kv.Kv;
import io.googo.etcd.core.kv.PutResult;
import io.googo.etcd.core.kv.RangeSink;
import java.io.OutputStream;
import java.util.List;

/** etcdctl's simple output, line for line; values are written as raw bytes. */
public final class SimplePrinter extends StreamPrinter {

    public SimplePrinter(OutputStream out) {
        super(out);
    }

    @Override
    public void put(PutResult r) {
        println("OK");
        if (r.prevKv() != null) {
            kv(r.prevKv(), false);
        }
    }

    @Override
    public void del(DeleteResult r) {
        println(Long.toString(r.deleted()));
        for (Kv kv : r.prevKvs()) {
            kv(kv, false);
        }
    }

    @Override
    public RangeSink get(GetView view) {
        return new RangeSink() {
            @Override
            public void begin(Header header, long count) {
            }

            @Override
            public void kv(Kv kv) {
                SimplePrinter.this.kv(kv, view.valueOnly());
            }

            @Override
            public void end(long count, boolean more) {
                if (view.countOnly()) {
                    println(Long.toString(count));
                }
            }
        };
    }

    private void kv(Kv kv, boolean valueOnly) {
        if (!valueOnly) {
            write(kv.key());
            newline();
        }
        write(kv.value());
        newline();
    }

    @Override
    public void load(LoadSummary s) {
        println(String.format(java.util.Locale.ROOT, "loaded %d keys%s in %.2fs (%.0f keys/s)", s.loaded(),
                s.leases() > 0 ? " (" + s.leases() + (s.leases() == 1 ? " lease" : " leases") + ")" : "",
                s.seconds(), s.keysPerSecond()));
    }

    @Override
    public void configList(List<ProfileRow> rows) {
        for (ProfileRow r : rows) {
            println((r.current() ? "* " : "  ") + r.name());
        }
    }

    @Override
    public void version(VersionInfo v) {
        println("gooetcd version: " + v.clientVersion());
        println("API version: " + v.apiVersion());
        for (ServerVersion s : v.servers()) {
            println("server version: " + (s.version() != null ? s.version() : "unknown (" + s.error() + ")")
                    + " (" + s.endpoint() + ")");
        }
    }
}
