package io.googo.etcd.core.key;

/**
 * The names of etcdctl's range flags and the usage errors they share, for every parser that
 * takes them: the CLI's {@code KeyRange} mixin (get, del), {@code watch}, and a transaction's
 * get and del operations. One spelling for all, without core knowing the CLI's parser.
 */
public final class RangeFlags {
    /** Every key that starts with KEY. */
    public static final String PREFIX = "--prefix";

    /** Every key from KEY on. */
    public static final String FROM_KEY = "--from-key";

    /** The usage error for both flags at once. */
    public static final String PREFIX_AND_FROM_KEY = PREFIX + " and " + FROM_KEY + " cannot be used together";

    /** The usage error for a RANGE_END next to either flag. */
    public static final String RANGE_END_WITH_FLAG = "RANGE_END cannot be used with " + PREFIX + " or " + FROM_KEY;

    private RangeFlags() {}
}
