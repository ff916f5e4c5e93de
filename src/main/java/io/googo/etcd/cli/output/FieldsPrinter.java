package io.googo.etcd.cli.output;

import io.googo.etcd.core.kv.DeleteResult;
import io.googo.etcd.core.kv.Header;
import io.googo.etcd.core.kv.Kv;
import io.googo.etcd.core.kv.PutResult;
import io.googo.etcd.core.kv.RangeSink;
import java.io.OutputStream;
import java.util.List;

/** etcdctl's {@code -w fields}: {@code "Field" : value} lines, strings quoted as Go's %q. */
public final class FieldsPrinter extends StreamPrinter {

    public FieldsPrinter(OutputStream out) {
        super(out);
    }

    private void header(Header h) {
        println("\"ClusterID\" : " + Long.toUnsignedString(h.clusterId()));
        println("\"MemberID\" : " + Long.toUnsignedString(h.memberId()));
        println("\"Revision\" : " + h.revision());
        println("\"RaftTerm\" : " + h.raftTerm());
    }

    private void kv(String prefix, Kv kv) {
        println("\"" + prefix + "Key\" : " + Text.goQuote(kv.key()));
        println("\"" + prefix + "CreateRevision\" : " + kv.createRevision());
        println("\"" + prefix + "ModRevision\" : " + kv.modRevision());
        println("\"" + prefix + "Version\" : " + kv.version());
        println("\"" + prefix + "Value\" : " + Text.goQuote(kv.value()));
        println("\"" + prefix + "Lease\" : " + kv.lease());
    }

    @Override
    public void put(PutResult r) {
        header(r.header());
        if (r.prevKv() != null) {
            kv("Prev", r.prevKv());
        }
    }

    @Override
    public void del(DeleteResult r) {
        header(r.header());
        println("\"Deleted\" : " + r.deleted());
        for (Kv kv : r.prevKvs()) {
            kv("Prev", kv);
        }
    }

    @Override
    public RangeSink get(GetView view) {
        return new RangeSink() {
            @Override
            public void begin(Header header, long count) {
                header(header);
            }

            @Override
            public void kv(Kv kv) {
                FieldsPrinter.this.kv("", kv);
            }

            @Override
            public void end(long count, boolean more) {
                println("\"More\" : " + more);
                println("\"Count\" : " + count);
            }
        };
    }

    @Override
    public void configList(List<ProfileRow> rows) {
        for (ProfileRow r : rows) {
            println("\"Name\" : " + Text.goQuote(r.name().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            println("\"Current\" : " + r.current());
            println("\"Endpoints\" : " + String.join(",", r.endpoints()));
        }
    }
}
