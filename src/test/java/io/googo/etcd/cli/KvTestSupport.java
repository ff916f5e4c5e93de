package io.googo.etcd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.EtcdctlResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the key-value command tests share: JSON parsing and independent checks with the real etcdctl. */
final class KvTestSupport {
    static final ObjectMapper JSON = new ObjectMapper();

    private static final Pattern GRANTED = Pattern.compile("lease ([0-9a-f]+) granted with TTL\\((\\d+)s\\)");

    private KvTestSupport() {}

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }

    /** The JSON document gooetcd printed; fails showing the whole result when it is not JSON. */
    static JsonNode json(Cli.Result r) {
        try {
            return JSON.readTree(r.out());
        } catch (IOException e) {
            throw new AssertionError("stdout is not one JSON document: " + r, e);
        }
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] unb64(String s) {
        return Base64.getDecoder().decode(s);
    }

    /** {@code etcdctl lease grant TTL}; returns the lease ID in hex, as etcdctl prints it. */
    static String grantLease(EtcdExtension etcd, int ttlSeconds) {
        EtcdctlResult r =
                etcd.etcdctl("lease", "grant", Integer.toString(ttlSeconds)).assertOk();
        Matcher m = GRANTED.matcher(r.out());
        if (!m.find()) {
            throw new AssertionError("unexpected lease grant output: " + r);
        }
        return m.group(1);
    }

    /**
     * A lease ID written in hex, as a number: etcdctl pads IDs to 16 digits ({@code %016x}), gooetcd's json
     * does not, so IDs are compared as numbers.
     */
    static long hexId(String hex) {
        return Long.parseUnsignedLong(hex, 16);
    }

    /** The IDs of every lease the server has now, from {@code etcdctl lease list}. */
    static Set<Long> leases(EtcdExtension etcd) {
        EtcdctlResult r = etcd.etcdctl("lease", "list").assertOk();
        Set<Long> ids = new LinkedHashSet<>();
        for (String line : r.out().split("\n")) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("found ")) {
                ids.add(hexId(l));
            }
        }
        return ids;
    }

    /** {@code etcdctl get KEY -w json} as a tree (keys and values base64, as etcdctl prints them). */
    static JsonNode etcdctlGet(EtcdExtension etcd, String... args) {
        List<String> a = new ArrayList<>(List.of("get"));
        a.addAll(List.of(args));
        a.add("-w");
        a.add("json");
        return json(etcd.etcdctl(a.toArray(new String[0])).assertOk().stdout());
    }

    /** The one kv etcdctl sees at {@code key}, or {@code null} when the key does not exist. */
    static JsonNode etcdctlKv(EtcdExtension etcd, String key) {
        JsonNode kvs = etcdctlGet(etcd, key).path("kvs");
        return kvs.isArray() && kvs.size() > 0 ? kvs.get(0) : null;
    }

    /** The value etcdctl sees at {@code key} as bytes, or {@code null} when the key does not exist. */
    static byte[] etcdctlValue(EtcdExtension etcd, String key) {
        JsonNode kv = etcdctlKv(etcd, key);
        return kv == null ? null : unb64(kv.path("value").asText(""));
    }

    static String etcdctlValueString(EtcdExtension etcd, String key) {
        byte[] v = etcdctlValue(etcd, key);
        return v == null ? null : new String(v, StandardCharsets.UTF_8);
    }

    /** etcdctl puts, one revision each, in order; returns the revision of the last one. */
    static long put(EtcdExtension etcd, String... keyValues) {
        long rev = 0;
        for (int i = 0; i < keyValues.length; i += 2) {
            JsonNode r = json(etcd.etcdctl("put", keyValues[i], keyValues[i + 1], "-w", "json")
                    .assertOk()
                    .stdout());
            rev = r.path("header").path("revision").asLong();
        }
        return rev;
    }

    /** The current revision of the store, from etcdctl. */
    static long revision(EtcdExtension etcd) {
        return etcdctlGet(etcd, "/nonexistent-revision-probe")
                .path("header")
                .path("revision")
                .asLong();
    }

    /** The keys of a gooetcd {@code -w json} get, in output order. */
    static List<String> keys(JsonNode getDoc) {
        List<String> keys = new ArrayList<>();
        getDoc.path("kvs").forEach(kv -> keys.add(kv.path("key").asText()));
        return keys;
    }
}
