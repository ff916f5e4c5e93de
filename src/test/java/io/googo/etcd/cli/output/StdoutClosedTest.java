package io.googo.etcd.cli.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.googo.etcd.cli.CliContext;
import io.googo.etcd.cli.GooEtcd;
import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.EtcdException;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which failures are "our stdout's reader went away" (a quiet 141): only those thrown by our own
 * stdout, never a "Broken pipe" among the causes of another failure (issue #12, item 4).
 */
class StdoutClosedTest {
    /** A stream whose reader is gone, as a pipe after {@code head -1} exits. */
    private static final class BrokenPipe extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            throw new IOException("Broken pipe");
        }
    }

    @Test
    void aBrokenPipeFromTheEtcdSocketIsNotOurStdout() {
        // what gRPC gives when a write to a dead member's socket fails
        Throwable socket = Status.UNAVAILABLE
                .withDescription("io exception")
                .withCause(new IOException("writevAddresses(..) failed: Broken pipe"))
                .asRuntimeException();
        EtcdException failure = new EtcdException(ErrorKind.CONNECTION, "load: cannot reach x", socket);
        assertThat(StdoutClosedException.isStdoutClosed(failure)).isFalse();
    }

    @Test
    void ourStdoutsBrokenPipeIsAndStaysClosed() {
        StdoutClosedException.Guard out = new StdoutClosedException.Guard(new BrokenPipe());
        assertThatThrownBy(() -> out.write('x'))
                .isInstanceOf(StdoutClosedException.Closed.class)
                .satisfies(t -> assertThat(StdoutClosedException.isStdoutClosed(
                                EtcdException.io("cannot write the dump", (IOException) t)))
                        .isTrue());
        assertThat(out.closed()).isTrue();
        assertThatThrownBy(out::flush).isInstanceOf(StdoutClosedException.Closed.class);
    }

    @Test
    void anotherWriteFailureOfOurStdoutIsAnError() {
        StdoutClosedException.Guard out = new StdoutClosedException.Guard(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        });
        assertThatThrownBy(() -> out.write('x'))
                .isNotInstanceOf(StdoutClosedException.Closed.class)
                .hasMessageContaining("No space left");
        assertThat(out.closed()).isFalse();
    }

    @Test
    void aCommandWhoseStdoutReaderIsGoneExits141Quietly() {
        OutputStream stdout = new StdoutClosedException.Guard(new BrokenPipe());
        CliContext ctx = new CliContext(
                Map.of(),
                Path.of("/nonexistent-home"),
                new ByteArrayInputStream(new byte[0]),
                stdout,
                false,
                false,
                null);
        StringWriter err = new StringWriter();
        int code = GooEtcd.run(
                ctx, new PrintWriter(StringWriter.nullWriter()), new PrintWriter(err, true), "completion", "bash");
        assertThat(code).as(err.toString()).isEqualTo(141);
        assertThat(err.toString()).isEmpty();
    }
}
