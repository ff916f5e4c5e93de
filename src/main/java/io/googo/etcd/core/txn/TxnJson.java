package io.googo.etcd.core.txn;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.kv.DeleteOptions;
import io.googo.etcd.core.kv.GetOptions;
import io.googo.etcd.core.kv.GetOptions.SortOrder;
import io.googo.etcd.core.kv.GetOptions.SortTarget;
import io.googo.etcd.core.lease.LeaseIds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSON form of a transaction:
 *
 * <pre>
 * {"compare": [{"key": "k", "target": "mod", "op": "&gt;", "value": 5}],
 *  "success": [{"put": {"key": "k", "value": "v", "lease": "694d77aa9e38260f", "prev_kv": true}},
 *              {"get": {"key": "p/", "prefix": true, "limit": 10}},
 *              {"delete": {"key": "old"}}],
 *  "failure": []}
 * </pre>
 *
 * Keys and values are UTF-8 strings, or base64 in {@code key_base64}/{@code value_base64}; lease
 * IDs are hex strings; {@code target} is value, version, create, mod or lease; {@code op} is
 * =, !=, &lt; or &gt;. get takes range_end, prefix, from_key, limit, rev, sort_by, order, keys_only,
 * count_only, min/max_create_rev, min/max_mod_rev; delete takes range_end, prefix, from_key,
 * prev_kv; put takes lease, prev_kv, ignore_value, ignore_lease. Unknown fields are errors.
 */
public final class TxnJson {
    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final String source;

    private TxnJson(String source) {
        this.source = source;
    }

