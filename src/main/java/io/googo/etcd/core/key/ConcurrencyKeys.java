package io.googo.etcd.core.key;

/**
 * The key layouts of locks and elections (KEYS.md), which are etcd's own
 * ({@code concurrency.Mutex}, {@code concurrency.Election}, the v3lock service, etcdctl), so that
 * gooetcd, etcdctl and Go programs agree on them.
 *
 * <p>A lock or election named NAME lives under {@code NAME/}; each contender's key is
 * {@code NAME/} followed by its session lease ID in lowercase hex <em>without</em> zero padding
 * (Go's {@code %x}), holds the proposal (an election) or nothing (a lock), and is attached to that
 * lease. The holder, or leader, is the key with the lowest create revision under {@code NAME/}.
 */
public final class ConcurrencyKeys {
    private ConcurrencyKeys() {}

    /** {@code NAME/}, after checking NAME as a lock name (KEYS.md "Names a user types"). */
    public static String lockPrefix(String name) {
        return KeyNames.checkPath(name, "lock name") + "/";
    }

    /** {@code NAME/LEASEHEX}: a lock contender's key. */
    public static String lockKey(String name, long leaseId) {
        return lockPrefix(name) + Long.toHexString(leaseId);
    }

    /** {@code NAME/}, after checking NAME as an election name. */
    public static String electionPrefix(String name) {
        return KeyNames.checkPath(name, "election name") + "/";
    }

    /** {@code NAME/LEASEHEX}: a candidate's key. */
    public static String electionKey(String name, long leaseId) {
        return electionPrefix(name) + Long.toHexString(leaseId);
    }
}
