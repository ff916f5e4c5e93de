package io.googo.etcd.core.cluster;

import java.nio.file.Path;
import java.time.Duration;

/** A saved snapshot: the file, its size in bytes and how long the save took. */
public record SnapshotResult(Path file, long size, Duration took) {}
