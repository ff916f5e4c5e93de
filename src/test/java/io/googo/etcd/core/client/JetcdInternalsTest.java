package io.googo.etcd.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.googo.etcd.core.config.EtcdConfig;
import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.TestPrefix;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The reflective look into jetcd finds the channel its requests go through: when a jetcd upgrade
 * renames what it reads, this fails (the connect phase would silently be skipped otherwise).
 */
class JetcdInternalsTest {
    @RegisterExtension
    static final EtcdExtension etcd = EtcdExtension.builder().build();

    @Test
    void findsTheChannelJetcdsRequestsUse(TestPrefix prefix) {
        try (EtcdClient c = EtcdClient.create(
                "internals",
                EtcdConfig.builder()
                        .endpoints(etcd.clientUrl())
                        .dialTimeout(Duration.ofSeconds(30))
                        .requestTimeout(Duration.ofSeconds(30))
                        .build())) {
            ManagedChannel channel = JetcdInternals.managedChannel(c.jetcd());
            assertThat(channel).as("jetcd's ManagedChannel, read by reflection").isNotNull();
            assertThat(JetcdInternals.managedChannel(c.jetcd()))
                    .as("the same channel each time")
                    .isSameAs(channel);
            c.ping(); // a member list, on jetcd's channel (key-value calls take the direct transport)
            assertThat(channel.getState(false))
                    .as("the channel that carried the call")
                    .isEqualTo(ConnectivityState.READY);
        }
    }
}
