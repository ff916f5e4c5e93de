package io.googo.etcd.core.registry;

import java.util.List;

/**
 * The live instances of a service at one revision.
 *
 * @param invalid one message per key under the service whose value does not parse (skipped)
 */
public record ServiceList(
        String service, String prefix, long revision, List<ServiceInstance> instances, List<String> invalid) {
    public ServiceList {
        instances = List.copyOf(instances);
        invalid = List.copyOf(invalid);
    }
}
