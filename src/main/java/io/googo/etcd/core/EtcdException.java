package io.googo.etcd.core;

import java.util.Objects;

/**
 * The one exception type of goo-etcd. Its message is a single line that says what failed
 * and why; it never contains a password or token.
 */
public class EtcdException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorKind kind;

    public EtcdException(ErrorKind kind, String message) {
        this(kind, message, null);
    }

    public EtcdException(ErrorKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public ErrorKind kind() {
        return kind;
    }

    public static EtcdException invalid(String message) {
        return new EtcdException(ErrorKind.INVALID_INPUT, message);
    }

    public static EtcdException invalid(String message, Throwable cause) {
        return new EtcdException(ErrorKind.INVALID_INPUT, message, cause);
    }

    public static EtcdException unsupported(String message) {
        return new EtcdException(ErrorKind.UNSUPPORTED, message);
    }

    public static EtcdException io(String message, Throwable cause) {
        return new EtcdException(ErrorKind.IO, message, cause);
    }
}
