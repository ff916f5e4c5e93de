package io.googo.etcd.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.googo.etcd.core.kv.Kv;
import io.googo.etcd.core.watch.WatchEvent;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code watch -w json} writes its events by hand ({@link JsonBytes}): byte for byte what the Jackson
 * generator writes for the same event (the path taken with a decoder), for keys and values of every
 * kind of byte: control characters, quotes, backslashes, DEL, multi-byte UTF-8 (U+2028, emoji) and
 * bytes that are not UTF-8 at all.
 */
class JsonBytesTest {
    private static final byte[][] PIECES = {
        {},
        b("a"),
        b("/bench/replay/00001"),
        b("\""),
        b("\\"),
        b("/"),
        {0},
        {1},
        {0x1f},
        {0x7f},
        b("\b\t\n\f\r"),
        b("é"),
        b("\u2028\u2029"),
        b("€"),
        b("\uD83D\uDE00"),
        {(byte) 0xff},
        {(byte) 0xc0, (byte) 0x80},
        {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
        {(byte) 0xe2, (byte) 0x82},
        {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
        {(byte) 0x80},
    };

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void eventsAreByteForByteWhatTheGeneratorWrites() {
        Random r = new Random(13);
        for (int i = 0; i < 20_000; i++) {
            WatchEvent e = randomEvent(r);
            byte[] hand = print(e, true);
            byte[] generated = print(e, false);
            assertThat(new String(hand, StandardCharsets.ISO_8859_1))
                    .as("event %s: hand-written %s vs generated %s", e, hex(hand), hex(generated))
                    .isEqualTo(new String(generated, StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void aSeriesOfEventsIsTheSameDocumentsInTheSameOrder() {
        Random r = new Random(7);
        ByteArrayOutputStream handOut = new ByteArrayOutputStream();
        ByteArrayOutputStream genOut = new ByteArrayOutputStream();
        ReadableJsonPrinter hand = new ReadableJsonPrinter(handOut);
        ReadableJsonPrinter gen = new ReadableJsonPrinter(genOut);
        for (int i = 0; i < 500; i++) {
            WatchEvent e = randomEvent(r);
            hand.watchEvent(e); // no decoder: the hand-written path
            gen.watchEventGenerated(e);
        }
        hand.flush();
        gen.flush();
        assertThat(handOut.toByteArray()).isEqualTo(genOut.toByteArray());
        assertThat(handOut.toString(StandardCharsets.UTF_8).lines().count()).isEqualTo(500);
    }

    @Test
    void utf8CheckAgreesWithTheJdkDecoderOnEveryOneAndTwoByteSequence() {
        byte[] one = new byte[1];
        byte[] two = new byte[2];
        for (int a = 0; a < 256; a++) {
            one[0] = (byte) a;
            assertAgrees(one);
            for (int c = 0; c < 256; c++) {
                two[0] = (byte) a;
                two[1] = (byte) c;
                assertAgrees(two);
            }
        }
    }

    @Test
    void utf8CheckAgreesWithTheJdkDecoderAtEveryBoundaryOfLongerSequences() {
        int[] edges = {0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xff};
        for (int a = 0xc0; a < 256; a++) {
            for (int x : edges) {
                for (int y : edges) {
                    assertAgrees(new byte[] {(byte) a, (byte) x, (byte) y});
                    for (int z : edges) {
                        assertAgrees(new byte[] {(byte) a, (byte) x, (byte) y, (byte) z});
                        assertAgrees(new byte[] {'k', (byte) a, (byte) x, (byte) y, (byte) z, 'v'});
                    }
                }
            }
        }
        Random r = new Random(11);
        for (int i = 0; i < 200_000; i++) {
            byte[] s = new byte[r.nextInt(9)];
            for (int j = 0; j < s.length; j++) {
                s[j] = (byte) (r.nextBoolean() ? 0x80 + r.nextInt(0x80) : r.nextInt(256));
            }
            assertAgrees(s);
        }
    }

    @Test
    void numbersAreWhatLongToStringWrites() {
        long[] values = {0, 1, 9, 10, 99, 100, 12345, Long.MAX_VALUE, -1, -10, Long.MIN_VALUE, Integer.MAX_VALUE};
        for (long v : values) {
            JsonBytes d = new JsonBytes();
            d.num(v);
            assertThat(new String(d.bytes(), 0, d.length(), StandardCharsets.US_ASCII))
                    .isEqualTo(Long.toString(v));
        }
    }

    private static void assertAgrees(byte[] s) {
        boolean strict;
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(s));
            strict = true;
        } catch (CharacterCodingException e) {
            strict = false;
        }
        assertThat(Text.isUtf8(s)).as("valid UTF-8? %s", hex(s)).isEqualTo(strict);
        assertThat(Text.utf8OrNull(s))
                .as("as a string: %s", hex(s))
                .isEqualTo(strict ? new String(s, StandardCharsets.UTF_8) : null);
    }

    private static byte[] print(WatchEvent e, boolean byHand) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReadableJsonPrinter p = new ReadableJsonPrinter(out);
        if (byHand) {
            p.watchEventBytes(e);
        } else {
            p.watchEventGenerated(e);
        }
        p.flush();
        return out.toByteArray();
    }

    private static WatchEvent randomEvent(Random r) {
        int kind = r.nextInt(10);
        if (kind == 0) {
            return WatchEvent.progress(number(r));
        }
        Kv kv = kv(r);
        Kv prev = r.nextInt(3) == 0 ? kv(r) : null;
        return new WatchEvent(kind < 7 ? WatchEvent.Type.PUT : WatchEvent.Type.DELETE, kv, prev, kv.modRevision());
    }

    private static Kv kv(Random r) {
        return new Kv(bytes(r), bytes(r), number(r), number(r), number(r), r.nextBoolean() ? 0 : r.nextLong());
    }

    private static long number(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> r.nextInt(10);
            case 1 -> r.nextInt(100_000);
            case 2 -> Long.MAX_VALUE - r.nextInt(3);
            default -> r.nextLong() & Long.MAX_VALUE;
        };
    }

    private static byte[] bytes(Random r) {
        int n = r.nextInt(6);
        byte[] out = new byte[0];
        for (int i = 0; i < n; i++) {
            byte[] p = r.nextInt(4) == 0 ? new byte[] {(byte) r.nextInt(256)} : PIECES[r.nextInt(PIECES.length)];
            byte[] grown = Arrays.copyOf(out, out.length + p.length);
            System.arraycopy(p, 0, grown, out.length, p.length);
            out = grown;
        }
        if (r.nextInt(50) == 0) {
            out = new byte[600 + r.nextInt(2000)]; // longer than the document's first buffer
            for (int i = 0; i < out.length; i++) {
                out[i] = (byte) (r.nextInt(8) == 0 ? '"' : 'a' + r.nextInt(26));
            }
        }
        return out;
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
