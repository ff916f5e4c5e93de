package io.googo.etcd.core.cluster;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.maintenance.SnapshotResponse;
import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.client.EtcdClient;
import io.googo.etcd.core.config.Durations;
import io.grpc.Context;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * {@code snapshot save}: the server streams its backend database; the gRPC thread only queues each
 * chunk, and the caller's thread writes it to a temporary file in the target's directory. The save
 * has no overall deadline, since a big database takes long, but the server must keep sending: no
 * chunk for a request timeout (dial timeout plus request timeout for the first) fails it. At the
 * end the file is synced to disk and renamed atomically onto the target, and the directory is
 * synced. Any failure deletes the temporary file and cancels the stream.
 */
final class SnapshotSaver {
    private static final Object END = new Object();

    private final EtcdClient client;

    SnapshotSaver(EtcdClient client) {
        this.client = client;
    }

    private record Failed(Throwable cause) {}

    SnapshotResult save(Path file, LongConsumer progress) {
        long start = System.nanoTime();
        String what = "snapshot save " + file;
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw EtcdException.io(what + ": directory " + dir + " does not exist", null);
        }
        if (Files.isDirectory(target)) {
            throw EtcdException.io(what + ": " + file + " is a directory", null);
        }
        Path temp;
        try {
            temp = Files.createTempFile(dir, target.getFileName() + ".", ".part");
        } catch (IOException e) {
            throw EtcdException.io(what + ": cannot create a file in " + dir + ": " + e.getMessage(), e);
        }
        Context.CancellableContext call = Context.current().withCancellation();
        boolean done = false;
        try {
            long size;
            try (FileChannel out =
                    FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                size = receive(call, out, what, progress);
                out.force(true);
            }
            move(temp, target);
            syncDirectory(dir);
            done = true;
            return new SnapshotResult(file, size, Duration.ofNanos(System.nanoTime() - start));
        } catch (InterruptedException | java.nio.channels.ClosedByInterruptException e) {
            Thread.currentThread().interrupt();
            throw new EtcdException(ErrorKind.INTERRUPTED, what + ": interrupted", e);
        } catch (IOException e) {
            throw EtcdException.io(what + ": cannot write " + temp + ": " + e.getMessage(), e);
        } finally {
            call.cancel(null);
            if (!done) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // nothing more to do
                }
            }
        }
    }

    /** Starts the stream within {@code call} (cancelling it cancels the stream); writes what arrives to {@code out}. */
    private long receive(Context.CancellableContext call, FileChannel out, String what, LongConsumer progress)
            throws IOException, InterruptedException {
        BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        StreamObserver<SnapshotResponse> observer = new StreamObserver<>() {
            @Override
            public void onNext(SnapshotResponse r) {
                queue.add(r.getBlob());
            }

            @Override
            public void onError(Throwable t) {
                queue.add(new Failed(t));
            }

            @Override
            public void onCompleted() {
                queue.add(END);
            }
        };
        call.run(() -> client.jetcd().getMaintenanceClient().snapshot(observer));
        long size = 0;
        long idleNanos = client.config().requestTimeout().toNanos();
        long firstNanos = idleNanos + client.config().dialTimeout().toNanos();
        while (true) {
            long wait = size == 0 ? firstNanos : idleNanos;
            Object next = queue.poll(wait, TimeUnit.NANOSECONDS);
            if (next == null) {
                throw new EtcdException(
                        size == 0 ? ErrorKind.CONNECTION : ErrorKind.TIMEOUT,
                        what
                                + ": the server sent nothing for " + Durations.format(Duration.ofNanos(wait)) + " ("
                                + (size == 0 ? "dial and command timeout" : "command timeout") + ") after " + size
                                + " bytes from " + String.join(",", client.endpoints()));
            }
            if (next == END) {
                break;
            }
            if (next instanceof Failed f) {
                throw client.failure(what, f.cause());
            }
            ByteString blob = (ByteString) next;
            for (ByteBuffer b : blob.asReadOnlyByteBufferList()) {
                while (b.hasRemaining()) {
                    out.write(b);
                }
            }
            size += blob.size();
            if (progress != null) {
                progress.accept(size);
            }
        }
        if (size == 0) {
            throw new EtcdException(ErrorKind.SERVER, what + ": the server sent an empty snapshot");
        }
        return size;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Makes the rename durable (Linux and macOS allow opening a directory for this; elsewhere it is skipped). */
    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // not possible on this platform: the rename itself is still atomic
        }
    }
}
