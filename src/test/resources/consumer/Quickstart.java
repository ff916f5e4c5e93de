import io.googo.etcd.core.Etcd;
import io.googo.etcd.core.client.EtcdClient;
import io.googo.etcd.core.config.EtcdConfig;
import io.googo.etcd.core.registry.ServiceRegistrar;
import io.googo.etcd.core.watch.WatchOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The README's "Use it as a library" example; ConsumerClasspathProcessTest runs it as a consumer would. */
public class Quickstart {
    public static void main(String[] args) throws Exception {
        // named clients: "default" becomes the default; the config comes from a profile file, not the environment
        Etcd.register("default", EtcdConfig.fromProfile(Path.of(args[0]), "local"));
        EtcdClient etcd = Etcd.defaultClient();
        String p = args[1];
        CountDownLatch seen = new CountDownLatch(3);
        try (var watch = etcd.watch(p, WatchOptions.builder().prefix(true).build(), ev -> seen.countDown())) {
            etcd.putWithTtl(p + "session", "s1", Duration.ofSeconds(30)); // TTL: a lease of its own
            System.out.println("created=" + etcd.putIfAbsent(p + "config", "v1")); // create only
            long rev = etcd.get(p + "config").kvs().get(0).modRevision();
            etcd.putIfModRevision(p + "config", "v2", rev); // compare-and-swap
            long lease = etcd.grant(Duration.ofSeconds(30)).id();
            System.out.println("locked=" + etcd.tryLock(p + "lock/job-1", lease) + " again="
                    + etcd.tryLock(
                            p + "lock/job-1", etcd.grant(Duration.ofSeconds(30)).id()));
            etcd.unlock(p + "lock/job-1", lease);
            try (ServiceRegistrar reg = ServiceRegistrar.builder(etcd, "api", "10.0.0.1:8080")
                    .prefix(p + "services/")
                    .ttl(Duration.ofSeconds(10))
                    .build()
                    .start()) {
                System.out.println("registered=" + reg.key());
            }
            System.out.println("events=" + seen.await(30, TimeUnit.SECONDS) + " value=" + etcd.getValue(p + "config"));
        }
        Etcd.closeAll();
        System.out.println("closed");
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!t.isDaemon() && t != Thread.currentThread() && t.isAlive()) {
                System.out.println("non-daemon thread: " + t.getName());
            }
        }
    }
}
