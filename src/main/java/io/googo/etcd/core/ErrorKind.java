package io.googo.etcd.core;

/** What went wrong, coarse enough that a caller (the CLI) can map it to an exit code. */
public enum ErrorKind {
    /** Cannot reach the cluster: refused, dial timeout, TLS handshake failed. */
    CONNECTION,
    /** The cluster was reached but a request did not finish within the request timeout. */
    TIMEOUT,
    /** Bad input from the user: profile file, key, duration, NDJSON line, txn text. */
    INVALID_INPUT,
    /** A condition did not hold: compare-and-swap mismatch, lock held. */
    PRECONDITION,
    /** A format or feature this command or server does not support. */
    UNSUPPORTED,
    /** A watch canceled or compacted, a lease or session lost. */
    INTERRUPTED,
    /** Reading or writing a local file failed. */
    IO,
    /** The server answered with an error (auth failed, permission denied, ...). */
    SERVER
}
