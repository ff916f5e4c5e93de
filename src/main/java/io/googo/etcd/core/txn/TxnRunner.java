package io.googo.etcd.core.txn;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.api.RequestOp;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.options.DeleteOption;
import io.googo.etcd.core.client.EtcdClient;
import io.googo.etcd.core.client.ProtoTxn;
import io.googo.etcd.core.key.KeyNames;
import io.googo.etcd.core.key.KeyRanges;
import io.googo.etcd.core.kv.DeleteOptions;
import io.googo.etcd.core.kv.DeleteResult;
import io.googo.etcd.core.kv.GetOptions;
import io.googo.etcd.core.kv.GetResult;
import io.googo.etcd.core.kv.Header;
import io.googo.etcd.core.kv.Kv;
import io.googo.etcd.core.kv.PutResult;
import io.googo.etcd.core.kv.RangeReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Sends a {@link TxnRequest} as one etcd transaction and reads back its results in operation order. */
public final class TxnRunner {
    private final EtcdClient client;

    public TxnRunner(EtcdClient client) {
        this.client = client;
    }

    public TxnResult run(TxnRequest r) {
        TxnResponse resp = send(r);
        List<TxnOp> ran = resp.isSucceeded() ? r.success() : r.failure();
        Iterator<io.etcd.jetcd.kv.PutResponse> puts = resp.getPutResponses().iterator();
        Iterator<io.etcd.jetcd.kv.GetResponse> gets = resp.getGetResponses().iterator();
        Iterator<io.etcd.jetcd.kv.DeleteResponse> dels =
                resp.getDeleteResponses().iterator();
        List<TxnResult.OpResult> results = new ArrayList<>();
        for (TxnOp op : ran) {
            if (op instanceof TxnOp.Put) {
                var p = puts.next();
                results.add(new TxnResult.PutOp(
                        new PutResult(Header.of(p.getHeader()), p.hasPrevKv() ? Kv.of(p.getPrevKv()) : null)));
            } else if (op instanceof TxnOp.Get g) {
                var x = gets.next();
                List<Kv> kvs = new ArrayList<>();
                x.getKvs().forEach(kv -> kvs.add(Kv.of(kv)));
                results.add(new TxnResult.GetOp(
                        new GetResult(Header.of(x.getHeader()), List.copyOf(kvs), x.getCount(), x.isMore()),
                        g.options().keysOnly(),
                        g.options().countOnly()));
            } else {
                var d = dels.next();
                List<Kv> prev = new ArrayList<>();
                d.getPrevKvs().forEach(kv -> prev.add(Kv.of(kv)));
                results.add(new TxnResult.DeleteOp(
                        new DeleteResult(Header.of(d.getHeader()), d.getDeleted(), List.copyOf(prev))));
            }
        }
        return new TxnResult(Header.of(resp.getHeader()), resp.isSucceeded(), results);
    }

    /**
     * Sends {@code r} as one etcd transaction (bounded by the client's request timeout) and returns
     * jetcd's response; {@link EtcdClient#txnMessage} takes etcd's message from it.
     *
     * @param r the transaction
     * @return the response, keys without the client's namespace
     */
    public TxnResponse send(TxnRequest r) {
        return client.callKv("txn", () -> {
            ProtoTxn t = client.protoTxn();
            for (Compare c : r.compares()) {
                compare(t, c);
            }
            for (TxnOp op : r.success()) {
                t.op(true, op(t, op));
            }
            for (TxnOp op : r.failure()) {
                t.op(false, op(t, op));
            }
            return t.commit();
        });
    }

    private static void compare(ProtoTxn t, Compare c) {
        KeyNames.checkKey(c.key(), "compare key");
        io.etcd.jetcd.api.Compare.CompareResult op = switch (c.op()) {
            case EQUAL -> io.etcd.jetcd.api.Compare.CompareResult.EQUAL;
            case NOT_EQUAL -> io.etcd.jetcd.api.Compare.CompareResult.NOT_EQUAL;
            case LESS -> io.etcd.jetcd.api.Compare.CompareResult.LESS;
            case GREATER -> io.etcd.jetcd.api.Compare.CompareResult.GREATER;
        };
        switch (c.target()) {
            case VALUE -> t.compareValue(c.key(), op, c.value());
            case VERSION -> t.compare(c.key(), io.etcd.jetcd.api.Compare.CompareTarget.VERSION, op, c.number());
            case CREATE -> t.compare(c.key(), io.etcd.jetcd.api.Compare.CompareTarget.CREATE, op, c.number());
            case MOD -> t.compare(c.key(), io.etcd.jetcd.api.Compare.CompareTarget.MOD, op, c.number());
            case LEASE -> t.compareLease(c.key(), op, c.number());
        }
    }

    private static RequestOp op(ProtoTxn t, TxnOp op) {
        if (op instanceof TxnOp.Put p) {
            KeyNames.checkKey(p.key(), "key");
            return t.put(p.key(), p.value(), p.lease(), p.prevKv(), p.ignoreValue(), p.ignoreLease());
        }
        if (op instanceof TxnOp.Get g) {
            GetOptions o = g.options();
            KeyRanges.Range range = KeyRanges.of(g.key(), o.rangeEnd(), o.prefix(), o.fromKey());
            return t.get(range.start(), RangeReader.option(range.end(), o, o.limit(), o.revision(), false));
        }
        TxnOp.Delete d = (TxnOp.Delete) op;
        DeleteOptions o = d.options();
        KeyRanges.Range range = KeyRanges.of(d.key(), o.rangeEnd(), o.prefix(), o.fromKey());
        DeleteOption.Builder b = DeleteOption.builder().withPrevKV(o.prevKv());
        if (range.end() != null) {
            b.withRange(ByteSequence.from(range.end()));
        }
        return t.delete(range.start(), b.build());
    }

    /** {key, rangeEnd} as etcd wants them for a key, a range, a prefix or "from key". */
}
