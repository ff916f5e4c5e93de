package io.googo.etcd.core.key;

import io.googo.etcd.core.EtcdException;
import java.nio.charset.StandardCharsets;

/**
 * Checks the names a user types that become part of a key (lock names, service names,
 * instance addresses), before any request is sent. See KEYS.md.
 */
public final class KeyNames {
    public static final int MAX_BYTES = 1024;

    private KeyNames() {}

    /** A name that may contain {@code /} (a lock name, an instance address). */
    public static String checkPath(String name, String what) {
        if (name == null || name.isEmpty()) {
            throw EtcdException.invalid(what + " must not be empty");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw EtcdException.invalid(what + " is longer than " + MAX_BYTES + " bytes");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\\') {
                throw EtcdException.invalid(what + " '" + printable(name) + "' must not contain '\\'");
            }
            if (Character.isISOControl(c)) {
                throw EtcdException.invalid(what + " '" + printable(name) + "' must not contain control characters");
            }
        }
        for (String segment : name.split("/", -1)) {
            if (segment.equals("..")) {
                throw EtcdException.invalid(what + " '" + printable(name) + "' must not contain a '..' segment");
            }
        }
        return name;
    }

    /** A single key part that must not contain {@code /} either (a service name). */
    public static String checkSegment(String name, String what) {
        checkPath(name, what);
        if (name.indexOf('/') >= 0) {
            throw EtcdException.invalid(what + " '" + name + "' must not contain '/'");
        }
        return name;
    }

    /**
     * Whether {@code name} may be one part of a key (a service, lock or job name): the boolean form of
     * {@link #checkSegment}, and the Go library's {@code IsValidAsKeyPath}. Stricter than the Go
     * function, which only refuses {@code /} and {@code \\}: an empty name, control characters,
     * {@code ..}, and more than {@value #MAX_BYTES} bytes of UTF-8 are refused too.
     *
     * @param name the candidate
     * @return {@code true} if it has no {@code /}, no {@code \\}, and none of the above
     */
    public static boolean isValidKeySegment(String name) {
        try {
            checkSegment(name, "name");
            return true;
        } catch (EtcdException e) {
            return false;
        }
    }

    /** Checks a raw key given on the command line: etcd refuses empty keys. */
    public static byte[] checkKey(byte[] key, String what) {
        if (key == null || key.length == 0) {
            throw EtcdException.invalid(what + " must not be empty");
        }
        return key;
    }

    /** The name with control characters shown as {@code \xNN}, for messages. */
    public static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < 200; i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c)) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
