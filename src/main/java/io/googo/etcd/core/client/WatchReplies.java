package io.googo.etcd.core.client;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import io.googo.etcd.core.kv.Kv;
import io.googo.etcd.core.watch.WatchEvent;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The response half of one watch stream's gRPC method: each {@code etcdserverpb.WatchResponse}
 * read with protobuf's {@link CodedInputStream} straight into a {@link Reply} and its
 * {@link WatchEvent}s (the namespace taken off the keys, a previous pair kept only when asked
 * for), on the event loop, as gRPC hands the message over. A replay brings tens of thousands of
 * events: this skips jetcd's generated {@code WatchResponse}, {@code Event} and {@code KeyValue}
 * messages, their builders and the {@code ByteString} copies in between (code to interpret and to
 * compile, and objects, per event). Requests still go out as jetcd's messages.
 *
 * <p>The fields read (etcd's {@code rpc.proto} and {@code kv.proto}; any other is skipped):
 * WatchResponse {@code header=1, watch_id=2, created=3, canceled=4, compact_revision=5,
 * cancel_reason=6, events=11}; ResponseHeader {@code revision=3}; Event {@code type=1, kv=2,
 * prev_kv=3}; KeyValue {@code key=1, create_revision=2, mod_revision=3, version=4, value=5,
 * lease=6}. {@code WatchRepliesTest} checks it against jetcd's own messages.
 */
final class WatchReplies implements MethodDescriptor.Marshaller<WatchReplies.Reply> {
    /**
     * One response.
     *
     * @param revision        the header's revision
     * @param watchId         the watch's id
     * @param created         a "created" answer
     * @param canceled        a "canceled" answer
     * @param compactRevision with "canceled", the revision compacted to (else 0)
     * @param cancelReason    with "canceled", etcd's reason (else empty)
     * @param eventCount      how many events the message carried (of any type)
     * @param events          the changes, in order (PUT and DELETE only)
     */
    record Reply(
            long revision,
            long watchId,
            boolean created,
            boolean canceled,
            long compactRevision,
            String cancelReason,
            int eventCount,
            List<WatchEvent> events) {}

    private final byte[] namespace;
    private final boolean prevKv;

    /**
     * @param namespace the client's key prefix, taken off each key that starts with it (empty: none)
     * @param prevKv    whether the watch asked for previous pairs (else they are dropped)
     */
    WatchReplies(byte[] namespace, boolean prevKv) {
        this.namespace = namespace;
        this.prevKv = prevKv;
    }

    @Override
    public InputStream stream(Reply value) {
        throw new UnsupportedOperationException("a watch's replies are only read");
    }

    @Override
    public Reply parse(InputStream in) {
        try {
            return parse(bytes(in));
        } catch (IOException e) {
            throw Status.INTERNAL
                    .withDescription("invalid watch response: " + e.getMessage())
                    .withCause(e)
                    .asRuntimeException();
        }
    }

    private static byte[] bytes(InputStream in) throws IOException {
        if (!(in instanceof KnownLength)) {
            return in.readAllBytes();
        }
        byte[] b = in.readNBytes(in.available());
        int next = in.read();
        if (next < 0) {
            return b;
        }
        byte[] rest = in.readAllBytes(); // more than announced (not seen): the rest too
        byte[] all = Arrays.copyOf(b, b.length + 1 + rest.length);
        all[b.length] = (byte) next;
        System.arraycopy(rest, 0, all, b.length + 1, rest.length);
        return all;
    }

    /** Reads one encoded {@code WatchResponse}. */
    Reply parse(byte[] message) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(message);
        long revision = 0;
        long watchId = 0;
        boolean created = false;
        boolean canceled = false;
        long compactRevision = 0;
        String cancelReason = "";
        List<WatchEvent> events = List.of();
        int eventCount = 0;
        while (true) {
            int tag = in.readTag();
            switch (tag) {
                case 0 -> {
                    return new Reply(
                            revision, watchId, created, canceled, compactRevision, cancelReason, eventCount, events);
                }
                case (1 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> revision = header(in, revision);
                case (2 << 3) | WireFormat.WIRETYPE_VARINT -> watchId = in.readInt64();
                case (3 << 3) | WireFormat.WIRETYPE_VARINT -> created = in.readBool();
                case (4 << 3) | WireFormat.WIRETYPE_VARINT -> canceled = in.readBool();
                case (5 << 3) | WireFormat.WIRETYPE_VARINT -> compactRevision = in.readInt64();
                case (6 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> cancelReason = in.readStringRequireUtf8();
                case (11 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> {
                    if (eventCount++ == 0) {
                        events = new ArrayList<>();
                    }
                    WatchEvent e = event(in);
                    if (e != null) {
                        events.add(e);
                    }
                }
                default -> in.skipField(tag);
            }
        }
    }

    /** A {@code ResponseHeader}'s revision (the rest of the header is not used). */
    private static long header(CodedInputStream in, long revision) throws IOException {
        int limit = in.pushLimit(in.readRawVarint32());
        while (true) {
            int tag = in.readTag();
            if (tag == 0) {
                break;
            }
            if (tag == ((3 << 3) | WireFormat.WIRETYPE_VARINT)) {
                revision = in.readInt64();
            } else {
                in.skipField(tag);
            }
        }
        in.popLimit(limit);
        return revision;
    }

    /** One {@code mvccpb.Event}; {@code null} for a type other than PUT or DELETE. */
    private WatchEvent event(CodedInputStream in) throws IOException {
        int limit = in.pushLimit(in.readRawVarint32());
        int type = 0;
        Kv kv = null;
        Kv prev = null;
        while (true) {
            int tag = in.readTag();
            if (tag == 0) {
                break;
            }
            switch (tag) {
                case (1 << 3) | WireFormat.WIRETYPE_VARINT -> type = in.readEnum();
                case (2 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> kv = kv(in, false);
                case (3 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> prev = kv(in, true);
                default -> in.skipField(tag);
            }
        }
        in.popLimit(limit);
        if (type != 0 && type != 1) {
            return null;
        }
        if (kv == null) {
            kv = new Kv(new byte[0], new byte[0], 0, 0, 0, 0);
        }
        return new WatchEvent(type == 0 ? WatchEvent.Type.PUT : WatchEvent.Type.DELETE, kv, prev, kv.modRevision());
    }

    /**
     * One {@code mvccpb.KeyValue}, the namespace taken off its key; as a previous pair ({@code prev}),
     * {@code null} when previous pairs were not asked for or it has no key (there was none).
     */
    private Kv kv(CodedInputStream in, boolean prev) throws IOException {
        int limit = in.pushLimit(in.readRawVarint32());
        byte[] key = EMPTY;
        byte[] value = EMPTY;
        long create = 0;
        long mod = 0;
        long version = 0;
        long lease = 0;
        while (true) {
            int tag = in.readTag();
            if (tag == 0) {
                break;
            }
            switch (tag) {
                case (1 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> key = in.readByteArray();
                case (2 << 3) | WireFormat.WIRETYPE_VARINT -> create = in.readInt64();
                case (3 << 3) | WireFormat.WIRETYPE_VARINT -> mod = in.readInt64();
                case (4 << 3) | WireFormat.WIRETYPE_VARINT -> version = in.readInt64();
                case (5 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> value = in.readByteArray();
                case (6 << 3) | WireFormat.WIRETYPE_VARINT -> lease = in.readInt64();
                default -> in.skipField(tag);
            }
        }
        in.popLimit(limit);
        if (prev && (!prevKv || key.length == 0)) {
            return null;
        }
        return new Kv(withoutNamespace(key), value, create, mod, version, lease);
    }

    private static final byte[] EMPTY = new byte[0];

    private byte[] withoutNamespace(byte[] key) {
        int n = namespace.length;
        if (n == 0 || key.length < n || !Arrays.equals(key, 0, n, namespace, 0, n)) {
            return key;
        }
        return Arrays.copyOfRange(key, n, key.length);
    }
}
