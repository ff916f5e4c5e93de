package io.googo.etcd.core.client;

import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.config.EtcdConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A thread-safe registry of named clients with a default, the Java form of goo-etcd's
 * package-level client registry. Use one of your own, or the process-wide {@link #global()}
 * that {@link io.googo.etcd.core.Etcd}'s static methods work on.
 */
public final class Clients implements AutoCloseable {
    public static final String DEFAULT_NAME = "default";
    private static final Clients GLOBAL = new Clients();

    private final Map<String, EtcdClient> clients = new ConcurrentHashMap<>();
    private volatile String defaultName;

    /** The process-wide registry. */
    public static Clients global() {
        return GLOBAL;
    }

    /**
     * Creates and registers a client named {@code name}. A client named {@value #DEFAULT_NAME}
     * becomes the default unless {@link #setDefault} already chose another, as in the Go library:
     * {@code register("default", cfg)} then {@link #getDefault()} is that client.
     *
     * @throws EtcdException INVALID_INPUT if the name is taken (unregister it first) or the config is bad
     */
    public synchronized EtcdClient register(String name, EtcdConfig config) {
        if (name == null || name.isBlank()) {
            throw EtcdException.invalid("client name must not be empty");
        }
        if (clients.containsKey(name)) {
            throw EtcdException.invalid("a client named '" + name + "' is already registered; unregister it first");
        }
        EtcdClient c = EtcdClient.create(name, config);
        clients.put(name, c);
        if (DEFAULT_NAME.equals(name) && defaultName == null) {
            defaultName = DEFAULT_NAME;
        }
        return c;
    }

    /** Registers a client under {@value #DEFAULT_NAME} and makes it the default. */
    public synchronized EtcdClient registerDefault(EtcdConfig config) {
        EtcdClient c = register(DEFAULT_NAME, config);
        defaultName = DEFAULT_NAME;
        return c;
    }

    /** Closes and removes the client; if it was the default, there is no default any more. */
    public synchronized void unregister(String name) {
        EtcdClient c = clients.remove(name);
        if (c == null) {
            throw unknown(name);
        }
        if (name.equals(defaultName)) {
            defaultName = null;
        }
        c.close();
    }

    public synchronized void unregisterDefault() {
        String d = defaultName;
        if (d == null) {
            throw EtcdException.invalid("no default client is set");
        }
        unregister(d);
    }

    /** The client named {@code name}. */
    public EtcdClient get(String name) {
        EtcdClient c = clients.get(name);
        if (c == null) {
            throw unknown(name);
        }
        return c;
    }

    /** Makes the registered client {@code name} the default. */
    public synchronized void setDefault(String name) {
        if (!clients.containsKey(name)) {
            throw unknown(name);
        }
        defaultName = name;
    }

    /** The default client. */
    public EtcdClient getDefault() {
        String d = defaultName;
        if (d == null) {
            throw EtcdException.invalid("no default client is set: call registerDefault or setDefault first");
        }
        EtcdClient c = clients.get(d);
        if (c == null) {
            throw EtcdException.invalid("no default client is set: call registerDefault or setDefault first");
        }
        return c;
    }

    public String defaultName() {
        return defaultName;
    }

    public List<String> names() {
        return List.copyOf(new TreeSet<>(clients.keySet()));
    }

    /** Pings the default client. */
    public void ping() {
        getDefault().ping();
    }

    /** Closes every client and empties the registry. */
    public synchronized void closeAll() {
        List<EtcdClient> all = new ArrayList<>(clients.values());
        clients.clear();
        defaultName = null;
        RuntimeException first = null;
        for (EtcdClient c : all) {
            try {
                c.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public void close() {
        closeAll();
    }

    private EtcdException unknown(String name) {
        return EtcdException.invalid("no client named '" + name + "' is registered"
                + (clients.isEmpty() ? "" : " (registered: " + String.join(", ", names()) + ")"));
    }
}
