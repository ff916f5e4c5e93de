package io.googo.etcd.core.client;

import io.netty.channel.EventLoopGroup;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.internal.VertxInternal;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one Vert.x instance every {@link EtcdClient} of the process runs its network I/O on: one event
 * loop thread, daemon threads only, created with the first client and left running when clients
 * close; {@link #stop} ends it before a process exits.
 *
 * <p>Why shared and left running: closing a Vert.x instance terminates its Netty event-loop groups,
 * and Netty hands their termination to its {@code GlobalEventExecutor}, whose thread is not a daemon
 * and lingers up to a second (its quiet period) after the last task; a program's {@code main} that
 * had closed its clients then kept the JVM alive that long. A client's {@link EtcdClient#close()}
 * closes its channel (no I/O and no timer of it remain) and leaves the idle loop, whose daemon thread
 * never holds the JVM. jetcd closes the Vert.x instance it is given when its client closes, so each
 * client gets a view of the shared instance whose {@code close()} does nothing.
 */
final class SharedVertx {
    private static Vertx shared;
    private static VertxInternal real;

    private SharedVertx() {}

    /** The shared instance, as a view whose {@code close()} does nothing (for jetcd's builder). */
    static synchronized Vertx get() {
        if (shared == null) {
            VertxInternal made = (VertxInternal) Vertx.vertx(new VertxOptions()
                    .setEventLoopPoolSize(1)
                    .setWorkerPoolSize(1)
                    .setInternalBlockingPoolSize(1)
                    .setUseDaemonThread(true)
                    .setPreferNativeTransport(false)
                    .setBlockedThreadCheckInterval(TimeUnit.DAYS.toMillis(1))
                    .setFileSystemOptions(
                            new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false)));
            real = made;
            shared = (Vertx) Proxy.newProxyInstance(
                    SharedVertx.class.getClassLoader(),
                    new Class<?>[] {VertxInternal.class},
                    (proxy, method, args) -> invoke(made, method, args));
        }
        return shared;
    }

    /**
     * Stops the shared event loop and waits, at most {@code timeout}, for its threads to end; the
     * next client starts a new one. For a process about to exit: the JVM's exit waits up to 300 ms
     * for threads that are in native code, as an idle event loop is (in epoll_wait).
     */
    static void stop(Duration timeout) {
        VertxInternal v;
        synchronized (SharedVertx.class) {
            v = real;
            real = null;
            shared = null;
        }
        if (v == null) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            v.close().toCompletionStage().toCompletableFuture().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            for (EventLoopGroup group : List.of(v.acceptorEventLoopGroup(), v.eventLoopGroup())) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !group.terminationFuture().await(left, TimeUnit.NANOSECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // nothing more to do: its threads are daemons
        }
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
