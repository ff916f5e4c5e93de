package io.googo.etcd.core.lease;

/** Lease IDs as etcdctl shows them. */
public final class LeaseIds {
    private LeaseIds() {}

    /** 16 lowercase hex digits, zero-padded: {@code 694d77aa9e38260f}. */
    public static String hex(long id) {
        return String.format("%016x", id);
    }

    /**
     * A lease ID written in hex, as {@link #hex} writes it: 1 to 16 hex digits, an optional
     * {@code 0x}, no sign.
     *
     * @throws NumberFormatException for anything else
     */
    public static long parseHex(String s) {
        String h = s.startsWith("0x") || s.startsWith("0X") ? s.substring(2) : s;
        if (h.isEmpty() || h.length() > 16 || h.startsWith("+") || h.startsWith("-")) {
            throw new NumberFormatException("not a hex lease ID: " + s);
        }
        return Long.parseUnsignedLong(h, 16);
    }
}
