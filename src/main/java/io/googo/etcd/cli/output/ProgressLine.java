package io.googo.etcd.cli.output;

import java.io.PrintWriter;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

/**
 * A progress line on standard error, for a terminal only: rewritten in place (carriage return)
 * at most five times a second, and erased when the work ends, so the summary that follows
 * stands alone and nothing of it reaches a log.
 */
public final class ProgressLine {
    static final long EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final PrintWriter err;
    private final LongFunction<String> text;
    private long last;
    private boolean shown;

    /** @param text the line for a count (of bytes, of keys) */
    public ProgressLine(PrintWriter err, LongFunction<String> text) {
        this.err = err;
        this.text = text;
    }

    /** Shows {@code n} unless the line was written less than 200 ms ago. */
    public synchronized void update(long n) {
        long now = System.nanoTime();
        if (shown && now - last < EVERY_NANOS) {
            return;
        }
        last = now;
        shown = true;
        err.print("\r" + text.apply(n) + "\033[K");
        err.flush();
    }

    /** Erases the line, if one was shown. */
    public synchronized void clear() {
        if (shown) {
            err.print("\r\033[K");
            err.flush();
            shown = false;
        }
    }
}
