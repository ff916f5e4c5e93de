package io.googo.etcd.testkit;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * JUnit 5 extension: one {@link EtcdCluster} (3 members unless configured) shared by the test class, like
 * {@link EtcdExtension}. Resolves {@link EtcdCluster}, {@link TestPrefix} and, with TLS,
 * {@link TestCertificates}. After each test it resumes paused members, restarts stopped or killed ones and
 * waits for a leader, so every test starts with the whole cluster up. When a test of the class failed,
 * every member's log goes to System.err.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final EtcdClusterExtension cluster = EtcdClusterExtension.builder().build();
 * }</pre>
 */
public final class EtcdClusterExtension
        implements BeforeAllCallback, AfterAllCallback, AfterEachCallback, ParameterResolver, TestWatcher {

    private final int size;
    private final boolean tls;
    private final boolean clientCertAuth;
    private final List<String> extraArgs;
    private final String rootPassword;
    private final String logLevel;

    private volatile EtcdCluster cluster;
    private volatile String ownerId;
    private volatile boolean anyTestFailed;

    /** The default configuration, for {@code @ExtendWith(EtcdClusterExtension.class)}. */
    public EtcdClusterExtension() {
        this(new Builder());
    }

    private EtcdClusterExtension(Builder b) {
        this.size = b.size;
        this.tls = b.tls || b.clientCertAuth;
        this.clientCertAuth = b.clientCertAuth;
        this.extraArgs = List.copyOf(b.extraArgs);
        this.rootPassword = b.rootPassword;
        this.logLevel = b.logLevel;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The running cluster; fails outside the test class's life. */
    public EtcdCluster cluster() {
        EtcdCluster c = cluster;
        if (c == null) {
            throw new IllegalStateException("EtcdClusterExtension has no cluster now: register it with @ExtendWith"
                    + " or in a static @RegisterExtension field");
        }
        return c;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (cluster != null) {
            return; // a @Nested class: keep the outer class's cluster
        }
        anyTestFailed = false;
        EtcdCluster c = EtcdCluster.builder()
                .size(size)
                .tls(tls)
                .clientCertAuth(clientCertAuth)
                .extraArgs(extraArgs.toArray(String[]::new))
                .logLevel(logLevel)
                .start();
        if (rootPassword != null) {
            try {
                c.enableAuth(rootPassword);
            } catch (RuntimeException | Error e) {
                c.close();
                throw e;
            }
        }
        cluster = c;
        ownerId = context.getUniqueId();
        ExtensionSupport.claimPrefix(context, this);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (ExtensionSupport.failed(context)) {
            anyTestFailed = true;
        }
        EtcdCluster c = cluster;
        if (c != null && !c.allRunning()) {
            c.heal();
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
        EtcdCluster c = cluster;
        cluster = null;
        ownerId = null;
        if (c == null) {
            return;
        }
        try {
            if (anyTestFailed || ExtensionSupport.failed(context)) {
                System.err.println("=== etcd cluster logs for " + context.getDisplayName() + " ===");
                System.err.println(c.logs());
                System.err.println("=== end of etcd cluster logs ===");
            }
        } finally {
            c.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == EtcdCluster.class
                || (type == TestPrefix.class && ExtensionSupport.resolvesPrefix(extensionContext, this))
                || (type == TestCertificates.class && tls);
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        if (type == TestPrefix.class) {
            return ExtensionSupport.prefixFor(extensionContext);
        }
        EtcdCluster c = cluster;
        if (c == null) {
            throw new ParameterResolutionException(
                    "EtcdClusterExtension has no cluster: is it registered with @ExtendWith or in a static field?");
        }
        return type == EtcdCluster.class ? c : c.certificates();
    }

    /** Configuration for {@code @RegisterExtension static final EtcdClusterExtension c = ...build();}. */
    public static final class Builder {
        private int size = 3;
        private boolean tls;
        private boolean clientCertAuth;
        private final List<String> extraArgs = new ArrayList<>();
        private String rootPassword;
        private String logLevel = "warn";

        private Builder() {}

        /** Number of members, default 3. */
        public Builder size(int size) {
            this.size = size;
            return this;
        }

        public Builder tls(boolean tls) {
            this.tls = tls;
            return this;
        }

        /** Require client certificates (implies TLS). */
        public Builder clientCertAuth(boolean clientCertAuth) {
            this.clientCertAuth = clientCertAuth;
            return this;
        }

        public Builder extraArgs(String... args) {
            extraArgs.addAll(List.of(args));
            return this;
        }

        /** Enable auth with this root password once the cluster is up. */
        public Builder rootPassword(String rootPassword) {
            this.rootPassword = rootPassword;
            return this;
        }

        public Builder logLevel(String logLevel) {
            this.logLevel = logLevel;
            return this;
        }

        public EtcdClusterExtension build() {
            return new EtcdClusterExtension(this);
        }
    }
}
