package io.googo.etcd.testkit;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Polls a condition until it holds or a deadline passes; use it instead of {@code Thread.sleep}.
 *
 * <p>A condition that throws counts as "not yet"; when the deadline passes the last such exception is
 * attached as the cause of the {@link AssertionError}.
 */
public final class Await {

    private static final long FIRST_PAUSE_MILLIS = 5;
    private static final long MAX_PAUSE_MILLIS = 100;

    private Await() {}

    /**
     * Waits until {@code condition} returns true.
     *
     * @param timeout   how long to keep trying
     * @param condition checked at once, then at growing intervals (5 ms up to 100 ms)
     * @param what      what is awaited, for the failure message ("etcd to be healthy")
     * @throws AssertionError when the deadline passes first
     */
    public static void until(Duration timeout, BooleanSupplier condition, String what) {
        Objects.requireNonNull(condition, "condition");
        untilPresent(timeout, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty(), what);
    }

    /**
     * Waits until {@code supplier} returns a non-empty Optional and returns its value.
     *
     * @throws AssertionError when the deadline passes first
     */
    public static <T> T untilPresent(Duration timeout, Supplier<Optional<T>> supplier, String what) {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(supplier, "supplier");
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long pause = FIRST_PAUSE_MILLIS;
        RuntimeException last = null;
        while (true) {
            try {
                Optional<T> value = supplier.get();
                if (value != null && value.isPresent()) {
                    return value.get();
                }
            } catch (RuntimeException e) {
                last = e;
            }
            long now = System.nanoTime();
            if (now - deadline >= 0) {
                AssertionError error = new AssertionError("Timed out after " + format(timeout)
                        + " waiting for: " + what
                        + (last == null ? "" : " (last error: " + last + ")"));
                if (last != null) {
                    error.initCause(last);
                }
                throw error;
            }
            long left = Math.max(1, (deadline - now) / 1_000_000);
            sleep(Math.min(pause, left));
            pause = Math.min(MAX_PAUSE_MILLIS, pause * 2);
        }
    }

    /**
     * Waits until {@code done} holds for as long as {@code progress} keeps changing: a budget as
     * progress, for work whose speed depends on how busy the machine is. Fails when the value
     * of {@code progress} has not changed for {@code stall}, or when {@code ceiling} has passed
     * in all; the message says how far it got (the last value of {@code progress}).
     *
     * @param progress a value that changes whenever the work advances (lines written so far, a
     *                 count); its {@code toString} is shown on failure
     * @throws AssertionError on a stall or at the ceiling
     */
    public static void untilProgressing(
            Duration stall, Duration ceiling, BooleanSupplier done, Supplier<?> progress, String what) {
        long start = System.nanoTime();
        Object seen = progress.get();
        long lastChange = start;
        long pause = FIRST_PAUSE_MILLIS;
        while (!done.getAsBoolean()) {
            long now = System.nanoTime();
            Object current = progress.get();
            if (!Objects.equals(current, seen)) {
                seen = current;
                lastChange = now;
            }
            if (now - lastChange >= stall.toNanos()) {
                throw new AssertionError("No progress for " + format(stall) + " waiting for: " + what
                        + "; got as far as: " + current + " (after " + seconds(now - start) + ")");
            }
            if (now - start >= ceiling.toNanos()) {
                throw new AssertionError("Still not done after the ceiling of " + format(ceiling) + " waiting for: "
                        + what + "; got as far as: " + current);
            }
            sleep(pause);
            pause = Math.min(MAX_PAUSE_MILLIS * 5, pause * 2);
        }
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }

    static String format(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
    }
}
