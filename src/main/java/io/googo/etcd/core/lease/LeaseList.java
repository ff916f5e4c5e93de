package io.googo.etcd.core.lease;

import io.googo.etcd.core.kv.Header;
import java.util.List;

/** Every lease the cluster holds ({@code lease list}). */
public record LeaseList(Header header, List<Long> ids) {
    public LeaseList {
        ids = List.copyOf(ids);
    }
}
