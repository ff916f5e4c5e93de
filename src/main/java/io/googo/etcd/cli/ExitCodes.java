package io.googo.etcd.cli;

import io.googo.etcd.core.ErrorKind;

/** The exit codes of CLI.md, one place. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int ERROR = 1;
    public static final int CONNECTION = 2;
    public static final int INVALID_INPUT = 3;
    public static final int UNSUPPORTED = 4;
    public static final int INTERRUPTED = 5;
    public static final int IO = 6;
    public static final int CONDITION = 7;
    public static final int USAGE = 128;

    private ExitCodes() {}

    public static int of(ErrorKind kind) {
        return switch (kind) {
            case CONNECTION, TIMEOUT -> CONNECTION;
            case INVALID_INPUT -> INVALID_INPUT;
            case UNSUPPORTED -> UNSUPPORTED;
            case INTERRUPTED -> INTERRUPTED;
            case IO -> IO;
            case PRECONDITION -> CONDITION;
            case SERVER -> ERROR;
        };
    }
}
