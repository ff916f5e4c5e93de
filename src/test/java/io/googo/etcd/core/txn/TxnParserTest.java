package io.googo.etcd.core.txn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.kv.DeleteOptions;
import io.googo.etcd.core.kv.GetOptions;
import io.googo.etcd.core.txn.Compare.Operator;
import io.googo.etcd.core.txn.Compare.Target;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** etcdctl's transaction text: every compare target and operator, quoting, escapes, and bad input. */
class TxnParserTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static TxnRequest parse(String text) {
        return TxnParser.parse(text, "stdin");
    }

    static Stream<Arguments> compares() {
        return Stream.of(
                Arguments.of("value(\"k\") = \"v\"", Compare.value(b("k"), Operator.EQUAL, b("v"))),
                Arguments.of("val(\"k\") != \"v\"", Compare.value(b("k"), Operator.NOT_EQUAL, b("v"))),
                Arguments.of("value(\"k\") < \"b\"", Compare.value(b("k"), Operator.LESS, b("b"))),
                Arguments.of("value(\"k\") > \"b\"", Compare.value(b("k"), Operator.GREATER, b("b"))),
                Arguments.of("version(\"k\") = \"1\"", Compare.number(b("k"), Target.VERSION, Operator.EQUAL, 1)),
                Arguments.of("ver(\"k\") != \"2\"", Compare.number(b("k"), Target.VERSION, Operator.NOT_EQUAL, 2)),
                Arguments.of("create(\"k\") = \"0\"", Compare.number(b("k"), Target.CREATE, Operator.EQUAL, 0)),
                Arguments.of("c(\"k\") < \"10\"", Compare.number(b("k"), Target.CREATE, Operator.LESS, 10)),
                Arguments.of("mod(\"key1\") > \"5\"", Compare.number(b("key1"), Target.MOD, Operator.GREATER, 5)),
                Arguments.of("m(\"k\") = \"-1\"", Compare.number(b("k"), Target.MOD, Operator.EQUAL, -1)),
                Arguments.of(
                        "lease(\"k\") = \"694d77aa9e38260f\"",
                        Compare.number(b("k"), Target.LEASE, Operator.EQUAL, 0x694d77aa9e38260fL)),
                Arguments.of("lease(\"k\") != \"0\"", Compare.number(b("k"), Target.LEASE, Operator.NOT_EQUAL, 0)),
                // spacing, == and unquoted operands
                Arguments.of("  mod ( \"k\" )>\"5\"  ", Compare.number(b("k"), Target.MOD, Operator.GREATER, 5)),
                Arguments.of("mod(\"k\") == 7", Compare.number(b("k"), Target.MOD, Operator.EQUAL, 7)),
                Arguments.of("value(\"k\") = bare", Compare.value(b("k"), Operator.EQUAL, b("bare"))),
                // quoting of keys and values
                Arguments.of(
                        "value(`raw\\n`) = 'single \\t'", Compare.value(b("raw\\n"), Operator.EQUAL, b("single \\t"))),
                Arguments.of(
                        "value(\"a \\\"q\\\" b\") = \"tab\\there\"",
                        Compare.value(b("a \"q\" b"), Operator.EQUAL, b("tab\there"))),
                Arguments.of(
                        "value(\"k\") = \"\\x00\\xff\\101\\u00e9\\U0001F600\"",
                        Compare.value(b("k"), Operator.EQUAL, new byte[] {
                            0,
                            (byte) 0xff,
                            'A',
                            (byte) 0xc3,
                            (byte) 0xa9,
                            (byte) 0xf0,
                            (byte) 0x9f,
                            (byte) 0x98,
                            (byte) 0x80
                        })),
                Arguments.of("value(\"k\") = \"\"", Compare.value(b("k"), Operator.EQUAL, b(""))),
                Arguments.of(
                        "value(\"ключ\") = \"значение\"", Compare.value(b("ключ"), Operator.EQUAL, b("значение"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("compares")
    void parsesEveryCompareTargetAndOperator(String line, Compare expected) {
        TxnRequest r = parse(line + "\n\n\n");
        assertThat(r.compares()).containsExactly(expected);
        assertThat(r.success()).isEmpty();
        assertThat(r.failure()).isEmpty();
    }

    static Stream<Arguments> ops() {
        return Stream.of(
                Arguments.of("put k v", TxnOp.Put.of(b("k"), b("v"))),
                Arguments.of("put k \"value with spaces\"", TxnOp.Put.of(b("k"), b("value with spaces"))),
                Arguments.of("put 'k k' 'it''s'", null),
                Arguments.of("put k 'a \"quoted\" \\n'", TxnOp.Put.of(b("k"), b("a \"quoted\" \\n"))),
                Arguments.of("put k \"line1\\nline2\"", TxnOp.Put.of(b("k"), b("line1\nline2"))),
                Arguments.of("put k it's", TxnOp.Put.of(b("k"), b("it's"))),
                Arguments.of("put k \"--prefix\"", TxnOp.Put.of(b("k"), b("--prefix"))),
                Arguments.of("put k -- --dash", TxnOp.Put.of(b("k"), b("--dash"))),
                Arguments.of(
                        "put k v --lease=694d77aa9e38260f --prev-kv",
                        new TxnOp.Put(b("k"), b("v"), 0x694d77aa9e38260fL, true, false, false)),
                Arguments.of("put --lease 1f k v", new TxnOp.Put(b("k"), b("v"), 0x1f, false, false, false)),
                Arguments.of("put k --ignore-value", new TxnOp.Put(b("k"), b(""), 0, false, true, false)),
                Arguments.of("put k v --ignore-lease", new TxnOp.Put(b("k"), b("v"), 0, false, false, true)),
                Arguments.of("get k", new TxnOp.Get(b("k"), GetOptions.DEFAULT)),
                Arguments.of(
                        "get a z",
                        new TxnOp.Get(
                                b("a"), GetOptions.builder().rangeEnd(b("z")).build())),
                Arguments.of(
                        "get p/ --prefix --keys-only --limit 3 --rev=9",
                        new TxnOp.Get(
                                b("p/"),
                                GetOptions.builder()
                                        .prefix(true)
                                        .keysOnly(true)
                                        .limit(3)
                                        .revision(9)
                                        .build())),
                Arguments.of(
                        "get k --from-key --count-only --sort-by modify --order descend",
                        new TxnOp.Get(
                                b("k"),
                                GetOptions.builder()
                                        .fromKey(true)
                                        .countOnly(true)
                                        .sortBy(GetOptions.SortTarget.MODIFY)
                                        .order(GetOptions.SortOrder.DESCEND)
                                        .build())),
                Arguments.of(
                        "get k --min-create-rev 1 --max-create-rev 2 --min-mod-rev 3 --max-mod-rev 4",
                        new TxnOp.Get(
                                b("k"),
                                GetOptions.builder()
                                        .minCreateRevision(1)
                                        .maxCreateRevision(2)
                                        .minModRevision(3)
                                        .maxModRevision(4)
                                        .build())),
                Arguments.of("del k", new TxnOp.Delete(b("k"), DeleteOptions.DEFAULT)),
                Arguments.of("delete a z", new TxnOp.Delete(b("a"), new DeleteOptions(b("z"), false, false, false))),
                Arguments.of(
                        "del p/ --prefix --prev-kv",
                        new TxnOp.Delete(b("p/"), new DeleteOptions(null, true, false, true))),
                Arguments.of(
                        "del k --from-key --prefix=false",
                        new TxnOp.Delete(b("k"), new DeleteOptions(null, false, true, false))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void parsesOperationsInBothBranches(String line, TxnOp expected) {
        if (expected == null) {
            assertThatThrownBy(() -> parse("\n" + line + "\n")).isInstanceOf(EtcdException.class);
            return;
        }
        TxnRequest r = parse("\n" + line + "\n\n" + line + "\n");
        assertThat(r.compares()).isEmpty();
        assertThat(r.success()).containsExactly(expected);
        assertThat(r.failure()).containsExactly(expected);
    }

    @Test
    void readsTheThreePartsInOrder() {
        TxnRequest r = parse("""
                mod("key1") > "0"
                value("key2") = "x"

                put key1 "overwrote-key1"
                get key2

                put key1 "created-key1"
                put key2 "some extra key"


                """);
        assertThat(r.compares()).hasSize(2);
        assertThat(r.success())
                .containsExactly(
                        TxnOp.Put.of(b("key1"), b("overwrote-key1")), new TxnOp.Get(b("key2"), GetOptions.DEFAULT));
        assertThat(r.failure())
                .containsExactly(
                        TxnOp.Put.of(b("key1"), b("created-key1")), TxnOp.Put.of(b("key2"), b("some extra key")));
    }

    @Test
    void endOfInputClosesTheOpenParts() {
        assertThat(parse("mod(\"k\") = \"0\"").compares()).hasSize(1);
        TxnRequest r = parse("mod(\"k\") = \"0\"\n\nput k v");
        assertThat(r.success()).hasSize(1);
        assertThat(r.failure()).isEmpty();
        assertThat(parse("")).isEqualTo(new TxnRequest(List.of(), List.of(), List.of()));
    }

    @Test
    void aQuotedValueMaySpanLinesEvenAcrossBlankOnes() {
        TxnRequest r = parse("\nput k \"first\n\nthird\"\nput k2 `raw\r\n\\n`\n\nput k 'a\n\nb'\n");
        assertThat(r.success())
                .containsExactly(TxnOp.Put.of(b("k"), b("first\n\nthird")), TxnOp.Put.of(b("k2"), b("raw\n\\n")));
        assertThat(r.failure()).containsExactly(TxnOp.Put.of(b("k"), b("a\n\nb")));
    }

    @Test
    void commentsAndWindowsLineEndsAreFine() {
        TxnRequest r = parse("# compares:\r\nmod(\"k\") > \"1\"\r\n\r\n# success\r\nput k v\r\n\r\nget k\r\n");
        assertThat(r.compares()).hasSize(1);
        assertThat(r.success()).containsExactly(TxnOp.Put.of(b("k"), b("v")));
        assertThat(r.failure()).containsExactly(new TxnOp.Get(b("k"), GetOptions.DEFAULT));
    }

    @Test
    void countsClosedPartsForInteractiveReading() {
        assertThat(TxnParser.closedParts("", "stdin")).isZero();
        assertThat(TxnParser.closedParts("mod(\"k\") > \"1\"\n", "stdin")).isZero();
        assertThat(TxnParser.closedParts("mod(\"k\") > \"1\"\n\n", "stdin")).isEqualTo(1);
        assertThat(TxnParser.closedParts("\nput k \"open\n\n", "stdin")).isEqualTo(-1);
        assertThat(TxnParser.closedParts("\nput k \"open\n\nclosed\"\n\n\n", "stdin"))
                .isEqualTo(3);
        assertThatThrownBy(() -> TxnParser.closedParts("nope\n", "stdin")).isInstanceOf(EtcdException.class);
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of("mod(\"k\") >= \"1\"", "stdin:1:10: expected one of =, !=, <, > after the key, got '>='"),
                Arguments.of("mod(\"k\") \"1\"", "stdin:1:10: expected one of =, !=, <, > after the key, got '\"'"),
                Arguments.of("modd(\"k\") > \"1\"", "stdin:1:1: unknown compare target 'modd'"),
                Arguments.of(
                        "put k v",
                        "stdin:1:1: unknown compare target 'put'; expected value, version, create, "
                                + "mod or lease (operations go after the compares and a blank line)"),
                Arguments.of("mod k > 1", "stdin:1:5: expected '(' after mod, got 'k'"),
                Arguments.of("mod(k) > 1", "stdin:1:5: expected the key as a quoted string"),
                Arguments.of("mod(\"k\" > 1", "stdin:1:9: expected ')' after the key, got '>'"),
                Arguments.of("mod(\"k\") > \"x\"", "stdin:1:12: expected a whole number to compare mod with, got 'x'"),
                Arguments.of("version(\"k\") = \"1.5\"", "stdin:1:16: expected a whole number to compare version"),
                Arguments.of("lease(\"k\") = \"xyz\"", "stdin:1:14: expected a lease ID in hex"),
                Arguments.of("mod(\"k\") >", "stdin:1:11: expected the operand after '>'"),
                Arguments.of("mod(\"k\") > \"1\" extra", "stdin:1:16: unexpected 'e' after the comparison"),
                Arguments.of("mod(\"\") > \"1\"", "stdin:1:1: the key of a comparison must not be empty"),
                Arguments.of(
                        "value(\"k\") = \"v", "stdin:1:14: unterminated string: the \" opened here is never closed"),
                Arguments.of("value(\"k\") = \"\\q\"", "stdin:1:15: unknown escape \\q"),
                Arguments.of("value(\"k\") = \"\\x4\"", "stdin:1:15: escape takes 2 hex digits"),
                Arguments.of("value(\"k\") = \"\\400\"", "stdin:1:15: octal escape \\400 is above \\377"),
                Arguments.of(
                        "\nmod(\"k\") > 1",
                        "stdin:2:1: expected an operation: put, get or del, got 'mod(\"k\")'"
                                + " (comparisons go before the first blank line)"),
                Arguments.of("\nput k", "stdin:2:6: missing VALUE; usage: put KEY VALUE"),
                Arguments.of("\nput", "stdin:2:4: missing KEY"),
                Arguments.of("\nput k v w", "stdin:2:9: unexpected argument 'w'"),
                Arguments.of("\nput k v --lease", "stdin:2:16: expected a value after --lease"),
                Arguments.of("\nput k v --lease=zz", "stdin:2:17: expected a lease ID in hex"),
                Arguments.of("\nput k v --ttl 5", "stdin:2:9: unknown flag --ttl for put"),
                Arguments.of("\nput k \"v\"w", "stdin:2:10: expected a space after the closing quote, got 'w'"),
                Arguments.of("\nput \"\" v", "stdin:2:5: the key must not be empty"),
                Arguments.of("\nput k --ignore-value v", "stdin:2:22: unexpected argument 'v'"),
                Arguments.of("\nget k --limit -1", "stdin:2:15: --limit takes a whole number >= 0, got '-1'"),
                Arguments.of(
                        "\nget k --sort-by size", "stdin:2:17: --sort-by takes create, modify, version, key or value"),
                Arguments.of("\nget k --order up", "stdin:2:15: --order takes ascend or descend"),
                Arguments.of(
                        "\nget k --prefix --from-key", "stdin:2:7: --prefix and --from-key cannot be used together"),
                Arguments.of("\nget a z --prefix", "stdin:2:7: RANGE_END cannot be used with --prefix or --from-key"),
                Arguments.of("\ndel k --keys-only", "stdin:2:7: unknown flag --keys-only for del"),
                Arguments.of("\nlist k", "stdin:2:1: expected an operation: put, get or del, got 'list'"),
                Arguments.of("\n\n\n\nput k v", "stdin:5:1: unexpected text after the failure operations"),
                Arguments.of("mod(\"k\") > \"1\"\n\nput k \"v\n\n", "stdin:3:7: unterminated string"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badInput")
    void badTextNamesLineColumnAndWhatWasExpected(String text, String message) {
        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(EtcdException.class)
                .hasMessageStartingWith("txn: " + message)
                .satisfies(e -> assertThat(((EtcdException) e).kind()).isEqualTo(ErrorKind.INVALID_INPUT));
    }
}
