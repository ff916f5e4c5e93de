// Puts N keys PREFIX000000..PREFIX(N-1), one revision each, with a bounded number of requests in
// flight. For the benchmarks: java -cp target/gooetcd.jar bench/PutKeys.java ENDPOINT PREFIX N [VALUE_BYTES]
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

public class PutKeys {
    public static void main(String[] args) throws Exception {
        String endpoint = args[0];
        String prefix = args[1];
        int n = Integer.parseInt(args[2]);
        int size = args.length > 3 ? Integer.parseInt(args[3]) : 32;
        String value = "v".repeat(size);
        Semaphore inFlight = new Semaphore(128);
        AtomicReference<Throwable> failed = new AtomicReference<>();
        try (Client c = Client.builder().endpoints(endpoint).build()) {
            for (int i = 0; i < n && failed.get() == null; i++) {
                inFlight.acquire();
                c.getKVClient()
                        .put(
                                ByteSequence.from(String.format("%s%06d", prefix, i), StandardCharsets.UTF_8),
                                ByteSequence.from(value, StandardCharsets.UTF_8))
                        .whenComplete((r, e) -> {
                            if (e != null) {
                                failed.compareAndSet(null, e);
                            }
                            inFlight.release();
                        });
            }
            inFlight.acquire(128);
        }
        if (failed.get() != null) {
            throw new IllegalStateException("a put failed", failed.get());
        }
    }
}
