package io.googo.etcd.core;

import io.googo.etcd.core.client.Clients;
import io.googo.etcd.core.client.EtcdClient;
import io.googo.etcd.core.config.EtcdConfig;
import io.googo.etcd.core.kv.DeleteResult;
import io.googo.etcd.core.kv.GetResult;
import io.googo.etcd.core.kv.PutResult;
import java.time.Duration;

/**
 * Static conveniences over the process-wide {@link Clients#global()} registry, the Java form
 * of the seeds' package-level functions: register clients by name, pick a default, and call
 * the default with one line. Every call is bounded by the client's request timeout.
 */
public final class Etcd {
    private Etcd() {}

    public static EtcdClient register(String name, EtcdConfig config) {
        return Clients.global().register(name, config);
    }

    public static EtcdClient registerDefault(EtcdConfig config) {
        return Clients.global().registerDefault(config);
    }

    public static void unregister(String name) {
        Clients.global().unregister(name);
    }

    public static void unregisterDefault() {
        Clients.global().unregisterDefault();
    }

    public static EtcdClient client(String name) {
        return Clients.global().get(name);
    }

    public static void setDefault(String name) {
        Clients.global().setDefault(name);
    }

    public static EtcdClient defaultClient() {
        return Clients.global().getDefault();
    }

    public static void closeAll() {
        Clients.global().closeAll();
    }

    public static void ping() {
        Clients.global().ping();
    }

    public static PutResult put(String key, String value) {
        return defaultClient().put(key, value);
    }

    public static PutResult putWithTtl(String key, String value, Duration ttl) {
        return defaultClient().putWithTtl(key, value, ttl);
    }

    public static PutResult putIfModRevision(String key, String value, long modRevision) {
        return defaultClient().putIfModRevision(key, value, modRevision);
    }

    /**
     * {@link EtcdClient#putIfAbsent(String, String)} on the default client.
     *
     * @param key   the key
     * @param value the value
     * @return {@code true} if written, {@code false} if the key existed
     */
    public static boolean putIfAbsent(String key, String value) {
        return defaultClient().putIfAbsent(key, value);
    }

    /**
     * {@link EtcdClient#tryLock(String, long)} on the default client (the Go library's {@code GetLock}).
     *
     * @param key     the lock's key
     * @param leaseId the caller's lease
     * @return {@code true} if this lease now holds the lock
     */
    public static boolean tryLock(String key, long leaseId) {
        return defaultClient().tryLock(key, leaseId);
    }

    /**
     * {@link EtcdClient#unlock(String, long)} on the default client.
     *
     * @param key     the lock's key
     * @param leaseId the lease that took it
     * @return {@code true} if released
     */
    public static boolean unlock(String key, long leaseId) {
        return defaultClient().unlock(key, leaseId);
    }

    public static GetResult get(String key) {
        return defaultClient().get(key);
    }

    public static String getValue(String key) {
        return defaultClient().getValue(key);
    }

    public static DeleteResult delete(String key) {
        return defaultClient().delete(key);
    }
}
