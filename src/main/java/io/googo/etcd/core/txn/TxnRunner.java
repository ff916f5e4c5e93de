package io.googo.etcd.core.txn;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.GooEtcdOps;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.googo.etcd.core.client.EtcdClient;
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
        List<Cmp> cmps = new ArrayList<>();
        for (Compare c : r.compares()) {
            cmps.add(cmp(c));
        }
        List<Op> then = ops(r.success());
        List<Op> otherwise = ops(r.failure());
        TxnResponse resp = client.call("txn", () -> client.jetcd().getKVClient().txn()
                .If(cmps.toArray(new Cmp[0]))
                .Then(then.toArray(new Op[0]))
                .Else(otherwise.toArray(new Op[0]))
                .commit());
        List<TxnOp> ran = resp.isSucceeded() ? r.success() : r.failure();
        Iterator<io.etcd.jetcd.kv.PutResponse> puts = resp.getPutResponses().iterator();
        Iterator<io.etcd.jetcd.kv.GetResponse> gets = resp.getGetResponses().iterator();
        Iterator<io.etcd.jetcd.kv.DeleteResponse> dels = resp.getDeleteResponses().iterator();
        List<TxnResult.OpResult> results = new ArrayList<>();
        for (TxnOp op : ran) {
            if (op instanceof TxnOp.Put) {
                var p = puts.next();
                results.add(new TxnResult.PutOp(new PutResult(Header.of(p.getHeader()),
                        p.hasPrevKv() ? Kv.of(p.getPrevKv()) : null)));
            } else if (op instanceof TxnOp.Get g) {
                var x = gets.next();
                List<Kv> kvs = new ArrayList<>();
                x.getKvs().forEach(kv -> kvs.add(Kv.of(kv)));
                results.add(new TxnResult.GetOp(new GetResult(Header.of(x.getHeader()), List.copyOf(kvs),
                        x.getCount(), x.isMore()), g.options().keysOnly(), g.options().countOnly()));
            } else {
                var d = dels.next();
                List<Kv> prev = new ArrayList<>();
                d.getPrevKvs().forEach(kv -> prev.add(Kv.of(kv)));
                results.add(new TxnResult.DeleteOp(new DeleteResult(Header.of(d.getHeader()), d.getDeleted(),
                        List.copyOf(prev))));
            }
        }
        return new TxnResult(Header.of(resp.getHeader()), resp.isSucceeded(), results);
    }

    private static Cmp cmp(Compare c) {
        KeyNames.checkKey(c.key(), "compare key");
        ByteSequence key = ByteSequence.from(c.key());
        Cmp.Op op = switch (c.op()) {
            case EQUAL -> Cmp.Op.EQUAL;
            case NOT_EQUAL -> Cmp.Op.NOT_EQUAL;
            case LESS -> Cmp.Op.LESS;
            case GREATER -> Cmp.Op.GREATER;
        };
        return switch (c.target()) {
            case VALUE -> new Cmp(key, op, CmpTarget.value(ByteSequence.from(c.value())));
            case VERSION -> new Cmp(key, op, CmpTarget.version(c.number()));
            case CREATE -> new Cmp(key, op, CmpTarget.createRevision(c.number()));
            case MOD -> new Cmp(key, op, CmpTarget.modRevision(c.number()));
            case LEASE -> GooEtcdOps.leaseCompare(key, op, c.number());
        };
    }

    private static List<Op> ops(List<TxnOp> ops) {
        List<Op> out = new ArrayList<>();
        for (TxnOp op : ops) {
            out.add(op(op));
        }
        return out;
    }

    private static Op op(TxnOp op) {
        if (op instanceof TxnOp.Put p) {
            KeyNames.checkKey(p.key(), "key");
            return GooEtcdOps.put(ByteSequence.from(p.key()), ByteSequence.from(p.value()), p.lease(), p.prevKv(),
                    p.ignoreValue(), p.ignoreLease());
        }
        if (op instanceof TxnOp.Get g) {
            GetOptions o = g.options();
            KeyRanges.Range range = KeyRanges.of(g.key(), o.rangeEnd(), o.prefix(), o.fromKey());
            return Op.get(ByteSequence.from(range.start()),
                    RangeReader.option(range.end(), o, o.limit(), o.revision(), false));
        }
        TxnOp.Delete d = (TxnOp.Delete) op;
        DeleteOptions o = d.options();
        KeyRanges.Range range = KeyRanges.of(d.key(), o.rangeEnd(), o.prefix(), o.fromKey());
        DeleteOption.Builder b = DeleteOption.builder().withPrevKV(o.prevKv());
        if (range.end() != null) {
            b.withRange(ByteSequence.from(range.end()));
        }
        return Op.delete(ByteSequence.from(range.start()), b.build());
    }

    /** {key, rangeEnd} as etcd wants them for a key, a range, a prefix or "from key". */
}
