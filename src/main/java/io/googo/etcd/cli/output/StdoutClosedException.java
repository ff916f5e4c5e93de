package io.googo.etcd.cli.output;

import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.EtcdException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The reader of standard output went away ({@code gooetcd get p --prefix | head -1}). Not
 * worth an error line: the command stops quietly with status 141, as etcdctl does when
 * SIGPIPE ends it.
 *
 * <p>Only a failed write to our own standard output counts, never a "Broken pipe" found among
 * the causes of some other failure (a write to a dead etcd member's socket is one too): the
 * process's stdout is wrapped in a {@link Guard}, which throws {@link Closed} when its pipe is
 * gone, and {@link #isStdoutClosed} looks for that type.
 */
public final class StdoutClosedException extends EtcdException {
    private static final long serialVersionUID = 1L;
    public static final int EXIT_CODE = 141;

    public StdoutClosedException(IOException cause) {
        super(ErrorKind.IO, "standard output was closed", cause);
    }

    /** What {@link Guard} throws when the reader of standard output has gone away. */
    public static final class Closed extends IOException {
        private static final long serialVersionUID = 1L;

        Closed(IOException cause) {
            super("standard output was closed: " + cause.getMessage(), cause);
        }
    }

    /**
     * Standard output as the process has it: a write or flush that fails because the pipe's
     * reader is gone throws {@link Closed} (and every later one too); other failures (a full
     * disk) stay what they are.
     */
    public static final class Guard extends FilterOutputStream {
        private volatile boolean closed;

        public Guard(OutputStream out) {
            super(out);
        }

        /** Whether a write found the reader gone. */
        public boolean closed() {
            return closed;
        }

        @Override
        public void write(int b) throws IOException {
            check();
            try {
                out.write(b);
            } catch (IOException e) {
                throw classify(e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            check();
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw classify(e);
            }
        }

        @Override
        public void flush() throws IOException {
            check();
            try {
                out.flush();
            } catch (IOException e) {
                throw classify(e);
            }
        }

        private void check() throws Closed {
            if (closed) {
                throw new Closed(new IOException("Broken pipe"));
            }
        }

        private IOException classify(IOException e) {
            if (e instanceof Closed || isBrokenPipe(e)) {
                closed = true;
                return e instanceof Closed c ? c : new Closed(e);
            }
            return e;
        }
    }

    /** The words the JDK uses for EPIPE on a file descriptor (only asked of our own stdout's failures). */
    public static boolean isBrokenPipe(IOException e) {
        String m = e.getMessage();
        return m != null && (m.contains("Broken pipe") || m.contains("Stream closed"));
    }

    /** True when {@code t} is, or was caused by, a write to our standard output after its reader went away. */
    public static boolean isStdoutClosed(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof StdoutClosedException || c instanceof Closed) {
                return true;
            }
        }
        return false;
    }
}
