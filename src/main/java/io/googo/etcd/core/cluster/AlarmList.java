package io.googo.etcd.core.cluster;

import io.googo.etcd.core.kv.Header;
import java.util.List;

/** Alarms: the active ones ({@code alarm list}) or the ones just disarmed ({@code alarm disarm}). */
public record AlarmList(Header header, List<AlarmInfo> alarms) {
    public AlarmList {
        alarms = List.copyOf(alarms);
    }
}
