package io.googo.etcd.cli.output;

import io.googo.etcd.core.EtcdException;
import java.util.Map;

/**
 * etcdctl's {@code --hex}: each byte of a key or value as {@code \x} and two lowercase hex
 * digits ({@code ab} prints as {@code \x61\x62}). etcdctl 3.4.23 applies it to the simple
 * output only (its json, fields and protobuf output are unchanged), and so do we.
 */
public final class HexBytes {
    private static final byte[] DIGITS = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private HexBytes() {}

    /** {@code b} written as etcdctl's hex: 4 ASCII bytes per byte. */
    public static byte[] escape(byte[] b) {
        byte[] out = new byte[b.length * 4];
        for (int i = 0; i < b.length; i++) {
            int v = b[i] & 0xff;
            out[4 * i] = '\\';
            out[4 * i + 1] = 'x';
            out[4 * i + 2] = DIGITS[v >>> 4];
            out[4 * i + 3] = DIGITS[v & 0xf];
        }
        return out;
    }

    /**
     * Whether hex output is on: {@code --hex} when given, else {@code $GOOETCD_HEX}, else
     * {@code $ETCDCTL_HEX}, each a Go boolean as etcdctl parses it ({@code 1 t T TRUE true True}
     * and {@code 0 f F FALSE false False}); empty counts as unset; anything else is invalid input.
     */
    public static boolean enabled(Boolean flag, Map<String, String> env) {
        if (flag != null) {
            return flag;
        }
        for (String name : new String[] {"GOOETCD_HEX", "ETCDCTL_HEX"}) {
            String v = env.get(name);
            if (v != null && !v.isEmpty()) {
                return switch (v) {
                    case "1", "t", "T", "TRUE", "true", "True" -> true;
                    case "0", "f", "F", "FALSE", "false", "False" -> false;
                    default -> throw EtcdException.invalid(name + "=" + v + ": not a boolean (true or false)");
                };
            }
        }
        return false;
    }
}
