package io.googo.etcd.core.client;

import io.netty.channel.EventLoopGroup;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Waits for a closed Vert.x instance's Netty event loops to stop. {@code Vertx.close()} completes
 * while its event-loop threads are still winding down; a process that exits then may stall
 * (~300 ms, about one run in four), so a client's close waits for the loops themselves.
 */
final class EventLoops {
    private EventLoops() {
    }

    /** Waits, at most until {@code deadlineNanos} ({@link System#nanoTime()}), for every loop of {@code vertx} to stop. */
    static void awaitStopped(Vertx vertx, long deadlineNanos) throws InterruptedException {
        if (!(vertx instanceof VertxInternal v)) {
            return;
        }
        for (EventLoopGroup group : List.of(v.acceptorEventLoopGroup(), v.eventLoopGroup())) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0 || !group.terminationFuture().await(left, TimeUnit.NANOSECONDS)) {
                return;
            }
        }
    }
}
