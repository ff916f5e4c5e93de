package io.googo.etcd.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.cluster.ClusterAdmin;
import io.googo.etcd.core.config.EtcdConfig;
import io.googo.etcd.testkit.Await;
import io.googo.etcd.testkit.EtcdCluster;
import io.googo.etcd.testkit.EtcdProcess;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Auto-sync: a long-lived client that was given only member A follows the member list, so when A
 * leaves the cluster the same client goes on working through B and C. Its own cluster, since a
 * removed member cannot come back.
 */
class EndpointSyncTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static EtcdConfig config(String endpoint, Duration autoSync) {
        return EtcdConfig.builder()
                .endpoints(endpoint)
                .autoSyncInterval(autoSync)
                .dialTimeout(Duration.ofSeconds(1))
                .requestTimeout(Duration.ofSeconds(5))
                .build();
    }

    private static String memberIdOf(EtcdCluster cluster, EtcdProcess m) throws Exception {
        JsonNode list = JSON.readTree(
                cluster.etcdctl("member", "list", "-w", "json").assertOk().stdout());
        for (JsonNode n : list.path("members")) {
            if (m.name().equals(n.path("name").asText())) {
                return Long.toHexString(Long.parseUnsignedLong(n.path("ID").asText()));
            }
        }
        throw new AssertionError(m.name() + " not in " + list);
    }

    @Test
    void aClientGivenOnlyMemberAKeepsWorkingThroughBAndCAfterAIsRemoved() throws Exception {
        // without the strict reconfiguration check etcd removes a member at once, not only after
        // every member has been connected for 5s
        try (EtcdCluster cluster =
                EtcdCluster.builder().extraArgs("--strict-reconfig-check=false").start()) {
            EtcdProcess a = cluster.member(0);
            EtcdProcess b = cluster.member(1);
            try (EtcdClient synced = EtcdClient.create("synced", config(a.clientUrl(), Duration.ofMillis(100)));
                    EtcdClient plain = EtcdClient.create("plain", config(a.clientUrl(), Duration.ZERO))) {
                assertThat(synced.endpoints()).containsExactly(a.clientUrl());
                synced.put("k", "before");
                assertThat(plain.getValue("k")).isEqualTo("before");
                assertThatThrownBy(plain::syncEndpoints)
                        .isInstanceOf(EtcdException.class)
                        .extracting(e -> ((EtcdException) e).kind())
                        .isEqualTo(ErrorKind.UNSUPPORTED);

                Await.until(
                        Duration.ofSeconds(10),
                        () -> synced.endpoints().size() == 3,
                        "auto-sync to find all three members");
                assertThat(synced.endpoints())
                        .containsExactlyInAnyOrder(
                                a.clientUrl(), b.clientUrl(), cluster.member(2).clientUrl());

                long idA = Long.parseUnsignedLong(memberIdOf(cluster, a), 16);
                try (EtcdClient admin = EtcdClient.create("admin", config(b.clientUrl(), Duration.ZERO))) {
                    Await.until(
                            Duration.ofSeconds(15),
                            () -> {
                                new ClusterAdmin(admin).memberRemove(idA);
                                return true;
                            },
                            "etcd to accept the removal of " + a.name());
                }
                a.stop();
                Await.until(
                        Duration.ofSeconds(10),
                        () -> !synced.endpoints().contains(a.clientUrl()),
                        "auto-sync to drop the removed member");
                assertThat(synced.endpoints())
                        .containsExactlyInAnyOrder(
                                b.clientUrl(), cluster.member(2).clientUrl());

                // a removed leader steps down: what follows is about the client, not the election
                cluster.awaitLeader(Duration.ofSeconds(10));
                for (int i = 0; i < 10; i++) {
                    synced.put("k", "after-" + i);
                    assertThat(synced.getValue("k")).isEqualTo("after-" + i);
                }
                assertThat(b.etcdctl("get", "k", "--print-value-only")
                                .assertOk()
                                .out())
                        .isEqualTo("after-9");
                assertThat(synced.syncEndpoints())
                        .containsExactlyInAnyOrder(
                                b.clientUrl(), cluster.member(2).clientUrl());

                // without auto-sync, the same start leaves a client with nothing to talk to
                assertThatThrownBy(() -> plain.getValue("k"))
                        .isInstanceOf(EtcdException.class)
                        .extracting(e -> ((EtcdException) e).kind())
                        .isEqualTo(ErrorKind.CONNECTION);
            }
        }
    }

    @Test
    void onlyStartedVotingMembersWithAFittingSchemeCount() {
        var started = member(1, "a", List.of("http://10.0.0.1:2379", "unix://sock"), false);
        var learner = member(2, "b", List.of("http://10.0.0.2:2379"), true);
        var unstarted = member(3, "", List.of(), false);
        var tls = member(4, "d", List.of("https://10.0.0.4:2379", "http://10.0.0.4:2379"), false);
        assertThat(EndpointSync.clientEndpoints(List.of(started, learner, unstarted, tls), false))
                .containsExactly("http://10.0.0.1:2379", "http://10.0.0.4:2379");
        assertThat(EndpointSync.clientEndpoints(List.of(started, learner, unstarted, tls), true))
                .containsExactly("https://10.0.0.4:2379");
    }

    private static io.etcd.jetcd.cluster.Member member(long id, String name, List<String> clientUrls, boolean learner) {
        return new io.etcd.jetcd.cluster.Member(io.etcd.jetcd.api.Member.newBuilder()
                .setID(id)
                .setName(name)
                .addAllClientURLs(clientUrls)
                .addPeerURLs("http://10.0.0." + id + ":2380")
                .setIsLearner(learner)
                .build());
    }
}
