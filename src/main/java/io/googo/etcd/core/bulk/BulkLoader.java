package io.googo.etcd.core.bulk;

import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.client.EtcdClient;
import io.googo.etcd.core.client.ProtoTxn;
import io.googo.etcd.core.key.Utf8;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;

/**
 * Bulk put from NDJSON lines ({@link NdjsonCodec}): puts are grouped into transactions of up
 * to {@code batch} operations (etcd's default --max-txn-ops is 128) and at most
 * {@link #MAX_BATCH_BYTES} bytes, with at most {@code concurrency} transactions in flight.
 *
 * <ul>
 *   <li>A bad line stops the load: nothing after it is sent; what came before it is finished
 *       and counted, and the error names the line.</li>
 *   <li>A key that appears again while an earlier write of it is in flight waits for that write,
 *       so the last line for a key wins, as with one put after another.</li>
 *   <li>Keys with the same TTL share one lease, granted when the first of them is sent.</li>
 * </ul>
 *
 * Completion callbacks only count and release; they never block a jetcd thread.
 */
public final class BulkLoader {
    public static final int DEFAULT_BATCH = 128;
    public static final int DEFAULT_CONCURRENCY = 64;
    /** Keeps each transaction well under etcd's default 1.5 MiB request limit. */
    public static final int MAX_BATCH_BYTES = 1024 * 1024;

    /** What a load did. {@code failure} is the error that stopped it, or {@code null}. */
    public record Summary(long written, long leases, Duration took, EtcdException failure) {
        public double keysPerSecond() {
            double s = took.toNanos() / 1e9;
            return s <= 0 ? written : written / s;
        }
    }

    private final EtcdClient client;
    private final int batchSize;
    private final int concurrency;
    private final Semaphore slots;
    private final AtomicLong written = new AtomicLong();
    private final AtomicReference<EtcdException> failure = new AtomicReference<>();
    private final Set<Key> inFlight = new HashSet<>();
    private final Map<Long, Long> leaseByTtl = new HashMap<>();
    private boolean connected;

    public BulkLoader(EtcdClient client, int batchSize, int concurrency) {
        if (batchSize < 1) {
            throw EtcdException.invalid("batch size (keys per transaction) must be at least 1");
        }
        if (concurrency < 1) {
            throw EtcdException.invalid("concurrency (transactions in flight) must be at least 1");
        }
        this.client = client;
        this.batchSize = batchSize;
        this.concurrency = concurrency;
        this.slots = new Semaphore(concurrency);
    }

    /**
     * Loads every line of {@code in}; {@code progress} hears the running count now and then.
     * Returns the summary; a bad line or a failed write is in {@link Summary#failure()}.
     *
     * <p>Lines end at {@code \\n}, {@code \\r\\n} or {@code \\r}, as {@link java.io.BufferedReader#readLine()}
     * ends them. A line that is not valid UTF-8 is a bad line (INVALID_INPUT, named), from a file
     * or from standard input alike: bytes are never read as U+FFFD.
     */
    public Summary load(InputStream in, LongConsumer progress) {
        long start = System.nanoTime();
        List<Record> batch = new ArrayList<>();
        Set<Key> batchKeys = new HashSet<>();
        long batchBytes = 0;
        long lineNo = 0;
        EtcdException stop = null;
        Lines lines = new Lines(in);
        try {
            while (lines.next()) {
                lineNo++;
                if (failure.get() != null) {
                    break;
                }
                Record r = NdjsonCodec.parseFast(lines.buf, lines.from, lines.to);
                if (r == null) {
                    String line = Utf8.decodeOrNull(lines.buf, lines.from, lines.to);
                    if (line == null) {
                        stop = EtcdException.invalid("line " + lineNo + ": not valid UTF-8 ("
                                + Utf8.whereInvalid(lines.buf, lines.from, lines.to)
                                + "); give keys and values that are not UTF-8 as key_base64/value_base64");
                        break;
                    }
                    if (line.isBlank()) {
                        continue;
                    }
                    try {
                        r = NdjsonCodec.parse(line, "line " + lineNo);
                    } catch (EtcdException e) {
                        stop = e;
                        break;
                    }
                }
                Key k = new Key(r.key());
                if (batchKeys.contains(k) || inFlight(k)) {
                    send(batch);
                    batch = new ArrayList<>();
                    batchKeys.clear();
                    batchBytes = 0;
                    if (inFlight(k)) {
                        drain();
                    }
                }
                batch.add(r);
                batchKeys.add(k);
                batchBytes += r.key().length + r.value().length + 16;
                if (batch.size() >= batchSize || batchBytes >= MAX_BATCH_BYTES) {
                    send(batch);
                    batch = new ArrayList<>();
                    batchKeys.clear();
                    batchBytes = 0;
                    progress.accept(written.get());
                }
            }
        } catch (IOException e) {
            stop = EtcdException.io("cannot read line " + (lineNo + 1) + ": " + e.getMessage(), e);
        }
        if (failure.get() == null) {
            send(batch);
        }
        drain();
        progress.accept(written.get());
        EtcdException f = failure.get() != null ? failure.get() : stop;
        return new Summary(written.get(), leaseByTtl.size(), Duration.ofNanos(System.nanoTime() - start), f);
    }

