package io.googo.etcd.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * JUnit 5 extension: one {@link EtcdProcess} shared by the test class, started before its first test and
 * closed after its last; its log goes to System.err when any test of the class failed.
 *
 * <pre>{@code
 * @ExtendWith(EtcdExtension.class)            // default: plain http, no auth
 * class MyTest {
 *     @Test void t(EtcdProcess etcd, TestPrefix prefix) { ... }
 * }
 *
 * class MyTlsTest {
 *     @RegisterExtension                      // must be static
 *     static final EtcdExtension etcd = EtcdExtension.builder().tls(true).clientCertAuth(true).build();
 * }
 * }</pre>
 *
 * Parameters it resolves: {@link EtcdProcess}; {@link TestPrefix}, fresh for each test method (shared with
 * that test's {@code @BeforeEach}/{@code @AfterEach}); {@link TestCertificates} when TLS is on. After each
 * test a paused server is resumed and a stopped one started again, so one test's faults do not leak into
 * the next. {@code @Nested} classes share the outer class's server.
 */
public final class EtcdExtension
        implements BeforeAllCallback, AfterAllCallback, AfterEachCallback, ParameterResolver, TestWatcher {

    private final boolean tls;
    private final boolean clientCertAuth;
    private final List<String> extraArgs;
    private final String rootPassword;
    private final String logLevel;

    private volatile EtcdProcess process;
    private volatile String ownerId;
    private volatile boolean anyTestFailed;

    /** The default configuration, for {@code @ExtendWith(EtcdExtension.class)}. */
    public EtcdExtension() {
        this(new Builder());
    }

    private EtcdExtension(Builder b) {
        this.tls = b.tls || b.clientCertAuth;
        this.clientCertAuth = b.clientCertAuth;
        this.extraArgs = List.copyOf(b.extraArgs);
        this.rootPassword = b.rootPassword;
        this.logLevel = b.logLevel;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The running server; fails outside the test class's life. */
    public EtcdProcess process() {
        EtcdProcess p = process;
        if (p == null) {
            throw new IllegalStateException("EtcdExtension has no server now: register it with @ExtendWith or in a"
                    + " static @RegisterExtension field, and use it only while the test class runs");
        }
        return p;
    }

    public String clientUrl() {
        return process().clientUrl();
    }

    public EtcdctlResult etcdctl(String... args) {
        return process().etcdctl(args);
    }

    /** A client of this server (plain, no auth) with 2 s dial and request timeouts; the caller closes it. */
    public io.googo.etcd.core.client.EtcdClient newClient(String name) {
        return io.googo.etcd.core.client.EtcdClient.create(
                name,
                io.googo.etcd.core.config.EtcdConfig.builder()
                        .endpoints(clientUrl())
                        .dialTimeout(java.time.Duration.ofSeconds(2))
                        .requestTimeout(java.time.Duration.ofSeconds(2))
                        .build());
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (process != null) {
            return; // a @Nested class: keep the outer class's server
        }
        anyTestFailed = false;
        process = EtcdProcess.builder()
                .name("etcd")
                .tls(tls)
                .clientCertAuth(clientCertAuth)
                .extraArgs(extraArgs.toArray(String[]::new))
                .rootPassword(rootPassword)
                .logLevel(logLevel)
                .start();
        ownerId = context.getUniqueId();
        ExtensionSupport.claimPrefix(context, this);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (ExtensionSupport.failed(context)) {
            anyTestFailed = true;
        }
        EtcdProcess p = process;
        if (p == null) {
            return;
        }
        if (p.isPaused()) {
            p.resume();
        }
        if (!p.isAlive()) {
            p.start();
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        anyTestFailed = true;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (!context.getUniqueId().equals(ownerId)) {
            return;
        }
        EtcdProcess p = process;
        process = null;
        ownerId = null;
        if (p == null) {
            return;
        }
        try {
            if (anyTestFailed || ExtensionSupport.failed(context)) {
                System.err.println("=== etcd log for " + context.getDisplayName() + " (" + p.clientUrl() + ") ===");
                System.err.println(p.log());
                System.err.println("=== end of etcd log ===");
            }
        } finally {
            p.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == EtcdProcess.class
                || (type == TestPrefix.class && ExtensionSupport.resolvesPrefix(extensionContext, this))
                || (type == TestCertificates.class && tls);
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        if (type == TestPrefix.class) {
            return ExtensionSupport.prefixFor(extensionContext);
        }
        EtcdProcess p = Optional.ofNullable(process)
                .orElseThrow(() -> new ParameterResolutionException(
                        "EtcdExtension has no server: is it registered with @ExtendWith or in a static field?"));
        return type == EtcdProcess.class ? p : p.certificates();
    }

    /** Configuration for {@code @RegisterExtension static final EtcdExtension etcd = ...build();}. */
    public static final class Builder {
        private boolean tls;
        private boolean clientCertAuth;
        private final List<String> extraArgs = new ArrayList<>();
        private String rootPassword;
        private String logLevel = "warn";

        private Builder() {}

        /** https for clients, with certificates made for the server. */
        public Builder tls(boolean tls) {
            this.tls = tls;
            return this;
        }

        /** Require client certificates (implies TLS). */
        public Builder clientCertAuth(boolean clientCertAuth) {
            this.clientCertAuth = clientCertAuth;
            return this;
        }

        /** More etcd flags; they override the kit's. */
        public Builder extraArgs(String... args) {
            extraArgs.addAll(List.of(args));
            return this;
        }

        /** Enable auth with this root password once the server is up. */
        public Builder rootPassword(String rootPassword) {
            this.rootPassword = rootPassword;
            return this;
        }

        /** etcd's {@code --log-level}; default warn. */
        public Builder logLevel(String logLevel) {
            this.logLevel = logLevel;
            return this;
        }

        public EtcdExtension build() {
            return new EtcdExtension(this);
        }
    }
}
