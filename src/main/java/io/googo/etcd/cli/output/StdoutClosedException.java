package io.googo.etcd.cli.output;

import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.EtcdException;
import java.io.IOException;

/**
 * The reader of standard output went away ({@code gooetcd get p --prefix | head -1}). Not
 * worth an error line: the command stops quietly with status 141, as etcdctl does when
 * SIGPIPE ends it.
 */
public final class StdoutClosedException extends EtcdException {
    private static final long serialVersionUID = 1L;
    public static final int EXIT_CODE = 141;

    public StdoutClosedException(IOException cause) {
        super(ErrorKind.IO, "standard output was closed", cause);
    }

    static boolean isBrokenPipe(IOException e) {
        String m = e.getMessage();
        return m != null && (m.contains("Broken pipe") || m.contains("Stream closed"));
    }

    /** True when {@code t} was caused by writing to a closed pipe (from core code that wrote to stdout). */
    public static boolean isBrokenPipe(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof IOException io && isBrokenPipe(io)) {
                return true;
            }
        }
        return false;
    }
}
