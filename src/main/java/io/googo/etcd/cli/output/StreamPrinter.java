package io.googo.etcd.cli.output;

import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.kv.GetResult;
import io.googo.etcd.core.kv.Kv;
import io.googo.etcd.core.kv.RangeSink;
import io.googo.etcd.core.txn.TxnResult;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Base of the printers: a byte stream (values are written raw) with a few helpers. */
abstract class StreamPrinter implements Printer {
    protected final OutputStream out;

    StreamPrinter(OutputStream out) {
        this.out = out;
    }

    protected void write(byte[] b) {
        try {
            out.write(b);
        } catch (IOException e) {
            throw broken(e);
        }
    }

    protected void print(String s) {
        write(s.getBytes(StandardCharsets.UTF_8));
    }

    protected void println(String s) {
        print(s);
        newline();
    }

    protected void newline() {
        try {
            out.write('\n');
        } catch (IOException e) {
            throw broken(e);
        }
    }

    @Override
    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw broken(e);
        }
    }

    /**
     * Prints each of a transaction's results as the command alone would print it (put, del,
     * get), with a blank line before each when {@code blankLineBefore} (etcdctl's simple format).
     */
    protected void txnOps(TxnResult r, boolean blankLineBefore) {
        for (TxnResult.OpResult o : r.results()) {
            if (blankLineBefore) {
                newline();
            }
            if (o instanceof TxnResult.PutOp p) {
                put(p.result());
            } else if (o instanceof TxnResult.DeleteOp d) {
                del(d.result());
            } else if (o instanceof TxnResult.GetOp g) {
                replay(get(new GetView(false, g.keysOnly(), g.countOnly())), g.result());
            }
        }
    }

    /** Feeds a range read held in memory (a transaction's get) to a streaming sink. */
    static void replay(RangeSink sink, GetResult r) {
        sink.begin(r.header(), r.count());
        for (Kv kv : r.kvs()) {
            sink.kv(kv);
        }
        sink.end(r.count(), r.more());
    }

    static EtcdException broken(IOException e) {
        // the printer writes only to standard output: a broken pipe here is its reader gone
        if (e instanceof StdoutClosedException.Closed || StdoutClosedException.isBrokenPipe(e)) {
            return new StdoutClosedException(e);
        }
        return EtcdException.io("cannot write to standard output: " + e.getMessage(), new UncheckedIOException(e));
    }
}
