package io.googo.etcd.core.kv;

import java.util.List;

/** The outcome of a delete: how many keys went and, when asked for, their last values. */
public record DeleteResult(Header header, long deleted, List<Kv> prevKvs) {}
