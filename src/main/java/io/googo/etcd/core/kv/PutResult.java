package io.googo.etcd.core.kv;

/** The outcome of a put: the header and, when asked for, the previous pair ({@code null} if none). */
public record PutResult(Header header, Kv prevKv) {}
