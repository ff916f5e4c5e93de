package io.googo.etcd.core.txn;

import io.googo.etcd.core.EtcdException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One condition of a transaction: {@code target(key) op operand}, as etcdctl writes
 * {@code mod("k") > "5"}.
 *
 * @param key    the key compared
 * @param target what of the key is compared
 * @param op     how
 * @param value  the operand of a {@link Target#VALUE} compare; {@code null} for the others
 * @param number the operand of the other targets (a lease ID for {@link Target#LEASE})
 */
public record Compare(byte[] key, Target target, Operator op, byte[] value, long number) {

    /** What of a key a compare looks at. */
    public enum Target {
        VALUE("value"),
        VERSION("version"),
        CREATE("create"),
        MOD("mod"),
        LEASE("lease");

        private final String word;

        Target(String word) {
            this.word = word;
        }

        /** The name etcdctl's text syntax uses. */
        public String word() {
            return word;
        }
    }

    /** The comparison operators etcd knows. */
    public enum Operator {
        EQUAL("="),
        NOT_EQUAL("!="),
        LESS("<"),
        GREATER(">");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    public static Compare value(byte[] key, Operator op, byte[] value) {
        return new Compare(key, Target.VALUE, op, value, 0);
    }

    /** A value compare on a UTF-8 key and value: {@code value("k", EQUAL, "v")}. */
    public static Compare value(String key, Operator op, String value) {
        return value(key.getBytes(StandardCharsets.UTF_8), op, value.getBytes(StandardCharsets.UTF_8));
    }

    /** A compare of a UTF-8 key's version, create or mod revision, or lease: {@code number("k", MOD, EQUAL, 0)}. */
    public static Compare number(String key, Target target, Operator op, long n) {
        return number(key.getBytes(StandardCharsets.UTF_8), target, op, n);
    }

    public static Compare number(byte[] key, Target target, Operator op, long n) {
        if (target == Target.VALUE) {
            throw EtcdException.invalid("compare: a value compare takes bytes, not a number");
        }
        return new Compare(key, target, op, null, n);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Compare c
                && Arrays.equals(key, c.key)
                && target == c.target
                && op == c.op
                && Arrays.equals(value, c.value)
                && number == c.number;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key) * 31 + target.hashCode();
    }

    @Override
    public String toString() {
        String operand = target == Target.VALUE
                ? new String(value, StandardCharsets.UTF_8)
                : target == Target.LEASE ? Long.toHexString(number) : Long.toString(number);
        return target.word() + "(\"" + new String(key, StandardCharsets.UTF_8) + "\") " + op.symbol() + " \"" + operand
                + "\"";
    }
}
