package io.googo.etcd.core.bulk;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.PutOption;
import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.client.EtcdClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
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
    private final Set<ByteBuffer> inFlight = new HashSet<>();
    private final Map<Long, Long> leaseByTtl = new HashMap<>();
    private boolean connected;

    public BulkLoader(EtcdClient client, int batchSize, int concurrency) {
        if (batchSize < 1) {
            throw EtcdException.invalid("--batch must be at least 1");
        }
        if (concurrency < 1) {
            throw EtcdException.invalid("--concurrency must be at least 1");
        }
        this.client = client;
        this.batchSize = batchSize;
        this.concurrency = concurrency;
        this.slots = new Semaphore(concurrency);
    }

    /**
     * Loads every line of {@code in}; {@code progress} hears the running count now and then.
     * Returns the summary; a bad line or a failed write is in {@link Summary#failure()}.
     */
    public Summary load(BufferedReader in, LongConsumer progress) {
        long start = System.nanoTime();
        List<Record> batch = new ArrayList<>();
        Set<ByteBuffer> batchKeys = new HashSet<>();
        long batchBytes = 0;
        long lineNo = 0;
        EtcdException stop = null;
        try {
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (failure.get() != null) {
                    break;
                }
                if (line.isBlank()) {
                    continue;
                }
                Record r;
                try {
                    r = NdjsonCodec.parse(line, "line " + lineNo);
                } catch (EtcdException e) {
                    stop = e;
                    break;
                }
                ByteBuffer k = ByteBuffer.wrap(r.key());
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

    private boolean inFlight(ByteBuffer k) {
        synchronized (inFlight) {
            return inFlight.contains(k);
        }
    }

    private void send(List<Record> batch) {
        if (batch.isEmpty() || failure.get() != null) {
            return;
        }
        Op[] ops = new Op[batch.size()];
        List<ByteBuffer> keys = new ArrayList<>(batch.size());
        for (int i = 0; i < ops.length; i++) {
            Record r = batch.get(i);
            long lease = r.ttlSeconds() > 0 ? lease(r.ttlSeconds()) : 0;
            ops[i] = Op.put(ByteSequence.from(r.key()), ByteSequence.from(r.value()),
                    PutOption.builder().withLeaseId(lease).build());
            keys.add(ByteBuffer.wrap(r.key()));
        }
        String what = "load (" + batch.size() + " keys from " + EtcdClient.printable(batch.get(0).key()) + ")";
        if (!connected) {
            // the first transaction goes through the bounded call: it waits for the connection
            client.call(what, () -> client.jetcd().getKVClient().txn().Then(ops).commit());
            written.addAndGet(ops.length);
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
            f = client.jetcd().getKVClient().txn().Then(ops).commit();
        } catch (RuntimeException e) {
            release(keys);
            failure.compareAndSet(null, client.failure(what, e));
            return;
        }
        f.whenComplete((ok, err) -> {
            if (err == null) {
                written.addAndGet(ops.length);
            } else {
                failure.compareAndSet(null, client.failure(what, err));
            }
            release(keys);
        });
    }

    private void release(List<ByteBuffer> keys) {
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
        return leaseByTtl.computeIfAbsent(ttlSeconds, t -> client.grant(Duration.ofSeconds(t)).id());
    }
}
