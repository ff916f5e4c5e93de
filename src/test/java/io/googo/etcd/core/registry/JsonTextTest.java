package io.googo.etcd.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@link JsonText} writes every string as Jackson's generator does with its defaults. */
class JsonTextTest {
    private static final JsonFactory JACKSON = new JsonFactory();

    private static String jackson(String s) throws Exception {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JACKSON.createGenerator(w)) {
            g.writeString(s);
        }
        return w.toString();
    }

    @Test
    void everyUtf16UnitAsJacksonWritesIt() throws Exception {
        for (int c = 0; c <= 0xFFFF; c++) {
            String s = "a" + (char) c + "b";
            assertThat(JsonText.quote(new StringBuilder(), s).toString())
                    .as("U+%04X", c)
                    .isEqualTo(jackson(s));
        }
    }

    @Test
    void mixedTextAndNull() throws Exception {
        String s = "quote\"back\\slash\ttab\nline\r\f\b\u0000\u001f\u007f</script>&' ünï ☃ \uD83D\uDE00 \uD800";
        assertThat(JsonText.quote(new StringBuilder(), s).toString()).isEqualTo(jackson(s));
        assertThat(JsonText.quote(new StringBuilder("x"), null).toString()).isEqualTo("xnull");
    }
}
