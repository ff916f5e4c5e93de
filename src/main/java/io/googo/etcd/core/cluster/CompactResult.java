package io.googo.etcd.core.cluster;

import io.googo.etcd.core.kv.Header;

/** A finished compaction: history before {@code revision} is gone. */
public record CompactResult(Header header, long revision, boolean physical) {}
