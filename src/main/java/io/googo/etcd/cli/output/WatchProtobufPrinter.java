package io.googo.etcd.cli.output;

import io.googo.etcd.core.kv.Header;
import io.googo.etcd.core.watch.WatchEvent;
import io.googo.etcd.core.watch.WatchMessages;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code watch -w protobuf}: each response as etcdctl 3.4 writes it, one encoded
 * {@code WatchResponse} after the other with nothing between them (no length prefix, no newline),
 * rebuilt from the events: the events of one revision make one response, written when the next
 * revision's event comes or when the command flushes (its queue is empty). A progress notification is
 * etcdctl's {@code progress notify: REV} line, then a response with the header alone. The header's
 * cluster, member and raft term come from {@code header} (asked once, at the first response).
 *
 * <p>Events are grouped per calling thread: each watch of {@code watch -i} prints from its own thread,
 * and two watches never share a response.
 */
public final class WatchProtobufPrinter implements Printer {
    private final OutputStream out;
    private final Supplier<Header> header;
    private final Supplier<byte[]> namespaceOf;
    private byte[] namespace;
    private final Map<Thread, List<WatchEvent>> pending = new HashMap<>();
    private Header known;

    /**
     * @param out       where the responses go
     * @param header    the member's header (cluster, member, raft term), asked at the first response
     * @param namespace the client's key prefix, put back on the keys as etcd sends them (empty: none),
     *                  asked at the first response
     */
    public WatchProtobufPrinter(OutputStream out, Supplier<Header> header, Supplier<byte[]> namespace) {
        this.out = out;
        this.header = header;
        this.namespaceOf = namespace;
    }

    @Override
    public synchronized void watchEvent(WatchEvent e) {
        List<WatchEvent> mine = pending.get(Thread.currentThread());
        if (mine != null && (e.isProgress() || mine.get(0).revision() != e.revision())) {
            emit(pending.remove(Thread.currentThread()));
            mine = null;
        }
        if (e.isProgress()) {
            write(("progress notify: " + e.revision() + "\n").getBytes(StandardCharsets.UTF_8));
            write(WatchMessages.response(header(), e.revision(), List.of(), new byte[0]));
            return;
        }
        if (mine == null) {
            mine = new ArrayList<>();
            pending.put(Thread.currentThread(), mine);
        }
        mine.add(e);
    }

    /** Writes the calling thread's pending response (and any left by a thread that has ended). */
    @Override
    public synchronized void flush() {
        List<WatchEvent> mine = pending.remove(Thread.currentThread());
        if (mine != null) {
            emit(mine);
        }
        pending.entrySet().removeIf(p -> {
            if (p.getKey().isAlive()) {
                return false;
            }
            emit(p.getValue());
            return true;
        });
        try {
            out.flush();
        } catch (IOException e) {
            throw StreamPrinter.broken(e);
        }
    }

    private void emit(List<WatchEvent> events) {
        if (namespace == null) {
            namespace = namespaceOf.get();
        }
        write(WatchMessages.response(header(), events.get(0).revision(), events, namespace));
    }

    private Header header() {
        if (known == null) {
            known = header.get();
        }
        return known;
    }

    private void write(byte[] b) {
        try {
            out.write(b);
        } catch (IOException e) {
            throw StreamPrinter.broken(e);
        }
    }
}
