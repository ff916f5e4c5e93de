package io.googo.etcd.core.cluster;

import io.googo.etcd.core.kv.Header;

/** Leadership moved from member {@code from} to member {@code to}. */
public record MoveLeaderResult(Header header, long from, long to) {}
