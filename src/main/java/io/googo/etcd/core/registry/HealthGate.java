package io.googo.etcd.core.registry;

import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The health side of a {@link ServiceRegistrar}: runs its {@link HealthCheck} every interval on a thread of
 * its own (each check bounded by the interval, at most 10 s), counts the failures in a row, and says when
 * the instance turns unhealthy (after N failures in a row) and healthy (at the first pass after being
 * unhealthy, or the very first pass). What to do then (withdraw the key, register again) is the
 * registrar's.
 */
final class HealthGate implements AutoCloseable {
    private static final Duration MAX_CHECK_TIMEOUT = Duration.ofSeconds(10);

    /** Told about each change, in order, on the check thread; must be quick (hand it to another thread). */
    interface Listener {
        /**
         * The first check passed, or the first one after being reported unhealthy.
         *
         * @param wasUnhealthy whether {@link #unhealthy} was said before
         */
        void healthy(boolean wasUnhealthy);

        /** {@code failures} checks in a row failed, the last for {@code reason}; said once until healthy. */
        void unhealthy(int failures, String reason);
    }

    private enum State {
        UNKNOWN,
        HEALTHY,
        UNHEALTHY
    }

    private final HealthCheck check;
    private final Duration interval;
    private final int failures;
    private final Listener listener;
    private final ScheduledThreadPoolExecutor thread;
    // the check thread only
    private State state = State.UNKNOWN;
    private int failedInARow;

    HealthGate(
            HealthCheck check, Duration interval, int failures, Listener listener, ScheduledThreadPoolExecutor thread) {
        this.check = check;
        this.interval = interval;
        this.failures = failures;
        this.listener = listener;
        this.thread = thread;
    }

    /** Checks now, then every interval until {@link #close()}. */
    void start() {
        thread.scheduleWithFixedDelay(this::runCheck, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }

    private void runCheck() {
        String failure;
        try {
            failure = check.check(interval.compareTo(MAX_CHECK_TIMEOUT) > 0 ? MAX_CHECK_TIMEOUT : interval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            failure = "the check failed: " + e;
        }
        checked(failure);
    }

    private void checked(String failure) {
        if (failure == null) {
            failedInARow = 0;
            if (state != State.HEALTHY) {
                boolean wasUnhealthy = state == State.UNHEALTHY;
                state = State.HEALTHY;
                listener.healthy(wasUnhealthy);
            }
            return;
        }
        failedInARow++;
        if (failedInARow < failures || state == State.UNHEALTHY) {
            return;
        }
        state = State.UNHEALTHY;
        listener.unhealthy(failedInARow, failure);
    }
}
