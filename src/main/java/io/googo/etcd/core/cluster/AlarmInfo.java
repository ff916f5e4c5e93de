package io.googo.etcd.core.cluster;

/**
 * One active alarm.
 *
 * @param memberId the member that raised it
 * @param type     {@code NOSPACE} (the backend quota is full: writes are refused) or {@code CORRUPT}
 */
public record AlarmInfo(long memberId, String type) {}
