package io.googo.etcd.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.config.EtcdConfig;
import io.googo.etcd.testkit.EtcdExtension;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The registry of named clients, against a real etcd. */
class ClientsTest {
    @RegisterExtension
    static final EtcdExtension etcd = EtcdExtension.builder().build();

    private final Clients clients = new Clients();

    @AfterEach
    void closeAll() {
        clients.closeAll();
    }

    private static EtcdConfig config() {
        return EtcdConfig.builder()
                .endpoints(etcd.clientUrl())
                .dialTimeout(Duration.ofSeconds(2))
                .requestTimeout(Duration.ofSeconds(2))
                .build();
    }

    private static void assertInvalid(ThrowingCallable call, String... fragments) {
        assertThatThrownBy(call).isInstanceOfSatisfying(EtcdException.class, e -> {
            assertThat(e.kind()).as(e.getMessage()).isEqualTo(ErrorKind.INVALID_INPUT);
            assertThat(e.getMessage()).contains(fragments);
        });
    }

    /** A closed client refuses at once, without the network. */
    private static void assertClosed(EtcdClient c) {
        assertThatThrownBy(() -> c.getValue("/x"))
                .as("%s must be closed", c)
                .isInstanceOfSatisfying(EtcdException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.INTERRUPTED);
                    assertThat(e.getMessage()).contains("'" + c.name() + "' is closed");
                });
    }

    @Test
    void registerGetSetDefaultAndPing() {
        EtcdClient a = clients.register("a", config());
        assertThat(a.name()).isEqualTo("a");
        assertThat(clients.get("a")).isSameAs(a);
        assertThat(clients.names()).containsExactly("a");
        assertThat(clients.defaultName()).isNull();
        assertInvalid(clients::getDefault, "no default client is set");
        assertInvalid(clients::ping, "no default client is set");

        EtcdClient b = clients.register("b", config());
        clients.setDefault("b");
        assertThat(clients.getDefault()).isSameAs(b);
        assertThat(clients.defaultName()).isEqualTo("b");
        clients.ping();
        assertThat(clients.names()).containsExactly("a", "b");

        a.put("/clients-test/k", "from-a");
        assertThat(clients.getDefault().getValue("/clients-test/k")).isEqualTo("from-a");
        assertThat(etcd.etcdctl("get", "/clients-test/k", "--print-value-only")
                        .assertOk()
                        .out())
                .isEqualTo("from-a");
    }

    @Test
    void registerDefaultUsesTheNameDefault() {
        EtcdClient d = clients.registerDefault(config());
        assertThat(d.name()).isEqualTo(Clients.DEFAULT_NAME);
        assertThat(clients.getDefault()).isSameAs(d);
        assertThat(clients.get("default")).isSameAs(d);
        clients.ping();
        assertInvalid(() -> clients.registerDefault(config()), "'default' is already registered");
        assertThat(clients.getDefault()).isSameAs(d);
    }

    @Test
    void unknownNamesAreInvalidInputNamingWhatIsRegistered() {
        assertInvalid(() -> clients.get("nope"), "no client named 'nope' is registered");
        clients.register("a", config());
        clients.register("b", config());
        assertInvalid(() -> clients.get("nope"), "no client named 'nope'", "(registered: a, b)");
        assertInvalid(() -> clients.setDefault("nope"), "no client named 'nope'");
        assertInvalid(() -> clients.unregister("nope"), "no client named 'nope'");
        assertThat(clients.defaultName()).isNull();
        assertThat(clients.names()).containsExactly("a", "b");
    }

    @Test
    void aTakenNameCannotBeRegisteredAgain() {
        EtcdClient first = clients.register("a", config());
        assertInvalid(() -> clients.register("a", config()), "'a' is already registered", "unregister it first");
        assertThat(clients.get("a")).isSameAs(first);
        first.ping();
        assertInvalid(() -> clients.register("", config()), "name must not be empty");
        assertInvalid(() -> clients.register(" ", config()), "name must not be empty");
        assertInvalid(() -> clients.register(null, config()), "name must not be empty");
    }

    @Test
    void unregisterClosesTheClientAndForgetsTheDefault() {
        EtcdClient a = clients.register("a", config());
        clients.setDefault("a");
        clients.unregister("a");
        assertClosed(a);
        assertThat(clients.names()).isEmpty();
        assertThat(clients.defaultName()).isNull();
        assertInvalid(() -> clients.get("a"), "no client named 'a'");
        assertInvalid(clients::getDefault, "no default client is set");

        EtcdClient again = clients.register("a", config());
        assertThat(again).isNotSameAs(a);
        again.ping();
    }

    @Test
    void unregisterDefault() {
        assertInvalid(clients::unregisterDefault, "no default client is set");
        EtcdClient a = clients.register("a", config());
        EtcdClient b = clients.register("b", config());
        clients.setDefault("b");
        clients.unregisterDefault();
        assertClosed(b);
        assertThat(clients.names()).containsExactly("a");
        assertThat(clients.defaultName()).isNull();
        a.ping();
    }

    @Test
    void closeAllClosesEveryClientAndEmptiesTheRegistry() {
        EtcdClient a = clients.register("a", config());
        EtcdClient b = clients.register("b", config());
        clients.setDefault("a");
        a.ping();
        clients.closeAll();
        assertClosed(a);
        assertClosed(b);
        assertThat(clients.names()).isEmpty();
        assertThat(clients.defaultName()).isNull();
        assertInvalid(clients::getDefault, "no default client is set");
        clients.closeAll(); // twice is fine
    }

    @Test
    void pingOfAnUnreachableDefaultIsAConnectionError() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0));
            port = s.getLocalPort();
        }
        clients.registerDefault(EtcdConfig.builder()
                .endpoints("127.0.0.1:" + port)
                .dialTimeout(Duration.ofMillis(500))
                .requestTimeout(Duration.ofMillis(500))
                .build());
        assertThatThrownBy(clients::ping).isInstanceOfSatisfying(EtcdException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.CONNECTION);
            assertThat(e.getMessage()).startsWith("ping: ").contains("127.0.0.1:" + port);
        });
    }

    /**
     * 8 threads x 200 random operations on three names: only the documented INVALID_INPUT failures, no
     * deadlock, a consistent registry at the end, and every client ever registered closed by closeAll.
     */
    @Test
    void concurrentUseIsSafe() {
        List<String> names = List.of("n0", "n1", "n2");
        EtcdConfig config = config();
        Queue registered = new Queue();
        ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        int threads = 8;
        int iterations = 200;
        int[] counts = new int[6];

        assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<int[]>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    futures.add(pool.submit(() -> {
                        int[] ok = new int[6];
                        start.await();
                        ThreadLocalRandom rnd = ThreadLocalRandom.current();
                        for (int i = 0; i < iterations; i++) {
                            String name = names.get(rnd.nextInt(names.size()));
                            int op = rnd.nextInt(6);
                            try {
                                switch (op) {
                                    case 0 -> registered.add(clients.register(name, config));
                                    case 1 -> clients.unregister(name);
                                    case 2 ->
                                        assertThat(clients.get(name).name()).isEqualTo(name);
                                    case 3 -> clients.setDefault(name);
                                    case 4 ->
                                        assertThat(names)
                                                .contains(clients.getDefault().name());
                                    default -> clients.unregisterDefault();
                                }
                                ok[op]++;
                            } catch (EtcdException e) {
                                if (e.kind() != ErrorKind.INVALID_INPUT) {
                                    unexpected.add(e);
                                }
                            } catch (Throwable e) {
                                unexpected.add(e);
                            }
                        }
                        return ok;
                    }));
                }
                start.countDown();
                for (Future<int[]> f : futures) {
                    int[] ok = f.get();
                    for (int i = 0; i < ok.length; i++) {
                        counts[i] += ok[i];
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        });

        assertThat(unexpected).as("unexpected failures").isEmpty();
        assertThat(java.util.Arrays.stream(counts).boxed().toList())
                .as("every kind of operation succeeded at least once: register, unregister, get,"
                        + " setDefault, getDefault, unregisterDefault")
                .allMatch(n -> n > 0);
        assertThat(Set.copyOf(names)).containsAll(clients.names());
        String d = clients.defaultName();
        assertThat(d == null || clients.names().contains(d))
                .as("default %s among %s", d, clients.names())
                .isTrue();

        EtcdClient last = clients.register("final", config);
        clients.setDefault("final");
        clients.ping();
        clients.closeAll();
        assertThat(clients.names()).isEmpty();
        assertThat(clients.defaultName()).isNull();
        assertClosed(last);
        assertThat(registered.all()).hasSizeGreaterThan(3);
        registered.all().forEach(ClientsTest::assertClosed);
    }

    /** Clients handed out by register, from any thread. */
    private static final class Queue {
        private final List<EtcdClient> list = Collections.synchronizedList(new ArrayList<>());

        void add(EtcdClient c) {
            list.add(c);
        }

        List<EtcdClient> all() {
            synchronized (list) {
                return List.copyOf(list);
            }
        }
    }
}
