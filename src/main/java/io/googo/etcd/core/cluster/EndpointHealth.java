package io.googo.etcd.core.cluster;

import java.time.Duration;

/**
 * Whether one endpoint committed a proposal (a linearizable read) and has no active alarm.
 *
 * @param endpoint the endpoint asked
 * @param healthy  whether it is healthy
 * @param took     how long the check took
 * @param error    why it is unhealthy; {@code null} when healthy
 */
public record EndpointHealth(String endpoint, boolean healthy, Duration took, String error) {}
