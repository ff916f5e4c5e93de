package io.googo.etcd.cli.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.kv.DeleteResult;
import io.googo.etcd.core.kv.Header;
import io.googo.etcd.core.kv.Kv;
import io.googo.etcd.core.kv.PutResult;
import io.googo.etcd.core.kv.RangeSink;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Printers against golden output: JSON compared as JSON, text byte for byte. */
class PrintersTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Header HEADER = new Header(0xcdf818194e3a8c32L, 0x8e9e05c52164694dL, 42, 2);
    static final Kv FOO = new Kv(b("foo"), b("bar"), 40, 42, 3, 0);
    static final Kv BINARY =
            new Kv(new byte[] {'k', (byte) 0xff}, new byte[] {0, (byte) 0xfe}, 5, 6, 1, 0x694d77aa9e38260fL);

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String get(OutputFormat f, Printer.GetView view, Kv... kvs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Printer p = Printers.of(f, out);
        RangeSink sink = p.get(view);
        sink.begin(HEADER, kvs.length);
        for (Kv kv : kvs) {
            sink.kv(kv);
        }
        sink.end(kvs.length, false);
        p.flush();
        return out.toString(StandardCharsets.UTF_8);
    }

    static final Printer.GetView PLAIN = new Printer.GetView(false, false, false);

    @Test
    void jsonGetMatchesOutputMd() throws Exception {
        JsonNode actual = JSON.readTree(get(OutputFormat.JSON, PLAIN, FOO));
        JsonNode expected = JSON.readTree("""
                {"header":{"cluster_id":"cdf818194e3a8c32","member_id":"8e9e05c52164694d","revision":42,"raft_term":2},
                 "kvs":[{"key":"foo","create_revision":40,"mod_revision":42,"version":3,"value":"bar","lease":"0"}],
                 "count":1,"more":false}""");
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void jsonShowsBytesThatAreNotUtf8AsBase64AndLeaseAsHex() throws Exception {
        JsonNode kv =
                JSON.readTree(get(OutputFormat.JSON, PLAIN, BINARY)).get("kvs").get(0);
        assertThat(kv.has("key")).isFalse();
        assertThat(kv.get("key_base64").asText()).isEqualTo("a/8=");
        assertThat(kv.get("value_base64").asText()).isEqualTo("AP4=");
        assertThat(kv.get("lease").asText()).isEqualTo("694d77aa9e38260f");
    }

    @Test
    void jsonOfAnEmptyRangeStillHasEveryField() throws Exception {
        JsonNode doc = JSON.readTree(get(OutputFormat.JSON, PLAIN));
        assertThat(doc.get("kvs").isArray()).isTrue();
        assertThat(doc.get("kvs")).isEmpty();
        assertThat(doc.get("count").asLong()).isZero();
        assertThat(doc.get("more").asBoolean()).isFalse();
    }

    @Test
    void etcdctlJsonIsBase64WithNumericIdsAndNoZeroFields() throws Exception {
        JsonNode actual = JSON.readTree(get(OutputFormat.ETCDCTL_JSON, PLAIN, FOO));
        JsonNode expected = JSON.readTree("""
                {"header":{"cluster_id":14841639068965178418,"member_id":10276657743932975437,"revision":42,"raft_term":2},
                 "kvs":[{"key":"Zm9v","create_revision":40,"mod_revision":42,"version":3,"value":"YmFy"}],"count":1}""");
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void simpleGetIsKeyThenValueAndValueOnlyDropsKeys() {
        assertThat(get(OutputFormat.SIMPLE, PLAIN, FOO, FOO)).isEqualTo("foo\nbar\nfoo\nbar\n");
        assertThat(get(OutputFormat.SIMPLE, new Printer.GetView(true, false, false), FOO))
                .isEqualTo("bar\n");
        assertThat(get(OutputFormat.SIMPLE, new Printer.GetView(false, false, true)))
                .isEqualTo("0\n");
    }

    @Test
    void simpleWritesValuesAsRawBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Printer p = Printers.of(OutputFormat.SIMPLE, out);
        RangeSink s = p.get(PLAIN);
        s.begin(HEADER, 1);
        s.kv(BINARY);
        s.end(1, false);
        p.flush();
        assertThat(out.toByteArray()).isEqualTo(new byte[] {'k', (byte) 0xff, '\n', 0, (byte) 0xfe, '\n'});
    }

    @Test
    void fieldsGetIsEtcdctlsLines() {
        assertThat(get(OutputFormat.FIELDS, PLAIN, FOO)).isEqualTo("""
                "ClusterID" : 14841639068965178418
                "MemberID" : 10276657743932975437
                "Revision" : 42
                "RaftTerm" : 2
                "Key" : "foo"
                "CreateRevision" : 40
                "ModRevision" : 42
                "Version" : 3
                "Value" : "bar"
                "Lease" : 0
                "More" : false
                "Count" : 1
                """);
    }

    @Test
    void tableHasABorderAndOneRowPerKey() {
        String t = get(OutputFormat.TABLE, PLAIN, FOO);
        assertThat(t.lines().toList())
                .containsExactly(
                        "+-----+-------+------------+---------+---------+-------+",
                        "| KEY | VALUE | CREATE_REV | MOD_REV | VERSION | LEASE |",
                        "+-----+-------+------------+---------+---------+-------+",
                        "| foo | bar   | 40         | 42      | 3       | 0     |",
                        "+-----+-------+------------+---------+---------+-------+");
    }

    @Test
    void tableCutsCellsWiderThanTheSampleAfterTheFirstThousandRows() {
        Kv[] kvs = new Kv[TablePrinter.SAMPLE + 1];
        for (int i = 0; i < TablePrinter.SAMPLE; i++) {
            kvs[i] = new Kv(b("k" + i), b("v"), 1, 1, 1, 0);
        }
        kvs[TablePrinter.SAMPLE] = new Kv(b("k-much-longer-than-the-rest"), b("v"), 1, 1, 1, 0);
        List<String> lines = get(OutputFormat.TABLE, PLAIN, kvs).lines().toList();
        assertThat(lines).hasSize(TablePrinter.SAMPLE + 5);
        assertThat(lines.stream().map(String::length).distinct()).hasSize(1);
        assertThat(lines.get(lines.size() - 2)).contains("…");
    }

    @Test
    void putAndDelInEveryFormat() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Printers.of(OutputFormat.SIMPLE, out).put(new PutResult(HEADER, FOO));
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("OK\nfoo\nbar\n");

        out.reset();
        Printer json = Printers.of(OutputFormat.JSON, out);
        json.put(new PutResult(HEADER, null));
        json.flush();
        JsonNode put = JSON.readTree(out.toByteArray());
        assertThat(put.has("prev_kv")).isTrue();
        assertThat(put.get("prev_kv").isNull()).isTrue();

        out.reset();
        Printer del = Printers.of(OutputFormat.JSON, out);
        del.del(new DeleteResult(HEADER, 1, List.of(FOO)));
        del.flush();
        JsonNode d = JSON.readTree(out.toByteArray());
        assertThat(d.get("deleted").asLong()).isEqualTo(1);
        assertThat(d.get("prev_kvs").get(0).get("value").asText()).isEqualTo("bar");

        out.reset();
        Printers.of(OutputFormat.SIMPLE, out).del(new DeleteResult(HEADER, 2, List.of()));
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("2\n");
    }

    @Test
    void aFormatThatCannotPrintAResultSaysSo() {
        assertThatThrownBy(() -> Printers.of(OutputFormat.TABLE, new ByteArrayOutputStream())
                        .put(new PutResult(HEADER, null)))
                .isInstanceOf(EtcdException.class)
                .extracting(e -> ((EtcdException) e).kind())
                .isEqualTo(ErrorKind.UNSUPPORTED);
    }

    @Test
    void chooseRefusesUnknownAndUnsupportedFormatsListingTheSupportedOnes() {
        assertThat(OutputFormat.choose("json", "get", List.of(OutputFormat.values())))
                .isEqualTo(OutputFormat.JSON);
        assertThatThrownBy(() -> OutputFormat.choose("xml", "get", List.of(OutputFormat.SIMPLE, OutputFormat.JSON)))
                .hasMessage("unknown output format 'xml'; it can print: simple, json");
        assertThatThrownBy(() -> OutputFormat.choose("table", "put", List.of(OutputFormat.SIMPLE)))
                .hasMessage("'put' cannot print format 'table'; it can print: simple");
    }

    @Test
    void goQuoteEscapesLikeStrconvQuote() {
        assertThat(Text.goQuote(b("a\"b\\c\n\t"))).isEqualTo("\"a\\\"b\\\\c\\n\\t\"");
        assertThat(Text.goQuote(new byte[] {1, (byte) 0xff, 'x'})).isEqualTo("\"\\x01\\xffx\"");
        assertThat(Text.goQuote(b("héllo ☃"))).isEqualTo("\"héllo ☃\"");
        assertThat(Text.utf8OrNull(new byte[] {(byte) 0xc3})).isNull();
        assertThat(Text.utf8OrNull(b("ok"))).isEqualTo("ok");
        assertThat(Text.leaseHex(0xfa9L)).isEqualTo("0000000000000fa9");
        assertThat(Text.leaseHex(0)).isEqualTo("0");
    }
}
