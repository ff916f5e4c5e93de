package io.googo.etcd.core.kv;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.client.EtcdClient;
import io.googo.etcd.core.key.KeyRanges;
import io.googo.etcd.core.kv.GetOptions.SortOrder;
import io.googo.etcd.core.kv.GetOptions.SortTarget;
import io.grpc.Status;

/**
 * Reads a range page by page at one revision and hands each pair to a {@link RangeSink}.
 *
 * <p>Pages are used when the range is returned in key order (no sort, or by key ascending):
 * each page asks for the keys after the last one seen, at the revision of the first page.
 * etcd answers a sorted or filtered range by loading the whole rest of the range on every
 * request, so a sort by anything else, or descending, is read with one request.
 */
public final class RangeReader {
    private final EtcdClient client;

    public RangeReader(EtcdClient client) {
        this.client = client;
    }

    public void read(byte[] key, GetOptions o, RangeSink sink) {
        if (o.limit() < 0) {
            throw EtcdException.invalid("--limit must not be negative");
        }
        if (o.pageSize() < 0) {
            throw EtcdException.invalid("page size must be at least 1");
        }
        boolean grow = o.pageSize() == GetOptions.AUTO_PAGE_SIZE;
        long page = grow ? GetOptions.DEFAULT_PAGE_SIZE : o.pageSize();
        long targetBytes = client.config().maxReceiveMessageSize() / 10 * 8;
        KeyRanges.Range range = KeyRanges.of(key, o.rangeEnd(), o.prefix(), o.fromKey());
        byte[] start = range.start();
        byte[] end = range.end();
        String what = "get " + EtcdClient.printable(key);
        boolean keyOrder =
                (o.order() == SortOrder.NONE || o.order() == SortOrder.ASCEND) && o.sortBy() == SortTarget.KEY;
        boolean paged = keyOrder && end != null && !o.countOnly();
        if (!paged) {
            GetResponse r = fetch(what, start, end, o, o.limit(), o.revision(), false);
            sink.begin(Header.of(r.getHeader()), r.getCount());
            r.getKvs().forEach(kv -> sink.kv(Kv.of(kv)));
            sink.end(r.getCount(), r.isMore());
            return;
        }
        long revision = o.revision();
        long remaining = o.limit();
        long count = 0;
        long seen = 0;
        boolean more = false;
        // without a limit each request after the first asks for [start, bound): see PageBounds
        PageBounds bounds = o.limit() == 0 ? new PageBounds(start, end) : null;
        byte[] to = null;
        long n = remaining > 0 ? Math.min(page, remaining) : page;
        EtcdClient.Pending<GetResponse> pending = begin(what, start, end, o, n, revision);
        try {
            boolean first = true;
            while (true) {
                GetResponse r;
                try {
                    r = pending.get();
                } catch (EtcdException e) {
                    pending = null;
                    if (!tooLarge(e) || n <= 1) {
                        throw e;
                    }
                    // a page of larger pairs than the last ones: the same request, half as many keys
                    n = n / 2;
                    page = n;
                    grow = false;
                    pending = begin(what, start, to == null ? end : to, o, n, revision);
                    continue;
                }
                pending = null;
                if (first) {
                    first = false;
                    count = r.getCount();
                    revision = r.getHeader().getRevision();
                    if (o.revision() > 0) {
                        revision = o.revision();
                    }
                    sink.begin(Header.of(r.getHeader()), count);
                }
                var kvs = r.getKvs();
                int got = kvs.size();
                long asked = n;
                byte[] lastKey = got == 0 ? null : kvs.get(got - 1).getKey().getBytes();
                if (grow && got == asked) {
                    long bytes = 0;
                    for (var kv : kvs) {
                        // 48: the most a pair's revisions, version, lease and tags add on the wire
                        bytes += kv.getKey().size() + kv.getValue().size() + 48;
                    }
                    // at most double, and only while the next response stays under the target size
                    page = Math.max(page, Math.min(page * 2, targetBytes * got / Math.max(1, bytes)));
                }
                if (remaining > 0) {
                    remaining -= got;
                }
                boolean done = false;
                byte[] next = null;
                if (to == null) {
                    more = r.isMore();
                    if (!more || got == 0) {
                        more = false;
                        done = true;
                    } else if (o.limit() > 0 && remaining <= 0) {
                        done = true;
                    } else {
                        next = KeyRanges.successor(lastKey);
                    }
                } else {
                    next = r.isMore() && got > 0 ? KeyRanges.successor(lastKey) : to;
                }
                seen += got;
                if (bounds != null && seen >= count) {
                    // every request reads at one revision, so the first one's count is all there is
                    more = false;
                    done = true;
                }
                if (!done) {
                    // ask for the next page now, while this one goes to the sink
                    byte[] from = start;
                    byte[] was = to;
                    n = remaining > 0 ? Math.min(page, remaining) : page;
                    to = bounds == null ? null : bounds.next(from, was, asked, got, lastKey, next, n);
                    start = next;
                    pending = begin(what, start, to == null ? end : to, o, n, revision);
                }
                for (var kv : kvs) {
                    sink.kv(Kv.of(kv));
                }
                if (done) {
                    break;
                }
            }
        } finally {
            if (pending != null) {
                pending.cancel();
            }
        }
        sink.end(count, more);
    }

