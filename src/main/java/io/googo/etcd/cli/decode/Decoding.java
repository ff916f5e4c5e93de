package io.googo.etcd.cli.decode;

import io.googo.etcd.cli.output.JsonPrinter;
import io.googo.etcd.cli.output.Printer;
import io.googo.etcd.cli.output.YamlPrinter;
import io.googo.etcd.core.kv.GetResult;
import io.googo.etcd.core.kv.Header;
import io.googo.etcd.core.kv.Kv;
import io.googo.etcd.core.kv.RangeSink;
import io.googo.etcd.core.txn.TxnResult;
import io.googo.etcd.core.watch.WatchEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * One command's decoding: json and yaml write the decoded form next to the value (the printer
 * is told the decoder); the other formats print the decoded form instead of the value, so
 * their values are replaced on the way to the printer.
 */
public final class Decoding {
    private final ValueDecoder decoder;
    private final boolean replace;

    private Decoding(ValueDecoder decoder, boolean replace) {
        this.decoder = decoder;
        this.replace = replace;
    }

    /** Decoding {@code decoder} (null: none) for what {@code printer} prints. */
    public static Decoding of(ValueDecoder decoder, Printer printer) {
        if (decoder == null) {
            return new Decoding(null, false);
        }
        if (printer instanceof JsonPrinter j) {
            j.decodeWith(decoder);
            return new Decoding(decoder, false);
        }
        if (printer instanceof YamlPrinter y) {
            y.decodeWith(decoder);
            return new Decoding(decoder, false);
        }
        return new Decoding(decoder, true);
    }

    public boolean active() {
        return decoder != null;
    }

    public Kv kv(Kv kv) {
        if (!replace || kv == null) {
            return kv;
        }
        ValueDecoder.Shown s = decoder.decode(kv.key(), kv.value());
        return s == null
                ? kv
                : new Kv(kv.key(), s.bytes(), kv.createRevision(), kv.modRevision(), kv.version(), kv.lease());
    }

    public RangeSink sink(RangeSink s) {
        if (!replace) {
            return s;
        }
        return new RangeSink() {
            @Override
            public void begin(Header header, long count) {
                s.begin(header, count);
            }

            @Override
            public void kv(Kv kv) {
                s.kv(Decoding.this.kv(kv));
            }

            @Override
            public void end(long count, boolean more) {
                s.end(count, more);
            }
        };
    }

    public WatchEvent event(WatchEvent e) {
        if (!replace || e.isProgress()) {
            return e;
        }
        return new WatchEvent(e.type(), kv(e.kv()), kv(e.prevKv()), e.revision());
    }

    public TxnResult txn(TxnResult r) {
        if (!replace) {
            return r;
        }
        List<TxnResult.OpResult> ops = new ArrayList<>();
        for (TxnResult.OpResult op : r.results()) {
            if (op instanceof TxnResult.GetOp g) {
                List<Kv> kvs = new ArrayList<>();
                for (Kv kv : g.result().kvs()) {
                    kvs.add(kv(kv));
                }
                GetResult gr = g.result();
                op = new TxnResult.GetOp(
                        new GetResult(gr.header(), kvs, gr.count(), gr.more()), g.keysOnly(), g.countOnly());
            }
            ops.add(op);
        }
        return new TxnResult(r.header(), r.succeeded(), ops);
    }

    /** After the command: reports values the decoder failed on. */
    public void finish() {
        if (decoder != null) {
            decoder.finish();
        }
    }
}
