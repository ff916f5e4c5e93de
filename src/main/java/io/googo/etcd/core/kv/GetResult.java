package io.googo.etcd.core.kv;

import java.util.List;

/** A whole range read held in memory; prefer {@link RangeSink} streaming for large ranges. */
public record GetResult(Header header, List<Kv> kvs, long count, boolean more) {}
