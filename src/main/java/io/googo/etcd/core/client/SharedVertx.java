package io.googo.etcd.core.client;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.internal.VertxInternal;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.TimeUnit;

/**
 * The one Vert.x instance every {@link EtcdClient} of the process runs its network I/O on: one event
 * loop thread, daemon threads only, created with the first client and never closed.
 *
 * <p>Why shared and never closed: closing a Vert.x instance terminates its Netty event-loop groups,
 * and Netty hands their termination to its {@code GlobalEventExecutor}, whose thread is not a daemon
 * and lingers up to a second (its quiet period) after the last task; a program's {@code main} that
 * had closed its clients then kept the JVM alive that long. A client's {@link EtcdClient#close()}
 * closes its channel (no I/O and no timer of it remain) and leaves the idle loop, whose daemon thread
 * never holds the JVM. jetcd closes the Vert.x instance it is given when its client closes, so each
 * client gets a view of the shared instance whose {@code close()} does nothing.
 */
final class SharedVertx {
    private static Vertx shared;

    private SharedVertx() {
    }

    /** The shared instance, as a view whose {@code close()} does nothing (for jetcd's builder). */
    static synchronized Vertx get() {
        if (shared == null) {
            VertxInternal real = (VertxInternal) Vertx.vertx(new VertxOptions()
                    .setEventLoopPoolSize(1)
                    .setWorkerPoolSize(1)
                    .setInternalBlockingPoolSize(1)
                    .setUseDaemonThread(true)
                    .setPreferNativeTransport(false)
                    .setBlockedThreadCheckInterval(TimeUnit.DAYS.toMillis(1))
                    .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false)
                            .setClassPathResolvingEnabled(false)));
            shared = (Vertx) Proxy.newProxyInstance(SharedVertx.class.getClassLoader(),
                    new Class<?>[] {VertxInternal.class}, (proxy, method, args) -> invoke(real, method, args));
        }
        return shared;
    }

    private static Object invoke(VertxInternal real, Method method, Object[] args) throws Throwable {
        if (method.getName().equals("close") && method.getParameterCount() == 0) {
            return Future.succeededFuture();
        }
        try {
            return method.invoke(real, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
