package io.googo.etcd.core.kv;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.client.EtcdClient;
import io.googo.etcd.core.key.KeyRanges;
import io.googo.etcd.core.kv.GetOptions.SortOrder;
import io.googo.etcd.core.kv.GetOptions.SortTarget;

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
            throw EtcdException.invalid("--page-size must be at least 1");
        }
        boolean grow = o.pageSize() == GetOptions.AUTO_PAGE_SIZE;
        long page = grow ? GetOptions.DEFAULT_PAGE_SIZE : o.pageSize();
        long targetBytes = client.config().maxReceiveMessageSize() / 4;
        KeyRanges.Range range = KeyRanges.of(key, o.rangeEnd(), o.prefix(), o.fromKey());
        byte[] start = range.start();
        byte[] end = range.end();
        String what = "get " + EtcdClient.printable(key);
        boolean keyOrder = (o.order() == SortOrder.NONE || o.order() == SortOrder.ASCEND) && o.sortBy() == SortTarget.KEY;
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
        boolean more;
        boolean first = true;
        while (true) {
            long n = remaining > 0 ? Math.min(page, remaining) : page;
            GetResponse r = fetch(what, start, end, o, n, revision, true);
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
            long bytes = 0;
            for (var kv : kvs) {
                bytes += kv.getKey().size() + kv.getValue().size() + 32;
                sink.kv(Kv.of(kv));
            }
            if (grow && kvs.size() == n && bytes > 0) {
                // at most double, and only while the next response stays under the target size
                page = Math.max(page, Math.min(page * 2, targetBytes * kvs.size() / bytes));
            }
            if (remaining > 0) {
                remaining -= kvs.size();
            }
            more = r.isMore();
            if (!more || kvs.isEmpty()) {
                more = false;
                break;
            }
            if (o.limit() > 0 && remaining <= 0) {
                break;
            }
            start = KeyRanges.successor(kvs.get(kvs.size() - 1).getKey().getBytes());
        }
        sink.end(count, more);
    }

    private GetResponse fetch(String what, byte[] start, byte[] end, GetOptions o, long limit, long revision,
            boolean keyOrder) {
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
            b.withSortField(switch (o.sortBy()) {
                case KEY -> GetOption.SortTarget.KEY;
                case CREATE -> GetOption.SortTarget.CREATE;
                case MODIFY -> GetOption.SortTarget.MOD;
                case VERSION -> GetOption.SortTarget.VERSION;
                case VALUE -> GetOption.SortTarget.VALUE;
            });
            b.withSortOrder(switch (o.order()) {
                case NONE -> o.sortBy() == SortTarget.KEY ? GetOption.SortOrder.NONE : GetOption.SortOrder.ASCEND;
                case ASCEND -> GetOption.SortOrder.ASCEND;
                case DESCEND -> GetOption.SortOrder.DESCEND;
            });
        }
        GetOption opt = b.build();
        return client.call(what, () -> client.jetcd().getKVClient().get(ByteSequence.from(start), opt));
    }
}
