package io.googo.etcd.cli;

import java.io.PrintWriter;
import java.util.Map;

/**
 * A diagnostic for the exit stall ({@code -Dgooetcd.exitCheck=true}, e.g. through
 * {@code GOOETCD_JAVA_OPTS}): names every thread still running native code when the process is
 * about to exit. The JVM's exit waits up to ~300 ms for such threads (an event loop left idle in
 * epoll, a read of a socket or of stdin), so a command that leaves one behind stalls at exit.
 */
final class ExitCheck {
    static final String PROPERTY = "gooetcd.exitCheck";

    private ExitCheck() {}

    /** Prints one {@code exit-check:} line on {@code err} per thread in native code, if the check is on. */
    static void report(PrintWriter err) {
        if (!Boolean.getBoolean(PROPERTY)) {
            return;
        }
        for (Map.Entry<Thread, StackTraceElement[]> e :
                Thread.getAllStackTraces().entrySet()) {
            Thread t = e.getKey();
            StackTraceElement[] stack = e.getValue();
            if (t == Thread.currentThread()
                    || t.getState() != Thread.State.RUNNABLE
                    || stack.length == 0
                    || !stack[0].isNativeMethod()
                    // inside the JVM, not in native code: a thread winding down (unpark, start)
                    || stack[0].getClassName().equals("java.lang.ref.Reference")
                    || stack[0].getClassName().equals("jdk.internal.misc.Unsafe")
                    || stack[0].getClassName().equals("java.lang.Thread")) {
                continue;
            }
            err.println("exit-check: thread '" + t.getName() + "' is in native code at exit: " + stack[0]);
        }
        err.flush();
    }
}
