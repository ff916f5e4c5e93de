package io.googo.etcd.core.bulk;

/**
 * One line of the NDJSON bulk format: a key, a value and an optional TTL in seconds (0: none).
 * {@code load} reads it and {@code dump} writes it, so {@code dump | load} round-trips.
 */
public record Record(byte[] key, byte[] value, long ttlSeconds) {}
