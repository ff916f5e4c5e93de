package io.googo.etcd.core.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The NDJSON writer writes what Jackson did, byte for byte (but see {@link #jackson}), and parse reads it back. */
class NdjsonCodecTest {

    /** The line as the writer wrote it with Jackson, before it wrote the bytes itself. */
    private static String jackson(byte[] key, byte[] value, long ttl) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.writeStartObject();
            field(g, "key", key);
            field(g, "value", value);
            if (ttl > 0) {
                g.writeNumberField("ttl", ttl);
            }
            g.writeEndObject();
        }
        // the one difference: Jackson escaped a character past U+FFFF as a surrogate pair; the
        // writer copies its UTF-8 bytes (JSON either way, and both parse to the same bytes)
        Matcher m = PAIR.matcher(out.toString(StandardCharsets.UTF_8));
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String c = new String(
                    new char[] {(char) Integer.parseInt(m.group(2), 16), (char) Integer.parseInt(m.group(3), 16)});
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + c));
        }
        m.appendTail(sb);
        return sb + "\n";
    }

    private static final Pattern PAIR =
            Pattern.compile("(?<!\\\\)((?:\\\\\\\\)*)\\\\u(D[89AB][0-9A-F]{2})\\\\u(D[C-F][0-9A-F]{2})");

    private static void field(JsonGenerator g, String name, byte[] b) throws IOException {
        try {
            String s = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b))
                    .toString();
            g.writeStringField(name, s);
        } catch (CharacterCodingException e) {
            g.writeStringField(name + "_base64", Base64.getEncoder().encodeToString(b));
        }
    }

    private static String written(byte[] key, byte[] value, long ttl) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NdjsonCodec.Writer w = new NdjsonCodec.Writer(out);
        w.write(key, value, ttl);
        w.flush();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void same(byte[] key, byte[] value, long ttl) throws IOException {
        String line = written(key, value, ttl);
        assertThat(line).isEqualTo(jackson(key, value, ttl));
        Record r = NdjsonCodec.parse(line.substring(0, line.length() - 1), "line 1");
        assertThat(r.key()).isEqualTo(key);
        assertThat(r.value()).isEqualTo(value);
        assertThat(r.ttlSeconds()).isEqualTo(ttl);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void textEscapesAndBinaryAreWrittenAsJacksonWroteThem() throws IOException {
        same(b("k"), b(""), 0);
        same(b("k"), b("v"), 30);
        same(b("a/\"quoted\"\\back"), b("tab\tnl\ncr\rbs\bff\fnul\u0000us\u001fdel\u007f"), 0);
        same(b("ünïcödé/日本/😀"), b("\u2028\u2029/</script>"), 1);
        same(new byte[] {'k', (byte) 0xff}, new byte[] {0, 1, (byte) 0xff, '\n', '"'}, Long.MAX_VALUE);
        // not UTF-8 as Java's strict decoder reads it: overlong, surrogates, past U+10FFFF, cut short
        for (byte[] bad : new byte[][] {
            {(byte) 0xc0, (byte) 0x80},
            {(byte) 0xe0, (byte) 0x80, (byte) 0x80},
            {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
            {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            {(byte) 0xf0, (byte) 0x80, (byte) 0x80, (byte) 0x80},
            {(byte) 0xe2, (byte) 0x82},
            {(byte) 0x80},
            {(byte) 0xf5, (byte) 0x80, (byte) 0x80, (byte) 0x80}
        }) {
            same(b("k"), bad, 0);
            assertThat(NdjsonCodec.isUtf8(bad)).isFalse();
        }
        same(b("big"), b("x".repeat(300_000) + "\"" + "y".repeat(70_000)), 0);
    }

    @Test
    void randomBytesAreWrittenAsJacksonWroteThem() throws IOException {
        Random r = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            byte[] k = new byte[1 + r.nextInt(12)];
            byte[] v = new byte[r.nextInt(40)];
            for (byte[] a : new byte[][] {k, v}) {
                for (int j = 0; j < a.length; j++) {
                    // mostly text, some control bytes and UTF-8 lead and continuation bytes
                    int kind = r.nextInt(10);
                    a[j] = (byte)
                            (kind < 6 ? 0x20 + r.nextInt(0x60) : kind < 7 ? r.nextInt(0x20) : 0x80 + r.nextInt(0x80));
                }
            }
            same(k, v, r.nextInt(3) == 0 ? r.nextInt(100_000) : 0);
        }
        // and valid multi-byte text of every length
        for (int i = 0; i < 5000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < 8; j++) {
                int cp = r.nextInt(4) == 0 ? 0x10000 + r.nextInt(0xFFFFF) : r.nextInt(0xD800);
                sb.appendCodePoint(cp);
            }
            same(b("k"), b(sb.toString()), 0);
        }
    }

    @Test
    void manyLinesGoThroughTheBuffer() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NdjsonCodec.Writer w = new NdjsonCodec.Writer(out);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            byte[] k = b("key/" + i);
            byte[] v = b("v".repeat(i % 300) + "\n");
            w.write(k, v, i % 5);
            expected.append(jackson(k, v, i % 5));
        }
        w.flush();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString());
    }
    /** The fast path reads a line as parse does, or leaves it to parse. */
    private static void fastAsParse(String line, boolean fast) {
        byte[] b = ("xx" + line + "yy").getBytes(StandardCharsets.UTF_8);
        Record f = NdjsonCodec.parseFast(b, 2, b.length - 2);
        if (!fast) {
            assertThat(f).as(line).isNull();
            return;
        }
        assertThat(f).as(line).isNotNull();
        Record r = NdjsonCodec.parse(line, "line 1");
        assertThat(f.key()).as(line).isEqualTo(r.key());
        assertThat(f.value()).as(line).isEqualTo(r.value());
        assertThat(f.ttlSeconds()).as(line).isEqualTo(r.ttlSeconds());
    }

    @Test
    void theFastPathReadsDumpsLinesAsParseDoesAndLeavesTheRestToIt() {
        fastAsParse("{\"key\":\"k\",\"value\":\"v\"}", true);
        fastAsParse("{\"key\":\"k\",\"value\":\"\"}", true);
        fastAsParse("{\"key\":\"a/b c\",\"value\":\"ünï 日本 😀 \u007f\",\"ttl\":30}", true);
        fastAsParse("{\"key\":\"k\",\"value\":\"v\",\"ttl\":0}", true);
        fastAsParse("{\"key\":\"k\",\"value\":\"v\",\"ttl\":999999999999999999}", true);
        // escapes, spaces, other fields or order, bad numbers, empty keys: parse's
        for (String other : new String[] {
            "{\"key\":\"k\\n\",\"value\":\"v\"}",
            "{\"key\":\"k\", \"value\":\"v\"}",
            " {\"key\":\"k\",\"value\":\"v\"}",
            "{\"key\":\"k\",\"value\":\"v\"} ",
            "{\"value\":\"v\",\"key\":\"k\"}",
            "{\"key\":\"\",\"value\":\"v\"}",
            "{\"key\":\"k\",\"value\":\"v\",\"ttl\":01}",
            "{\"key\":\"k\",\"value\":\"v\",\"ttl\":-1}",
            "{\"key\":\"k\",\"value\":\"v\",\"ttl\":\"30s\"}",
            "{\"key\":\"k\",\"value\":\"v\",\"ttl\":1e3}",
            "{\"key\":\"k\",\"value\":\"v\",\"ttl\":1234567890123456789}",
            "{\"key\":\"k\",\"value\":\"v\",\"ttl\":}",
            "{\"key\":\"k\",\"value\":\"v\"",
            "{\"key\":\"k\",\"value\":\"v\"}}",
            "{\"key\":\"k\",\"value_base64\":\"dg==\"}",
            "{\"key\":\"k\",\"value\":\"v\",\"tll\":1}",
            "{\"key\":\"k\",\"value\":\"tab\there\"}",
            "{\"key\":\"k\",\"value\":\"v\",\"ttl\":5,\"x\":1}",
            ""
        }) {
            fastAsParse(other, false);
        }
        byte[] bad = {
            '{',
            '"',
            'k',
            'e',
            'y',
            '"',
            ':',
            '"',
            (byte) 0xff,
            '"',
            ',',
            '"',
            'v',
            'a',
            'l',
            'u',
            'e',
            '"',
            ':',
            '"',
            'v',
            '"',
            '}'
        };
        assertThat(NdjsonCodec.parseFast(bad, 0, bad.length)).isNull();
    }
}
