package io.googo.etcd.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.googo.etcd.core.EtcdException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes profiles as YAML ({@code config view}, {@code config set}/{@code rename} rewriting the
 * file): kebab-case keys, only what is set, durations and sizes as a user writes them. Reading
 * and checking a file is {@link ProfileYaml}'s job.
 */
final class ProfileYamlWriter {
    private static final ObjectMapper WRITER = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build();

    private ProfileYamlWriter() {}

    /** The file as a YAML tree: kebab-case keys, only what is set, passwords optionally redacted. */
    static Map<String, Object> toMap(String current, Map<String, Profile> profiles, boolean redact) {
        Map<String, Object> root = new LinkedHashMap<>();
        if (current != null) {
            root.put("current", current);
        }
        Map<String, Object> clusters = new LinkedHashMap<>();
        profiles.forEach((name, prof) -> clusters.put(name, toMap(prof, redact)));
        root.put("clusters", clusters);
        return root;
    }

    static Map<String, Object> toMap(Profile prof, boolean redact) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "endpoints", prof.endpoints());
        put(m, "username", prof.username());
        put(m, "password", prof.password() == null ? null : redact ? ProfileFile.REDACTED : prof.password());
        put(m, "password-env", prof.passwordEnv());
        put(m, "password-file", prof.passwordFile());
        put(m, "namespace", prof.namespace());
        put(m, "dial-timeout", prof.dialTimeout());
        put(m, "request-timeout", prof.requestTimeout());
        put(m, "keepalive-time", prof.keepaliveTime());
        put(m, "keepalive-timeout", prof.keepaliveTimeout());
        put(m, "auto-sync-interval", prof.autoSyncInterval());
        put(m, "max-send-message-size", prof.maxSendMessageSize());
        put(m, "max-receive-message-size", prof.maxReceiveMessageSize());
        put(m, "compression", prof.compression());
        put(m, "grpc-debug-log", prof.grpcDebugLog());
        Profile.Tls tls = prof.tls();
        if (!tls.isUnset()) {
            Map<String, Object> t = new LinkedHashMap<>();
            put(t, "enabled", tls.enabled());
            put(t, "ca-file", tls.caFile());
            put(t, "cert-file", tls.certFile());
            put(t, "key-file", tls.keyFile());
            put(t, "server-name", tls.serverName());
            put(t, "insecure-skip-verify", tls.insecureSkipVerify());
            m.put("tls", t);
        }
        return m;
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof Duration d) {
            value = Durations.format(d);
        } else if (value instanceof Path path) {
            value = path.toString();
        } else if (value instanceof Integer size) {
            String s = Sizes.format(size);
            value = s.chars().allMatch(Character::isDigit) ? (Object) size : s;
        }
        m.put(key, value);
    }

    static String write(Map<String, Object> tree) {
        try {
            return WRITER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw EtcdException.io("cannot render YAML", e);
        }
    }
}
