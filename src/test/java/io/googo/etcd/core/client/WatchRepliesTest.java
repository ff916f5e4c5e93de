package io.googo.etcd.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.Event;
import io.etcd.jetcd.api.KeyValue;
import io.etcd.jetcd.api.ResponseHeader;
import io.etcd.jetcd.api.WatchResponse;
import io.googo.etcd.core.kv.Kv;
import io.googo.etcd.core.watch.WatchEvent;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link WatchReplies} reads a watch's responses from their bytes: the same replies and events as
 * jetcd's generated messages give for the same bytes (and as the stream made of them before: the
 * namespace taken off keys, a previous pair only when asked for and when it has a key, events of an
 * unknown type left out), for random responses of every kind.
 */
class WatchRepliesTest {
    private static final byte[] NS = "ns/".getBytes(StandardCharsets.UTF_8);

    @Test
    void readsWhatJetcdsMessagesHold() throws Exception {
        Random r = new Random(13);
        for (int i = 0; i < 5_000; i++) {
            WatchResponse m = randomResponse(r);
            byte[] ns = r.nextBoolean() ? new byte[0] : NS;
            boolean prevKv = r.nextBoolean();
            WatchReplies replies = new WatchReplies(ns, prevKv);
            WatchReplies.Reply got = r.nextBoolean()
                    ? replies.parse(m.toByteArray())
                    : replies.parse(new ByteArrayInputStream(m.toByteArray()));
            WatchResponse back = WatchResponse.parseFrom(m.toByteArray());
            String what = "response " + i + ": " + m;
            assertThat(got.revision()).as(what).isEqualTo(back.getHeader().getRevision());
            assertThat(got.watchId()).as(what).isEqualTo(back.getWatchId());
            assertThat(got.created()).as(what).isEqualTo(back.getCreated());
            assertThat(got.canceled()).as(what).isEqualTo(back.getCanceled());
            assertThat(got.compactRevision()).as(what).isEqualTo(back.getCompactRevision());
            assertThat(got.cancelReason()).as(what).isEqualTo(back.getCancelReason());
            assertThat(got.eventCount()).as(what).isEqualTo(back.getEventsCount());
            assertThat(got.events()).as(what).isEqualTo(expected(back, ns, prevKv));
        }
    }

    /** What the stream made of jetcd's message before (its conversion, kept here as the reference). */
    private static List<WatchEvent> expected(WatchResponse r, byte[] ns, boolean prevKv) {
        List<WatchEvent> out = new ArrayList<>();
        for (Event e : r.getEventsList()) {
            WatchEvent.Type type = switch (e.getType()) {
                case PUT -> WatchEvent.Type.PUT;
                case DELETE -> WatchEvent.Type.DELETE;
                default -> null;
            };
            if (type == null) {
                continue;
            }
            Kv kv = kv(e.getKv(), ns);
            Kv prev = null;
            if (prevKv && e.hasPrevKv() && !e.getPrevKv().getKey().isEmpty()) {
                prev = kv(e.getPrevKv(), ns);
            }
            out.add(new WatchEvent(type, kv, prev, kv.modRevision()));
        }
        return out;
    }

    private static Kv kv(KeyValue kv, byte[] ns) {
        ByteString k = kv.getKey();
        ByteString n = ByteString.copyFrom(ns);
        if (!n.isEmpty() && k.startsWith(n)) {
            k = k.substring(n.size());
        }
        return new Kv(
                k.toByteArray(),
                kv.getValue().toByteArray(),
                kv.getCreateRevision(),
                kv.getModRevision(),
                kv.getVersion(),
                kv.getLease());
    }

    private static WatchResponse randomResponse(Random r) {
        WatchResponse.Builder b = WatchResponse.newBuilder();
        if (r.nextInt(5) > 0) {
            b.setHeader(ResponseHeader.newBuilder()
                    .setClusterId(r.nextLong())
                    .setMemberId(r.nextLong())
                    .setRevision(number(r))
                    .setRaftTerm(number(r)));
        }
        switch (r.nextInt(5)) {
            case 0 -> b.setCreated(true).setWatchId(r.nextInt(3) - 1);
            case 1 ->
                b.setCanceled(true)
                        .setCompactRevision(r.nextBoolean() ? 0 : number(r))
                        .setCancelReason(r.nextBoolean() ? "" : "etcdserver: permission denied é");
            case 2 -> b.setWatchId(number(r));
            default -> {
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    Event.Builder e = Event.newBuilder();
                    int t = r.nextInt(8);
                    if (t == 7) {
                        e.setTypeValue(5); // a type this client does not know
                    } else {
                        e.setType(t < 5 ? Event.EventType.PUT : Event.EventType.DELETE);
                    }
                    if (r.nextInt(10) > 0) {
                        e.setKv(randomKv(r));
                    }
                    if (r.nextBoolean()) {
                        e.setPrevKv(r.nextInt(5) == 0 ? KeyValue.getDefaultInstance() : randomKv(r));
                    }
                    b.addEvents(e);
                }
                b.setWatchId(number(r));
            }
        }
        return b.build();
    }

    private static KeyValue randomKv(Random r) {
        byte[] key = bytes(r);
        if (r.nextBoolean()) {
            byte[] k = Arrays.copyOf(NS, NS.length + key.length);
            System.arraycopy(key, 0, k, NS.length, key.length);
            key = k;
        }
        return KeyValue.newBuilder()
                .setKey(ByteString.copyFrom(key))
                .setValue(ByteString.copyFrom(bytes(r)))
                .setCreateRevision(number(r))
                .setModRevision(number(r))
                .setVersion(number(r))
                .setLease(r.nextBoolean() ? 0 : r.nextLong())
                .build();
    }

    private static byte[] bytes(Random r) {
        byte[] b = new byte[r.nextInt(4) == 0 ? r.nextInt(300) : r.nextInt(8)];
        r.nextBytes(b);
        return b;
    }

    private static long number(Random r) {
        return switch (r.nextInt(3)) {
            case 0 -> r.nextInt(200);
            case 1 -> Long.MAX_VALUE - r.nextInt(3);
            default -> r.nextLong() & Long.MAX_VALUE;
        };
    }
}
