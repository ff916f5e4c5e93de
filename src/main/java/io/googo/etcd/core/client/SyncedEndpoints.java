package io.googo.etcd.core.client;

import io.googo.etcd.core.EtcdException;
import io.grpc.Attributes;
import io.grpc.EquivalentAddressGroup;
import io.grpc.NameResolver;
import io.grpc.NameResolverProvider;
import io.grpc.NameResolverRegistry;
import io.grpc.StatusOr;
import io.grpc.SynchronizationContext;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An endpoint list that can change under a live gRPC channel: the channel's target is
 * {@code gooetcd-sync:///<id>}, and the name resolver registered for that scheme hands the channel
 * whatever list {@link #update} last set. jetcd's client cannot change its endpoints, but its
 * channel balances round-robin over what its resolver says, so a new list is picked up at once:
 * connections to new members are opened, those to members that left are closed, and requests and
 * streams that are retried go to the members that remain. Nothing is rebuilt.
 */
final class SyncedEndpoints {
    static final String SCHEME = "gooetcd-sync";
    private static final Map<String, SyncedEndpoints> ALL = new ConcurrentHashMap<>();
    private static final AtomicLong IDS = new AtomicLong();

    static {
        NameResolverRegistry.getDefaultRegistry().register(new Provider());
    }

    private final String id;
    private final boolean authorityPerAddress;
    private final Set<Resolver> resolvers = ConcurrentHashMap.newKeySet();
    private volatile List<String> endpoints = List.of();
    private volatile List<EquivalentAddressGroup> groups = List.of();

    private SyncedEndpoints(String id, boolean authorityPerAddress) {
        this.id = id;
        this.authorityPerAddress = authorityPerAddress;
    }

    /**
     * A list starting as {@code endpoints}.
     *
     * @param authorityPerAddress each address is its own TLS/HTTP authority ({@code host:port}), as
     *                            jetcd's own resolver does; false when the profile names one server name
     */
    static SyncedEndpoints create(List<String> endpoints, boolean authorityPerAddress) {
        SyncedEndpoints s = new SyncedEndpoints(Long.toString(IDS.incrementAndGet()), authorityPerAddress);
        s.update(endpoints);
        ALL.put(s.id, s);
        return s;
    }

    /** The gRPC target naming this list. */
    String target() {
        return SCHEME + ":///" + id;
    }

    List<String> endpoints() {
        return endpoints;
    }

    /**
     * Sets the list (normalized {@code http(s)://host:port} endpoints); the channel follows.
     *
     * @return whether it differs from the last one (order aside)
     */
    synchronized boolean update(List<String> next) {
        List<String> list = List.copyOf(new LinkedHashSet<>(next));
        if (list.isEmpty()) {
            throw EtcdException.invalid("endpoints: at least one endpoint is required");
        }
        boolean changed = !Set.copyOf(list).equals(Set.copyOf(endpoints));
        if (!changed) {
            return false;
        }
        List<EquivalentAddressGroup> g = new ArrayList<>();
        for (String e : list) {
            URI u = URI.create(e);
            String hostPort = u.getHost() + ":" + u.getPort();
            Attributes attrs = authorityPerAddress
                    ? Attributes.newBuilder()
                            .set(EquivalentAddressGroup.ATTR_AUTHORITY_OVERRIDE, hostPort)
                            .build()
                    : Attributes.EMPTY;
            g.add(new EquivalentAddressGroup(new InetSocketAddress(u.getHost(), u.getPort()), attrs));
        }
        endpoints = list;
        groups = List.copyOf(g);
        for (Resolver r : resolvers) {
            r.push();
        }
        return true;
    }

    /** Forgets the list; a channel that still names it can no longer be built. */
    void close() {
        ALL.remove(id);
    }

    private static final class Resolver extends NameResolver {
        private final SyncedEndpoints set;
        private final SynchronizationContext syncContext;
        private Listener2 listener;
        private volatile boolean shutdown;

        Resolver(SyncedEndpoints set, SynchronizationContext syncContext) {
            this.set = set;
            this.syncContext = syncContext;
        }

        @Override
        public String getServiceAuthority() {
            return "";
        }

        @Override
        public void start(Listener2 listener) {
            this.listener = listener;
            set.resolvers.add(this);
            push();
        }

        void push() {
            syncContext.execute(() -> {
                if (!shutdown && listener != null) {
                    listener.onResult(ResolutionResult.newBuilder()
                            .setAddressesOrError(StatusOr.fromValue(set.groups))
                            .build());
                }
            });
        }

        @Override
        public void refresh() {
            push();
        }

        @Override
        public void shutdown() {
            shutdown = true;
            set.resolvers.remove(this);
        }
    }

    private static final class Provider extends NameResolverProvider {
        @Override
        protected boolean isAvailable() {
            return true;
        }

        @Override
        protected int priority() {
            return 5;
        }

        @Override
        public String getDefaultScheme() {
            return SCHEME;
        }

        @Override
        public NameResolver newNameResolver(URI targetUri, NameResolver.Args args) {
            if (!SCHEME.equals(targetUri.getScheme()) || targetUri.getPath() == null) {
                return null;
            }
            SyncedEndpoints set = ALL.get(targetUri.getPath().replaceFirst("^/", ""));
            return set == null ? null : new Resolver(set, args.getSynchronizationContext());
        }
    }
}
