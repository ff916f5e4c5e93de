package io.googo.etcd.core.kv;

import static org.assertj.core.api.Assertions.assertThat;

import io.googo.etcd.core.client.EtcdClient;
import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.TestPrefix;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Segment-at-a-time listing of keys (the shell's key completion), against a real etcd. */
class KeyBrowserTest {
    @RegisterExtension
    static final EtcdExtension etcd = EtcdExtension.builder().build();

    static EtcdClient client;

    @BeforeAll
    static void connect() {
        client = etcd.newClient("test");
    }

    @AfterAll
    static void close() {
        client.close();
    }

    private static void put(String key) {
        client.put(key, "v");
    }

    @Test
    void listsWholeKeysAndOneEntryPerSubtree() {
        TestPrefix p = TestPrefix.random();
        for (int i = 0; i < 300; i++) {
            put(p.key("services/web/" + i)); // 300 keys under one segment: still one entry
        }
        put(p.key("services/db/1"));
        put(p.key("services/zz"));
        put(p.key("config"));
        put(p.key("configs/x"));

        assertThat(new KeyBrowser(client).children(p.value(), 100))
                .containsExactly(p.key("config"), p.key("configs/"), p.key("services/"));
        assertThat(new KeyBrowser(client).children(p.key("services/"), 100))
                .containsExactly(p.key("services/db/"), p.key("services/web/"), p.key("services/zz"));
        assertThat(new KeyBrowser(client).children(p.key("serv"), 100)).containsExactly(p.key("services/"));
        assertThat(new KeyBrowser(client).children(p.key("services/web/1"), 5))
                .containsExactly(
                        p.key("services/web/1"),
                        p.key("services/web/10"),
                        p.key("services/web/100"),
                        p.key("services/web/101"),
                        p.key("services/web/102"));
        assertThat(new KeyBrowser(client).children(p.key("nothing"), 100)).isEmpty();
    }

    @Test
    void leavesOutKeysThatAreNotPrintableText() {
        TestPrefix p = TestPrefix.random();
        byte[] binary = (p.key("bin") + "\u0001").getBytes(StandardCharsets.UTF_8);
        client.put(binary, new byte[] {'v'}, PutOptions.DEFAULT);
        byte[] badUtf8 = p.key("bad").getBytes(StandardCharsets.UTF_8);
        byte[] bad = java.util.Arrays.copyOf(badUtf8, badUtf8.length + 1);
        bad[badUtf8.length] = (byte) 0xff;
        client.put(bad, new byte[] {'v'}, PutOptions.DEFAULT);
        put(p.key("ok"));

        assertThat(new KeyBrowser(client).children(p.value(), 100)).containsExactly(p.key("ok"));
    }

    @Test
    void anEmptyPrefixBrowsesFromTheTopOfTheKeySpace() {
        TestPrefix p = TestPrefix.random();
        put(p.key("a"));
        put("top");
        assertThat(new KeyBrowser(client).children("", 100)).containsExactly("/", "top");
        assertThat(new KeyBrowser(client).children("/", 1000)).contains(p.value());
    }
}