    /** The answer was over the client's max receive message size. */
    private static boolean tooLarge(EtcdException e) {
        return e.getCause() != null && Status.fromThrowable(e.getCause()).getCode() == Status.Code.RESOURCE_EXHAUSTED;
    }

    private EtcdClient.Pending<GetResponse> begin(
            String what, byte[] start, byte[] end, GetOptions o, long limit, long revision) {
        GetOption opt = option(end, o, limit, revision, true);
        return client.beginKv(what, () -> client.kvClient().get(ByteSequence.from(start), opt));
    }

    private GetResponse fetch(
            String what, byte[] start, byte[] end, GetOptions o, long limit, long revision, boolean keyOrder) {
        GetOption opt = option(end, o, limit, revision, keyOrder);
        return client.callKv(what, () -> client.kvClient().get(ByteSequence.from(start), opt));
    }

    /**
     * jetcd's option for a range read with {@code o}'s flags and filters, ending at {@code end}
     * ({@code null}: the one key), with this {@code limit} and {@code revision}. {@code keyOrder}:
     * leave out the sort (the caller pages in key order); else {@code o}'s sort, where no order
     * with a sort target means ascending. Also for the gets of a transaction.
     */
    public static GetOption option(byte[] end, GetOptions o, long limit, long revision, boolean keyOrder) {
        GetOption.Builder b = GetOption.builder()
                .withLimit(limit)
                .withRevision(revision)
                .withKeysOnly(o.keysOnly())
                .withCountOnly(o.countOnly())
                .withSerializable(o.serializable())
                .withMinCreateRevision(o.minCreateRevision())
                .withMaxCreateRevision(o.maxCreateRevision())
                .withMinModRevision(o.minModRevision())
                .withMaxModRevision(o.maxModRevision());
        if (end != null) {
            b.withRange(ByteSequence.from(end));
        }
        if (!keyOrder) {
            b.withSortField(
                    switch (o.sortBy()) {
                        case KEY -> GetOption.SortTarget.KEY;
                        case CREATE -> GetOption.SortTarget.CREATE;
                        case MODIFY -> GetOption.SortTarget.MOD;
                        case VERSION -> GetOption.SortTarget.VERSION;
                        case VALUE -> GetOption.SortTarget.VALUE;
                    });
            b.withSortOrder(
                    switch (o.order()) {
                        case NONE ->
                            o.sortBy() == SortTarget.KEY ? GetOption.SortOrder.NONE : GetOption.SortOrder.ASCEND;
                        case ASCEND -> GetOption.SortOrder.ASCEND;
                        case DESCEND -> GetOption.SortOrder.DESCEND;
                    });
        }
        return b.build();
    }
}
