package io.googo.etcd.core.txn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.kv.DeleteOptions;
import io.googo.etcd.core.kv.GetOptions;
import io.googo.etcd.core.txn.Compare.Operator;
import io.googo.etcd.core.txn.Compare.Target;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The JSON form of a transaction. */
class TxnJsonTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static TxnRequest parse(String json) {
        return TxnJson.parse(b(json), "t.json");
    }

    @Test
    void readsEveryTargetAndOperation() {
        TxnRequest r = parse("""
                {"compare": [
                   {"key": "a", "target": "value", "op": "=", "value": "x"},
                   {"key_base64": "AP8=", "target": "value", "op": "!=", "value_base64": "AQI="},
                   {"key": "a", "target": "version", "op": ">", "value": 1},
                   {"key": "a", "target": "create", "op": "<", "value": "10"},
                   {"key": "a", "target": "mod", "op": "=", "value": 0},
                   {"key": "a", "target": "lease", "op": "!=", "value": "694d77aa9e38260f"}],
                 "success": [
                   {"put": {"key": "a", "value": "v", "lease": "1f", "prev_kv": true}},
                   {"put": {"key": "b", "ignore_value": true}},
                   {"get": {"key": "p/", "prefix": true, "limit": 2, "keys_only": true, "sort_by": "modify",
                            "order": "descend"}},
                   {"delete": {"key": "a", "range_end": "b", "prev_kv": true}}],
                 "failure": [{"del": {"key": "q/", "from_key": true}}]}
                """);
        assertThat(r.compares())
                .containsExactly(
                        Compare.value(b("a"), Operator.EQUAL, b("x")),
                        Compare.value(new byte[] {0, (byte) 0xff}, Operator.NOT_EQUAL, new byte[] {1, 2}),
                        Compare.number(b("a"), Target.VERSION, Operator.GREATER, 1),
                        Compare.number(b("a"), Target.CREATE, Operator.LESS, 10),
                        Compare.number(b("a"), Target.MOD, Operator.EQUAL, 0),
                        Compare.number(b("a"), Target.LEASE, Operator.NOT_EQUAL, 0x694d77aa9e38260fL));
        assertThat(r.success())
                .containsExactly(
                        new TxnOp.Put(b("a"), b("v"), 0x1f, true, false, false),
                        new TxnOp.Put(b("b"), b(""), 0, false, true, false),
                        new TxnOp.Get(
                                b("p/"),
                                GetOptions.builder()
                                        .prefix(true)
                                        .limit(2)
                                        .keysOnly(true)
                                        .sortBy(GetOptions.SortTarget.MODIFY)
                                        .order(GetOptions.SortOrder.DESCEND)
                                        .build()),
                        new TxnOp.Delete(b("a"), new DeleteOptions(b("b"), false, false, true)));
        assertThat(r.failure()).containsExactly(new TxnOp.Delete(b("q/"), new DeleteOptions(null, false, true, false)));
    }

    @Test
    void missingPartsAreEmpty() {
        assertThat(parse("{}").compares()).isEmpty();
        assertThat(parse("{\"success\":[{\"put\":{\"key\":\"k\",\"value\":\"\"}}]}")
                        .success())
                .hasSize(1);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"compare\": [ }                                  | t.json:1:15: bad JSON: Unexpected close marker '}': expected ']'",
                "[]                                                 | t.json: expected an object with compare",
                "{\"compares\": []}                                 | t.json: compares: unknown field",
                "{\"compare\": {}}                                  | t.json: compare: expected an array",
                "{\"compare\": [{\"key\":\"k\",\"target\":\"size\",\"op\":\"=\",\"value\":1}]} | t.json: compare[0].target: expected value, version, create, mod or lease, got 'size'",
                "{\"compare\": [{\"key\":\"k\",\"target\":\"mod\",\"op\":\">=\",\"value\":1}]} | t.json: compare[0].op: expected =, !=, < or >, got '>='",
                "{\"compare\": [{\"key\":\"k\",\"target\":\"mod\",\"op\":\">\",\"value\":\"x\"}]} | t.json: compare[0].value: expected a whole number",
                "{\"compare\": [{\"key\":\"k\",\"target\":\"lease\",\"op\":\"=\",\"value\":5}]} | t.json: compare[0].value: expected a lease ID as a hex string",
                "{\"compare\": [{\"target\":\"mod\",\"op\":\"=\",\"value\":1}]} | t.json: compare[0].key: missing",
                "{\"success\": [{\"put\":{\"key\":\"k\"}}]}          | t.json: success[0].put.value: missing",
                "{\"success\": [{\"put\":{\"key\":\"k\",\"value\":\"v\",\"ttl\":5}}]} | t.json: success[0].put.ttl: unknown field",
                "{\"success\": [{\"put\":{\"key\":\"\",\"value\":\"v\"}}]} | t.json: success[0].put.key: must not be empty",
                "{\"success\": [{\"list\":{\"key\":\"k\"}}]}         | t.json: success[0]: expected put, get or delete, got 'list'",
                "{\"success\": [{\"get\":{\"key\":\"k\"},\"put\":{}}]} | t.json: success[0]: expected exactly one of put, get, delete",
                "{\"failure\": [{\"get\":{\"key\":\"k\",\"limit\":-1}}]} | t.json: failure[0].get.limit: expected a whole number >= 0",
                "{\"failure\": [{\"get\":{\"key\":\"k\",\"prefix\":\"yes\"}}]} | t.json: failure[0].get.prefix: expected true or false",
                "{\"failure\": [{\"delete\":{\"key\":\"k\",\"prefix\":true,\"range_end\":\"z\"}}]} | t.json: failure[0].delete.range_end: cannot be used with prefix",
                "{\"failure\": [{\"put\":{\"key\":\"k\",\"value_base64\":\"!!\"}}]} | t.json: failure[0].put.value_base64: not valid base64"
            })
    void badDocumentsSayWhereAndWhat(String json, String message) {
        assertThatThrownBy(() -> parse(json))
                .isInstanceOf(EtcdException.class)
                .hasMessageStartingWith("txn: " + message.trim());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"compare\":[                         | t.json:1:13: bad JSON: Unexpected end-of-input: expected close marker for Array opened at 1:12",
                "{\"success\":[{\"put\":{\"key\":\"a\"     | t.json:1:30: bad JSON: Unexpected end-of-input: expected close marker for Object opened at 1:20",
                "{\"success\":[{\"put\":{\"key\":\"a\",\"value\":\"b | t.json:1:41: bad JSON: Unexpected end-of-input in VALUE_STRING"
            })
    void aTruncatedDocumentIsNamedInWholeSentences(String json, String message) {
        assertThatThrownBy(() -> parse(json.strip()))
                .isInstanceOf(EtcdException.class)
                .hasMessage("txn: " + message.strip());
    }
}