    /** A key for the sets: its bytes, its hash computed once. */
    private static final class Key {
        private final byte[] b;
        private final int hash;

        Key(byte[] b) {
            this.b = b;
            this.hash = Arrays.hashCode(b);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && hash == k.hash && Arrays.equals(b, k.b);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** The lines of a byte stream, one after the other, each as {@code buf[from, to)}. */
    private static final class Lines {
        private final InputStream in;
        byte[] buf = new byte[1 << 16];
        int from;
        int to;
        private int next;
        private int limit;
        private boolean eof;
        private boolean skipLf;

        Lines(InputStream in) {
            this.in = in;
        }

        /** Moves to the next line; false at the end of the stream. */
        boolean next() throws IOException {
            int scan = next;
            while (true) {
                if (skipLf && scan < limit) {
                    skipLf = false;
                    if (buf[scan] == '\n') {
                        scan++;
                        next = scan;
                    }
                }
                for (int i = scan; i < limit; i++) {
                    byte c = buf[i];
                    if (c == '\n' || c == '\r') {
                        from = next;
                        to = i;
                        next = i + 1;
                        skipLf = c == '\r';
                        return true;
                    }
                }
                scan = limit;
                if (eof) {
                    if (next < limit) {
                        from = next;
                        to = limit;
                        next = limit;
                        return true;
                    }
                    return false;
                }
                // keep the start of the line, make room, read more
                int kept = limit - next;
                if (next > 0) {
                    System.arraycopy(buf, next, buf, 0, kept);
                } else if (kept == buf.length) {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
                scan -= next;
                next = 0;
                limit = kept;
                int n = in.read(buf, limit, buf.length - limit);
                if (n < 0) {
                    eof = true;
                } else {
                    limit += n;
                }
            }
        }
    }

    private boolean inFlight(Key k) {
        synchronized (inFlight) {
            return inFlight.contains(k);
        }
    }

    private void send(List<Record> batch) {
        if (batch.isEmpty() || failure.get() != null) {
            return;
        }
        ProtoTxn txn = client.protoTxn();
        List<Key> keys = new ArrayList<>(batch.size());
        for (Record r : batch) {
            long lease = r.ttlSeconds() > 0 ? lease(r.ttlSeconds()) : 0;
            txn.op(true, txn.putWrapped(r.key(), r.value(), lease));
            keys.add(new Key(r.key()));
        }
        int count = batch.size();
        String what = "load (" + batch.size() + " keys from "
                + EtcdClient.printable(batch.get(0).key()) + ")";
        if (!connected) {
            // the first transaction goes through the bounded call: it waits for the connection
            client.callKv(what, txn::commit);
            written.addAndGet(count);
            connected = true;
            return;
        }
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.compareAndSet(null, new EtcdException(ErrorKind.INTERRUPTED, "load interrupted"));
            return;
        }
        synchronized (inFlight) {
            inFlight.addAll(keys);
        }
        CompletableFuture<?> f;
        try {
            f = txn.commit();
        } catch (RuntimeException e) {
            release(keys);
            failure.compareAndSet(null, client.failure(what, e));
            return;
        }
        f.whenComplete((ok, err) -> {
            if (err == null) {
                written.addAndGet(count);
            } else {
                failure.compareAndSet(null, client.failure(what, err));
            }
            release(keys);
        });
    }

    private void release(List<Key> keys) {
        synchronized (inFlight) {
            keys.forEach(inFlight::remove);
        }
        slots.release();
    }

    /** Waits until nothing is in flight (each write is bounded by the request timeout). */
    private void drain() {
        try {
            slots.acquire(concurrency);
            slots.release(concurrency);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.compareAndSet(null, new EtcdException(ErrorKind.INTERRUPTED, "load interrupted"));
        }
    }

    private long lease(long ttlSeconds) {
        return leaseByTtl.computeIfAbsent(
                ttlSeconds, t -> client.grant(Duration.ofSeconds(t)).id());
    }
}