    /**
     * @throws EtcdException INVALID_INPUT naming the line and column of a JSON syntax error, or the
     *                       path of a field with a bad value ({@code success[1].put.key})
     */
    public static TxnRequest parse(byte[] json, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : at.getLineNr() + ":" + at.getColumnNr() + ": ";
            String why = jacksonReason(e.getOriginalMessage());
            throw EtcdException.invalid("txn: " + source + ":" + where + "bad JSON: " + why, e);
        } catch (IOException e) {
            throw EtcdException.io("txn: cannot read " + source + ": " + e.getMessage(), e);
        }
        return new TxnJson(source).request(root);
    }

    /**
     * Jackson's reason without the parts that quote the input: "(start marker at [Source: …;
     * line: 1, column: 12])" becomes "opened at 1:12", and "(for …)" and "at [Source: …]" go.
     */
    static String jacksonReason(String message) {
        String m = message.replace('\n', ' ').replace('\r', ' ');
        Matcher start = START_MARKER.matcher(m);
        if (start.find()) {
            m = m.substring(0, start.start()) + " opened at " + start.group(1) + ":" + start.group(2)
                    + m.substring(start.end());
        }
        return m.replaceAll("\\s*\\(for .*$", "")
                .replaceAll("\\s*at \\[Source:.*$", "")
                .strip();
    }

    private static final Pattern START_MARKER =
            Pattern.compile("\\s*\\(start marker at \\[Source: .*; line: (\\d+), column: (\\d+)\\]\\)");

    private TxnRequest request(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw bad("", "expected an object with compare, success and failure");
        }
        fields(root, "", Set.of("compare", "success", "failure"));
        List<Compare> compares = new ArrayList<>();
        int i = 0;
        for (JsonNode c : array(root, "compare")) {
            compares.add(compare(c, "compare[" + i++ + "]"));
        }
        return new TxnRequest(compares, ops(root, "success"), ops(root, "failure"));
    }

    private Compare compare(JsonNode n, String path) {
        object(n, path);
        fields(n, path, Set.of("key", "key_base64", "target", "op", "value", "value_base64"));
        byte[] key = bytes(n, path, "key", true);
        String t = text(n, path, "target", true);
        Compare.Target target = switch (t.toLowerCase(Locale.ROOT)) {
            case "value", "val" -> Compare.Target.VALUE;
            case "version", "ver" -> Compare.Target.VERSION;
            case "create", "c" -> Compare.Target.CREATE;
            case "mod", "m" -> Compare.Target.MOD;
            case "lease" -> Compare.Target.LEASE;
            default -> throw bad(path + ".target", "expected value, version, create, mod or lease, got '" + t + "'");
        };
        String o = text(n, path, "op", true);
        Compare.Operator op = switch (o) {
            case "=", "==" -> Compare.Operator.EQUAL;
            case "!=" -> Compare.Operator.NOT_EQUAL;
            case "<" -> Compare.Operator.LESS;
            case ">" -> Compare.Operator.GREATER;
            default -> throw bad(path + ".op", "expected =, !=, < or >, got '" + o + "'");
        };
        if (target == Compare.Target.VALUE) {
            return Compare.value(key, op, bytes(n, path, "value", true));
        }
        if (n.has("value_base64")) {
            throw bad(path + ".value_base64", "only a value compare takes value_base64");
        }
        JsonNode v = n.get("value");
        if (v == null) {
            throw bad(path + ".value", "missing");
        }
        if (target == Compare.Target.LEASE) {
            if (!v.isTextual()) {
                throw bad(path + ".value", "expected a lease ID as a hex string, e.g. \"694d77aa9e38260f\"");
            }
            return Compare.number(key, target, op, hex(v.asText(), path + ".value"));
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return Compare.number(key, target, op, v.asLong());
        }
        if (v.isTextual()) {
            try {
                return Compare.number(key, target, op, Long.parseLong(v.asText()));
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw bad(path + ".value", "expected a whole number to compare " + target.word() + " with, got " + v);
    }

    private List<TxnOp> ops(JsonNode root, String name) {
        List<TxnOp> ops = new ArrayList<>();
        int i = 0;
        for (JsonNode n : array(root, name)) {
            String path = name + "[" + i++ + "]";
            object(n, path);
            if (n.size() != 1) {
                throw bad(path, "expected exactly one of put, get, delete");
            }
            String kind = n.fieldNames().next();
            JsonNode body = n.get(kind);
            String p = path + "." + kind;
            object(body, p);
            ops.add(
                    switch (kind) {
                        case "put" -> put(body, p);
                        case "get" -> get(body, p);
                        case "delete", "del" -> delete(body, p);
                        default -> throw bad(path, "expected put, get or delete, got '" + kind + "'");
                    });
        }
        return ops;
    }

    private TxnOp put(JsonNode n, String path) {
        fields(
                n,
                path,
                Set.of(
                        "key",
                        "key_base64",
                        "value",
                        "value_base64",
                        "lease",
                        "prev_kv",
                        "ignore_value",
                        "ignore_lease"));
        boolean ignoreValue = bool(n, path, "ignore_value");
        boolean ignoreLease = bool(n, path, "ignore_lease");
        byte[] key = key(n, path, false);
        byte[] value = bytes(n, path, "value", !ignoreValue);
        if (ignoreValue && value != null) {
            throw bad(path + ".value", "a value cannot be given with ignore_value");
        }
        long lease = 0;
        String l = text(n, path, "lease", false);
        if (l != null) {
            lease = hex(l, path + ".lease");
            if (ignoreLease) {
                throw bad(path + ".lease", "a lease cannot be given with ignore_lease");
            }
        }
        return new TxnOp.Put(
                key, value == null ? new byte[0] : value, lease, bool(n, path, "prev_kv"), ignoreValue, ignoreLease);
    }

    private TxnOp get(JsonNode n, String path) {
        fields(
                n,
                path,
                Set.of(
                        "key",
                        "key_base64",
                        "range_end",
                        "prefix",
                        "from_key",
                        "limit",
                        "rev",
                        "sort_by",
                        "order",
                        "keys_only",
                        "count_only",
                        "min_create_rev",
                        "max_create_rev",
                        "min_mod_rev",
                        "max_mod_rev"));
        boolean prefix = bool(n, path, "prefix");
        boolean fromKey = bool(n, path, "from_key");
        byte[] end = range(n, path, prefix, fromKey);
        GetOptions.Builder b = GetOptions.builder()
                .rangeEnd(end)
                .prefix(prefix)
                .fromKey(fromKey)
                .limit(number(n, path, "limit"))
                .revision(number(n, path, "rev"))
                .keysOnly(bool(n, path, "keys_only"))
                .countOnly(bool(n, path, "count_only"))
                .minCreateRevision(number(n, path, "min_create_rev"))
                .maxCreateRevision(number(n, path, "max_create_rev"))
                .minModRevision(number(n, path, "min_mod_rev"))
                .maxModRevision(number(n, path, "max_mod_rev"));
        String sort = text(n, path, "sort_by", false);
        if (sort != null) {
            // "mod" as well: etcd's own name for the target (MOD) in its JSON
            SortTarget target = sort.equalsIgnoreCase("mod") ? SortTarget.MODIFY : SortTarget.parse(sort);
            if (target == null) {
                throw bad(path + ".sort_by", "expected " + SortTarget.NAMES + ", got '" + sort + "'");
            }
            b.sortBy(target);
        }
        String order = text(n, path, "order", false);
        if (order != null) {
            SortOrder o = SortOrder.parse(order);
            if (o == null) {
                throw bad(path + ".order", "expected " + SortOrder.NAMES + ", got '" + order + "'");
            }
            b.order(o);
        }
        return new TxnOp.Get(key(n, path, prefix || fromKey), b.build());
    }

    private TxnOp delete(JsonNode n, String path) {
        fields(n, path, Set.of("key", "key_base64", "range_end", "prefix", "from_key", "prev_kv"));
        boolean prefix = bool(n, path, "prefix");
        boolean fromKey = bool(n, path, "from_key");
        byte[] end = range(n, path, prefix, fromKey);
        return new TxnOp.Delete(
                key(n, path, prefix || fromKey), new DeleteOptions(end, prefix, fromKey, bool(n, path, "prev_kv")));
    }

    private byte[] key(JsonNode n, String path, boolean mayBeEmpty) {
        byte[] k = bytes(n, path, "key", true);
        if (k.length == 0 && !mayBeEmpty) {
            throw bad(path + ".key", "must not be empty");
        }
        return k;
    }

    private byte[] range(JsonNode n, String path, boolean prefix, boolean fromKey) {
        if (prefix && fromKey) {
            throw bad(path, "prefix and from_key cannot be used together");
        }
        String end = text(n, path, "range_end", false);
        if (end != null && (prefix || fromKey)) {
            throw bad(path + ".range_end", "cannot be used with prefix or from_key");
        }
        return end == null ? null : end.getBytes(StandardCharsets.UTF_8);
    }

    // ---- fields ----------------------------------------------------------------------------

    private Iterable<JsonNode> array(JsonNode root, String name) {
        JsonNode a = root.get(name);
        if (a == null || a.isNull()) {
            return List.of();
        }
        if (!a.isArray()) {
            throw bad(name, "expected an array");
        }
        return a;
    }

    private void object(JsonNode n, String path) {
        if (n == null || !n.isObject()) {
            throw bad(path, "expected an object");
        }
    }

    private void fields(JsonNode n, String path, Set<String> allowed) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw bad(
                        path.isEmpty() ? f : path + "." + f,
                        "unknown field; expected one of " + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
        }
    }

    private String text(JsonNode n, String path, String field, boolean required) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw bad(path + "." + field, "missing");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw bad(path + "." + field, "expected a string, got " + v);
        }
        return v.asText();
    }

    /** {@code field} as UTF-8, or {@code field_base64} decoded; one of them if {@code required}. */
    private byte[] bytes(JsonNode n, String path, String field, boolean required) {
        String plain = text(n, path, field, false);
        String b64 = text(n, path, field + "_base64", false);
        if (plain != null && b64 != null) {
            throw bad(path + "." + field, "give " + field + " or " + field + "_base64, not both");
        }
        if (plain != null) {
            return plain.getBytes(StandardCharsets.UTF_8);
        }
        if (b64 != null) {
            try {
                return Base64.getDecoder().decode(b64);
            } catch (IllegalArgumentException e) {
                throw bad(path + "." + field + "_base64", "not valid base64: " + e.getMessage());
            }
        }
        if (required) {
            throw bad(path + "." + field, "missing");
        }
        return null;
    }

    private boolean bool(JsonNode n, String path, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw bad(path + "." + field, "expected true or false, got " + v);
        }
        return v.asBoolean();
    }

    private long number(JsonNode n, String path, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return 0;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
            throw bad(path + "." + field, "expected a whole number >= 0, got " + v);
        }
        return v.asLong();
    }

    private long hex(String s, String path) {
        try {
            return LeaseIds.parseHex(s);
        } catch (NumberFormatException e) {
            throw bad(path, "expected a lease ID in hex, e.g. \"694d77aa9e38260f\", got '" + s + "'");
        }
    }

    private EtcdException bad(String path, String what) {
        return EtcdException.invalid("txn: " + source + ": " + (path.isEmpty() ? "" : path + ": ") + what);
    }
}
