package io.googo.etcd.core.bulk;

import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.client.EtcdClient;
import io.googo.etcd.core.kv.GetOptions;
import io.googo.etcd.core.kv.Header;
import io.googo.etcd.core.kv.Kv;
import io.googo.etcd.core.kv.RangeSink;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes every key under a prefix as NDJSON in the {@link BulkLoader} format, read page by page
 * at one revision, so memory stays flat however many keys there are. A key attached to a lease
 * gets {@code "ttl"}: the lease's remaining TTL, asked once per lease (at least 1 s, so a key
 * whose lease runs out as it is dumped still loads as a short-lived key).
 */
public final class Dumper {
    /** What a dump did. */
    public record Summary(long keys, long revision) {}

    private final EtcdClient client;
    private java.util.function.BiFunction<byte[], byte[], byte[]> decoded;

    public Dumper(EtcdClient client) {
        this.client = client;
    }

    /**
     * Adds {@code "decoded"} to every line: the JSON text {@code decoder} gives for the key and value
     * ({@code null} from it: JSON null). Every line then has the field, so {@code load} refuses
     * such a dump at its first line, before anything is written.
     *
     * @param decoder the value's decoded form as JSON text, or null
     * @return this dumper
     */
    public Dumper decoded(java.util.function.BiFunction<byte[], byte[], byte[]> decoder) {
        this.decoded = decoder;
        return this;
    }

    public Summary dump(byte[] prefix, int pageSize, OutputStream out) {
        NdjsonCodec.Writer w = new NdjsonCodec.Writer(out);
        Map<Long, Long> ttl = new HashMap<>();
        long[] count = {0};
        long[] rev = {0};
        try {
            read(prefix, pageSize, w, ttl, count, rev);
        } finally {
            try {
                w.flush();
            } catch (IOException e) {
                throw EtcdException.io("cannot write the dump: " + e.getMessage(), e);
            }
        }
        return new Summary(count[0], rev[0]);
    }

    private void read(
            byte[] prefix, int pageSize, NdjsonCodec.Writer w, Map<Long, Long> ttl, long[] count, long[] rev) {
        client.get(prefix, GetOptions.builder().prefix(true).pageSize(pageSize).build(), new RangeSink() {
            @Override
            public void begin(Header header, long c) {
                rev[0] = header.revision();
            }

            @Override
            public void kv(Kv kv) {
                long t = kv.lease() == 0 ? 0 : ttl.computeIfAbsent(kv.lease(), Dumper.this::remaining);
                try {
                    if (decoded == null) {
                        w.write(kv.key(), kv.value(), t);
                    } else {
                        byte[] d = decoded.apply(kv.key(), kv.value());
                        w.write(kv.key(), kv.value(), t, d == null ? NULL : d);
                    }
                } catch (IOException e) {
                    throw EtcdException.io("cannot write the dump: " + e.getMessage(), e);
                }
                count[0]++;
            }

            @Override
            public void end(long c, boolean more) {}
        });
    }

    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    private long remaining(long lease) {
        return Math.max(1, client.timeToLive(lease, false).ttl());
    }
}
