package io.googo.etcd.core.txn;

import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.key.RangeFlags;
import io.googo.etcd.core.kv.DeleteOptions;
import io.googo.etcd.core.kv.GetOptions;
import io.googo.etcd.core.kv.GetOptions.SortOrder;
import io.googo.etcd.core.kv.GetOptions.SortTarget;
import io.googo.etcd.core.lease.LeaseIds;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * etcdctl's transaction text: compares, a blank line, success operations, a blank line, failure
 * operations — one per line.
 *
 * <pre>
 * mod("key1") &gt; "0"
 * value("key2") = "x"
 *
 * put key1 "overwrote key1"
 * get key2 --prefix
 *
 * put key1 "created key1"
 * </pre>
 *
 * <p>Compares are {@code TARGET("KEY") OP "OPERAND"}: targets {@code value} ({@code val}),
 * {@code version} ({@code ver}), {@code create} ({@code c}), {@code mod} ({@code m}) and
 * {@code lease} (operand in hex); operators {@code =}, {@code !=}, {@code <}, {@code >}. Operations
 * are {@code put KEY VALUE}, {@code get KEY [RANGE_END]}, {@code del KEY [RANGE_END]} with the
 * flags of those commands. Strings are quoted as in Go ({@code "a\tb\n"}, {@code `raw`}) or in
 * single quotes (raw); {@code \xNN} escapes give raw bytes.
 *
 * <p>Beyond etcdctl: a quoted string may span lines (the newlines are part of it), so a
 * multi-line value can be written as is; a line starting with {@code #} is a comment; the input
 * may end without the closing blank lines; an operand that needs no quotes may go without them
 * ({@code mod("k") > 5}); {@code ==} means {@code =}. Text after the failure operations is an error.
 *
 * <p>Errors name the line and column and what was expected; nothing is sent for a bad text.
 */
public final class TxnParser {
    private static final Map<String, Compare.Target> TARGETS = Map.of(
            "value",
            Compare.Target.VALUE,
            "val",
            Compare.Target.VALUE,
            "version",
            Compare.Target.VERSION,
            "ver",
            Compare.Target.VERSION,
            "create",
            Compare.Target.CREATE,
            "c",
            Compare.Target.CREATE,
            "mod",
            Compare.Target.MOD,
            "m",
            Compare.Target.MOD,
            "lease",
            Compare.Target.LEASE);

    private final TxnText in;
    private int section;
    private final List<Compare> compares = new ArrayList<>();
    private final List<TxnOp> success = new ArrayList<>();
    private final List<TxnOp> failure = new ArrayList<>();

    private TxnParser(String text, String source) {
        this.in = new TxnText(text, source);
    }

    /**
     * Parses a whole transaction text.
     *
     * @param source names the input in error messages ({@code stdin}, a file name)
     * @throws EtcdException INVALID_INPUT naming {@code source:line:column} and what was expected
     */
    public static TxnRequest parse(String text, String source) {
        TxnParser p = new TxnParser(text, source);
        p.run();
        return new TxnRequest(p.compares, p.success, p.failure);
    }

    /**
     * For reading a transaction line by line (interactive mode): how many of its three parts the
     * text read so far has closed with a blank line (0 to 3), or -1 when it ends inside a quoted
     * string, so that a blank line there is part of a value.
     *
     * @throws EtcdException INVALID_INPUT for a syntax error in a complete line
     */
    public static int closedParts(String text, String source) {
        TxnParser p = new TxnParser(text, source);
        try {
            p.run();
        } catch (TxnText.Unterminated e) {
            return -1;
        }
        return Math.min(p.section, 3);
    }

    // ---- the sections ----------------------------------------------------------------------

    private void run() {
        while (true) {
            in.skipBlanks();
            if (in.eof()) {
                return;
            }
            char c = in.peek();
            if (in.atEol()) {
                in.eol();
                section++;
                continue;
            }
            if (c == '#') {
                while (!in.eof() && !in.atEol()) {
                    in.next();
                }
                if (!in.eof()) {
                    in.eol();
                }
                continue;
            }
            switch (section) {
                case 0 -> compares.add(compare());
                case 1 -> success.add(op());
                case 2 -> failure.add(op());
                default ->
                    throw in.error(
                            in.line(),
                            in.col(),
                            "unexpected text after the failure operations; a transaction is "
                                    + "compares, a blank line, success operations, a blank line, failure operations");
            }
        }
    }

    // ---- compares --------------------------------------------------------------------------

    private Compare compare() {
        int l = in.line();
        int c = in.col();
        StringBuilder word = new StringBuilder();
        while (!in.eof() && Character.isLetter(in.peek())) {
            word.append(in.next());
        }
        String w = word.toString();
        if (w.isEmpty()) {
            throw in.error(l, c, "expected a comparison such as mod(\"key\") > \"0\", got " + in.describeHere());
        }
        Compare.Target target = TARGETS.get(w.toLowerCase(Locale.ROOT));
        if (target == null) {
            String hint = List.of("put", "get", "del", "delete").contains(w)
                    ? " (operations go after the compares and a blank line)"
                    : "";
            throw in.error(
                    l, c, "unknown compare target '" + w + "'; expected value, version, create, mod or lease" + hint);
        }
        in.skipBlanks();
        in.expect('(', "'(' after " + w);
        in.skipBlanks();
        if (in.eof() || !TxnText.isQuote(in.peek())) {
            throw in.error(
                    in.line(),
                    in.col(),
                    "expected the key as a quoted string, e.g. " + w + "(\"foo\"), got " + in.describeHere());
        }
        byte[] key = in.quoted();
        if (key.length == 0) {
            throw in.error(l, c, "the key of a comparison must not be empty");
        }
        in.skipBlanks();
        in.expect(')', "')' after the key");
        in.skipBlanks();
        Compare.Operator op = operator();
        in.skipBlanks();
        int vl = in.line();
        int vc = in.col();
        if (in.eof() || in.atEol()) {
            throw in.error(in.line(), in.col(), "expected the operand after '" + op.symbol() + "', e.g. \"0\"");
        }
        byte[] operand = TxnText.isQuote(in.peek()) ? in.quoted() : in.bare();
        in.skipBlanks();
        if (!in.eof() && !in.atEol()) {
            throw in.error(in.line(), in.col(), "unexpected " + in.describeHere() + " after the comparison");
        }
        if (!in.eof()) {
            in.eol();
        }
        if (target == Compare.Target.VALUE) {
            return Compare.value(key, op, operand);
        }
        String s = new String(operand, StandardCharsets.UTF_8);
        if (target == Compare.Target.LEASE) {
            return Compare.number(key, target, op, hex(s, vl, vc));
        }
        try {
            return Compare.number(key, target, op, Long.parseLong(s.startsWith("+") ? s.substring(1) : s));
        } catch (NumberFormatException e) {
            throw in.error(vl, vc, "expected a whole number to compare " + target.word() + " with, got '" + s + "'");
        }
    }

    private long hex(String s, int l, int c) {
        try {
            return LeaseIds.parseHex(s);
        } catch (NumberFormatException e) {
            throw in.error(l, c, "expected a lease ID in hex, e.g. \"694d77aa9e38260f\", got '" + s + "'");
        }
    }

    private Compare.Operator operator() {
        int l = in.line();
        int c = in.col();
        StringBuilder sb = new StringBuilder();
        while (!in.eof() && "=!<>".indexOf(in.peek()) >= 0) {
            sb.append(in.next());
        }
        String s = sb.toString();
        return switch (s) {
            case "=", "==" -> Compare.Operator.EQUAL;
            case "!=" -> Compare.Operator.NOT_EQUAL;
            case "<" -> Compare.Operator.LESS;
            case ">" -> Compare.Operator.GREATER;
            default ->
                throw in.error(
                        l,
                        c,
                        "expected one of =, !=, <, > after the key, got "
                                + (s.isEmpty() ? in.describeHere() : "'" + s + "'"));
        };
    }

    // ---- operations ------------------------------------------------------------------------

    /** A word of an operation line, with where it starts; {@code quoted}: it was written in quotes. */
    private record Token(byte[] bytes, boolean quoted, int line, int col) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        boolean isFlag() {
            return !quoted && bytes.length > 2 && bytes[0] == '-' && bytes[1] == '-';
        }

        boolean isEndOfFlags() {
            return !quoted && text().equals("--");
        }
    }

    private List<Token> tokens() {
        List<Token> out = new ArrayList<>();
        while (true) {
            in.skipBlanks();
            if (in.eof()) {
                return out;
            }
            if (in.atEol()) {
                in.eol();
                return out;
            }
            int l = in.line();
            int c = in.col();
            if (TxnText.isQuote(in.peek())) {
                byte[] b = in.quoted();
                if (!in.eof() && !in.atEol() && !TxnText.isBlank(in.peek())) {
                    throw in.error(
                            in.line(), in.col(), "expected a space after the closing quote, got " + in.describeHere());
                }
                out.add(new Token(b, true, l, c));
            } else {
                out.add(new Token(in.bare(), false, l, c));
            }
        }
    }

    private TxnOp op() {
        int l = in.line();
        int c = in.col();
        List<Token> t = tokens();
        Token name = t.get(0);
        String verb = name.quoted() ? "" : name.text();
        return switch (verb) {
            case "put" -> put(t);
            case "get" -> get(t);
            case "del", "delete" -> delete(t);
            default -> {
                String hint = name.text().contains("(") ? " (comparisons go before the first blank line)" : "";
                throw in.error(l, c, "expected an operation: put, get or del, got '" + name.text() + "'" + hint);
            }
        };
    }

    /** Flags and arguments of one operation line, checked against the flags the operation knows. */
    private final class OpArgs {
        final List<Token> args = new ArrayList<>();
        final Map<String, Boolean> known;
        final Map<String, Token> values = new java.util.HashMap<>();
        final String verb;
        final Token end;

        /** {@code known}: flag name to whether it takes a value. */
        OpArgs(List<Token> t, Map<String, Boolean> known) {
            this.known = known;
            this.verb = t.get(0).text();
            this.end = t.get(t.size() - 1);
            boolean flags = true;
            for (int i = 1; i < t.size(); i++) {
                Token k = t.get(i);
                if (flags && k.isEndOfFlags()) {
                    flags = false;
                    continue;
                }
                if (!flags || !k.isFlag()) {
                    args.add(k);
                    continue;
                }
                String f = k.text();
                String name = f;
                String value = null;
                int eq = f.indexOf('=');
                if (eq > 0) {
                    name = f.substring(0, eq);
                    value = f.substring(eq + 1);
                }
                Boolean takesValue = known.get(name);
                if (takesValue == null) {
                    throw in.error(
                            k.line(),
                            k.col(),
                            "unknown flag " + name + " for " + verb + "; it takes "
                                    + String.join(", ", new java.util.TreeSet<>(known.keySet())));
                }
                if (takesValue && value == null) {
                    if (i + 1 >= t.size()) {
                        throw in.error(k.line(), k.col() + f.length(), "expected a value after " + name);
                    }
                    Token v = t.get(++i);
                    values.put(name, new Token(v.bytes(), true, v.line(), v.col()));
                } else if (takesValue) {
                    values.put(
                            name, new Token(value.getBytes(StandardCharsets.UTF_8), true, k.line(), k.col() + eq + 1));
                } else {
                    if (value != null && !value.equals("true") && !value.equals("false")) {
                        throw in.error(
                                k.line(),
                                k.col() + eq + 1,
                                name + " takes no value (or true/false), got '" + value + "'");
                    }
                    values.put(name, value == null || value.equals("true") ? k : null);
                    if (value != null && value.equals("false")) {
                        values.remove(name);
                    }
                }
            }
        }

        boolean has(String flag) {
            return values.get(flag) != null;
        }

        long number(String flag) {
            Token v = values.get(flag);
            if (v == null) {
                return 0;
            }
            try {
                long n = Long.parseLong(v.text());
                if (n < 0) {
                    throw new NumberFormatException();
                }
                return n;
            } catch (NumberFormatException e) {
                throw in.error(v.line(), v.col(), flag + " takes a whole number >= 0, got '" + v.text() + "'");
            }
        }

        String string(String flag) {
            Token v = values.get(flag);
            return v == null ? null : v.text();
        }

        /** Checks the number of arguments: at least {@code min}, at most {@code max}. */
        void arity(int min, int max, String usage) {
            if (args.size() > max) {
                Token x = args.get(max);
                throw in.error(x.line(), x.col(), "unexpected argument '" + x.text() + "'; usage: " + usage);
            }
            if (args.size() < min) {
                throw in.error(
                        end.line(),
                        end.col() + end.bytes().length + (end.quoted() ? 2 : 0),
                        "missing " + (args.isEmpty() ? "KEY" : "VALUE") + "; usage: " + usage);
            }
        }

        byte[] key() {
            Token k = args.get(0);
            if (k.bytes().length == 0 && !has(RangeFlags.PREFIX) && !has(RangeFlags.FROM_KEY)) {
                throw in.error(k.line(), k.col(), "the key must not be empty");
            }
            return k.bytes();
        }
    }

    private TxnOp put(List<Token> t) {
        OpArgs a = new OpArgs(
                t, Map.of("--lease", true, "--prev-kv", false, "--ignore-value", false, "--ignore-lease", false));
        boolean ignoreValue = a.has("--ignore-value");
        if (ignoreValue) {
            a.arity(1, 1, "put KEY --ignore-value");
        } else {
            a.arity(2, 2, "put KEY VALUE [--lease ID] [--prev-kv] [--ignore-lease]");
        }
        long lease = 0;
        Token lt = a.values.get("--lease");
        if (lt != null) {
            lease = hex(lt.text(), lt.line(), lt.col());
        }
        if (a.has("--ignore-lease") && lt != null) {
            throw in.error(lt.line(), lt.col(), "--lease cannot be used with --ignore-lease");
        }
        byte[] key = a.key();
        byte[] value = ignoreValue ? new byte[0] : a.args.get(1).bytes();
        return new TxnOp.Put(key, value, lease, a.has("--prev-kv"), ignoreValue, a.has("--ignore-lease"));
    }

    private TxnOp get(List<Token> t) {
        OpArgs a = new OpArgs(
                t,
                Map.ofEntries(
                        Map.entry(RangeFlags.PREFIX, false),
                        Map.entry(RangeFlags.FROM_KEY, false),
                        Map.entry("--limit", true),
                        Map.entry("--rev", true),
                        Map.entry("--sort-by", true),
                        Map.entry("--order", true),
                        Map.entry("--keys-only", false),
                        Map.entry("--count-only", false),
                        Map.entry("--min-create-rev", true),
                        Map.entry("--max-create-rev", true),
                        Map.entry("--min-mod-rev", true),
                        Map.entry("--max-mod-rev", true)));
        a.arity(1, 2, "get KEY [RANGE_END] [--prefix|--from-key] [--limit N] [--rev N] ...");
        checkRange(a);
        GetOptions.Builder b = GetOptions.builder()
                .rangeEnd(a.args.size() > 1 ? a.args.get(1).bytes() : null)
                .prefix(a.has(RangeFlags.PREFIX))
                .fromKey(a.has(RangeFlags.FROM_KEY))
                .limit(a.number("--limit"))
                .revision(a.number("--rev"))
                .keysOnly(a.has("--keys-only"))
                .countOnly(a.has("--count-only"))
                .minCreateRevision(a.number("--min-create-rev"))
                .maxCreateRevision(a.number("--max-create-rev"))
                .minModRevision(a.number("--min-mod-rev"))
                .maxModRevision(a.number("--max-mod-rev"));
        String sort = a.string("--sort-by");
        if (sort != null) {
            Token v = a.values.get("--sort-by");
            SortTarget target = SortTarget.parse(sort);
            if (target == null) {
                throw in.error(v.line(), v.col(), "--sort-by takes " + SortTarget.NAMES + ", got '" + sort + "'");
            }
            b.sortBy(target);
        }
        String order = a.string("--order");
        if (order != null) {
            Token v = a.values.get("--order");
            SortOrder o = SortOrder.parse(order);
            if (o == null) {
                throw in.error(v.line(), v.col(), "--order takes " + SortOrder.NAMES + ", got '" + order + "'");
            }
            b.order(o);
        }
        return new TxnOp.Get(a.key(), b.build());
    }

    private TxnOp delete(List<Token> t) {
        OpArgs a = new OpArgs(t, Map.of(RangeFlags.PREFIX, false, RangeFlags.FROM_KEY, false, "--prev-kv", false));
        a.arity(1, 2, "del KEY [RANGE_END] [--prefix|--from-key] [--prev-kv]");
        checkRange(a);
        byte[] end = a.args.size() > 1 ? a.args.get(1).bytes() : null;
        return new TxnOp.Delete(
                a.key(),
                new DeleteOptions(end, a.has(RangeFlags.PREFIX), a.has(RangeFlags.FROM_KEY), a.has("--prev-kv")));
    }

    private void checkRange(OpArgs a) {
        Token first = a.values.get(RangeFlags.PREFIX) != null
                ? a.values.get(RangeFlags.PREFIX)
                : a.values.get(RangeFlags.FROM_KEY);
        if (a.has(RangeFlags.PREFIX) && a.has(RangeFlags.FROM_KEY)) {
            throw in.error(first.line(), first.col(), RangeFlags.PREFIX_AND_FROM_KEY);
        }
        if (first != null && a.args.size() > 1) {
            Token x = a.args.get(1);
            throw in.error(x.line(), x.col(), RangeFlags.RANGE_END_WITH_FLAG);
        }
    }
}
