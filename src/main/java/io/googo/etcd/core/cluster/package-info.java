/**
 * Cluster administration: members, endpoint health and status, alarms, compaction, snapshots.
 */
package io.googo.etcd.core.cluster;
