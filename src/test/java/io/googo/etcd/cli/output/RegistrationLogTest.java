package io.googo.etcd.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.googo.etcd.core.registry.RegistrationEvent;
import java.io.StringWriter;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The JSON log line is, byte for byte, what Jackson's generator wrote for it before. */
class RegistrationLogTest {
    private static String jackson(RegistrationEvent e) throws Exception {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("time", e.time().toString());
            g.writeStringField("event", e.type().label());
            g.writeStringField("service", e.service());
            g.writeStringField("addr", e.addr());
            g.writeStringField("key", e.key());
            g.writeStringField("lease", Text.leaseHex(e.lease()));
            g.writeStringField("reason", e.reason());
            g.writeEndObject();
        }
        return w.toString();
    }

    @Test
    void jsonLinesAsJacksonWroteThem() throws Exception {
        Instant t = Instant.parse("2026-12-06T22:38:15.997375532Z");
        for (RegistrationEvent.Type type : RegistrationEvent.Type.values()) {
            for (String reason : new String[] {null, "GET http://h/ answered 503", "q\"\\\n\t\u0001 ☃"}) {
                RegistrationEvent e = new RegistrationEvent(
                        t, type, "we\"b", "[::1]:80", "services/we\"b/[::1]:80", 0x31f4a24d81cc0c06L, reason);
                assertThat(RegistrationLog.line(e, true)).as(e.toString()).isEqualTo(jackson(e));
            }
        }
        RegistrationEvent zero = new RegistrationEvent(t, RegistrationEvent.Type.values()[0], "s", "a", "k", 0, null);
        assertThat(RegistrationLog.line(zero, true)).isEqualTo(jackson(zero));
    }

    /** The hand-written timestamp is Instant.toString's, over the whole range it writes and its edges. */
    @Test
    void timestampsAsInstantWritesThem() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(13);
        long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        java.util.List<Instant> cases = new java.util.ArrayList<>(java.util.List.of(
                Instant.EPOCH,
                Instant.ofEpochSecond(-1),
                Instant.ofEpochSecond(min),
                Instant.ofEpochSecond(max, 999_999_999),
                Instant.ofEpochSecond(max + 1),
                Instant.ofEpochSecond(min - 1, 5),
                Instant.parse("2000-02-29T12:00:00Z"),
                Instant.parse("1900-03-01T00:00:00.100Z"),
                Instant.parse("2026-12-06T22:38:15.997375Z"),
                Instant.parse("2026-12-06T22:38:15.997375532Z")));
        for (int i = 0; i < 200_000; i++) {
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            cases.add(Instant.ofEpochSecond(random.nextLong(min - 86_400, max + 86_400), nano));
        }
        for (Instant t : cases) {
            assertThat(RegistrationLog.time(t))
                    .as(t.getEpochSecond() + "s " + t.getNano() + "ns")
                    .isEqualTo(t.toString());
        }
    }
}
