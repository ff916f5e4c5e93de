package io.googo.etcd.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.googo.etcd.core.EtcdException;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and writes the profile file. Reading walks Jackson's YAML token stream by hand
 * rather than binding to classes, so that every error carries the exact line and column
 * of the offending key or value, the dotted path of the field, and never a secret (the
 * YAML library's own messages quote the source line, which may hold a password).
 */
final class ProfileYaml {
    static final List<String> TOP_KEYS = List.of("current", "clusters");
    static final List<String> PROFILE_KEYS = List.of(
            "endpoints",
            "username",
            "password",
            "password-env",
            "password-file",
            "namespace",
            "dial-timeout",
            "request-timeout",
            "keepalive-time",
            "keepalive-timeout",
            "auto-sync-interval",
            "max-send-message-size",
            "max-receive-message-size",
            "compression",
            "grpc-debug-log",
            "tls",
            "decode",
            "json");
    static final List<String> TLS_KEYS =
            List.of("enabled", "ca-file", "cert-file", "key-file", "server-name", "insecure-skip-verify");

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

    private final String display;
    private final String text;
    private final Map<String, ProfileFile.Position> positions = new LinkedHashMap<>();
    private JsonParser p;
    /** Dotted path of what is being read, for "malformed YAML near ..." messages. */
    private String at = "top level";

    private ProfileYaml(String text, String display) {
        this.text = text;
        this.display = display;
    }

    /** Parses {@code text}; {@code display} names the file in messages. */
    static ProfileFile parse(String text, Path source, String display, boolean looselyReadable) {
        ProfileYaml y = new ProfileYaml(text, display);
        try (JsonParser parser = FACTORY.createParser(text)) {
            y.p = parser;
            return y.file(source, looselyReadable);
        } catch (JsonProcessingException e) {
            throw y.malformed(e);
        } catch (IOException e) {
            throw EtcdException.io(display + ": cannot read: " + e.getClass().getSimpleName(), e);
        }
    }

    // ---------------------------------------------------------------- reading

    private ProfileFile file(Path source, boolean looselyReadable) throws IOException {
        JsonToken t = p.nextToken();
        String current = null;
        Map<String, Profile> profiles = new LinkedHashMap<>();
        if (t == null) {
            return new ProfileFile(source, display, null, profiles, positions, looselyReadable);
        }
        if (t == JsonToken.VALUE_NULL
                || (t == JsonToken.VALUE_STRING && p.getText().isEmpty())) {
            t = p.nextToken(); // an empty document ("---" alone)
        } else {
            if (t != JsonToken.START_OBJECT) {
                throw fail(
                        p.currentTokenLocation(),
                        "top level",
                        "expected a mapping with the keys current: and clusters:, got " + describe(t));
            }
            Set<String> seen = new HashSet<>();
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonLocation keyAt = p.currentTokenLocation();
                duplicate(seen, key, keyAt, key);
                at = key;
                p.nextToken();
                switch (key) {
                    case "current" -> {
                        at = "current";
                        positions.put("current", pos(p.currentTokenLocation()));
                        current = scalar("current");
                        if (current != null && current.isBlank()) {
                            current = null;
                        }
                    }
                    case "clusters" -> clusters(profiles);
                    default -> throw unknown(keyAt, "", key, TOP_KEYS);
                }
                at = "top level";
            }
            t = p.nextToken();
        }
        if (t != null) {
            throw fail(
                    p.currentTokenLocation(),
                    "top level",
                    "more than one YAML document; the profile file holds exactly one");
        }
        return new ProfileFile(source, display, current, profiles, positions, looselyReadable);
    }

    private void clusters(Map<String, Profile> profiles) throws IOException {
        at = "clusters";
        JsonToken t = token();
        if (t == JsonToken.VALUE_NULL) {
            return;
        }
        if (t != JsonToken.START_OBJECT) {
            throw fail(
                    p.currentTokenLocation(),
                    "clusters",
                    "expected a mapping of profile name to profile, got " + describe(t));
        }
        Set<String> seen = new HashSet<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonLocation keyAt = p.currentTokenLocation();
            String path = "clusters." + name;
            duplicate(seen, name, keyAt, path);
            if (name.isBlank()) {
                throw fail(keyAt, "clusters", "empty profile name");
            }
            positions.put(path, pos(keyAt));
            at = path;
            p.nextToken();
            profiles.put(name, profile(path));
            at = "clusters";
        }
    }

    private Profile profile(String path) throws IOException {
        at = path;
        JsonToken t = token();
        if (t == JsonToken.VALUE_NULL) {
            return Profile.EMPTY;
        }
        if (t != JsonToken.START_OBJECT) {
            throw fail(p.currentTokenLocation(), path, "expected a mapping of profile settings, got " + describe(t));
        }
        List<String> endpoints = null;
        String username = null;
        String password = null;
        String passwordEnv = null;
        Path passwordFile = null;
        String namespace = null;
        Duration dial = null;
        Duration request = null;
        Duration kaTime = null;
        Duration kaTimeout = null;
        Duration autoSync = null;
        Integer maxSend = null;
        Integer maxReceive = null;
        Boolean compression = null;
        Boolean grpcDebug = null;
        Profile.Tls tls = Profile.Tls.UNSET;
        String decode = null;
        String json = null;
        List<String> passwordSources = new ArrayList<>();
        JsonLocation secondSource = null;

        Set<String> seen = new HashSet<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonLocation keyAt = p.currentTokenLocation();
            String field = path + "." + key;
            duplicate(seen, key, keyAt, field);
            at = field;
            p.nextToken();
            positions.put(field, pos(p.currentTokenLocation()));
            switch (key) {
                case "endpoints" -> endpoints = endpoints(field);
                case "username" -> {
                    username = scalar(field);
                    if (username != null && username.isEmpty()) {
                        throw fail(p.currentTokenLocation(), field, "empty user name");
                    }
                }
                case "password" -> {
                    password = scalar(field);
                    if (password != null && password.isEmpty()) {
                        throw fail(p.currentTokenLocation(), field, "empty password; remove the key instead");
                    }
                }
                case "password-env" -> {
                    passwordEnv = scalar(field);
                    if (passwordEnv != null && !ENV_NAME.matcher(passwordEnv).matches()) {
                        throw fail(
                                p.currentTokenLocation(),
                                field,
                                "'" + passwordEnv
                                        + "' is not an environment variable name; write the name alone, e.g. PROD_ETCD_PASSWORD");
                    }
                }
                case "password-file" -> passwordFile = path(field);
                case "namespace" -> {
                    namespace = scalar(field);
                    if (namespace != null && namespace.isEmpty()) {
                        namespace = null;
                    }
                }
                case "dial-timeout" -> dial = duration(field, true);
                case "request-timeout" -> request = duration(field, true);
                case "keepalive-time" -> kaTime = duration(field, true);
                case "keepalive-timeout" -> kaTimeout = duration(field, true);
                case "auto-sync-interval" -> autoSync = duration(field, false);
                case "max-send-message-size" -> maxSend = size(field);
                case "max-receive-message-size" -> maxReceive = size(field);
                case "compression" -> compression = bool(field);
                case "grpc-debug-log" -> grpcDebug = bool(field);
                case "tls" -> tls = tls(field);
                case "decode" -> {
                    decode = scalar(field);
                    if (decode != null && !decode.equals("k8s") && !decode.equals("none")) {
                        throw fail(p.currentTokenLocation(), field, "decode must be k8s or none, not '" + decode + "'");
                    }
                }
                case "json" -> {
                    json = scalar(field);
                    if (json != null && !json.equals("etcdctl") && !json.equals("readable")) {
                        throw fail(
                                p.currentTokenLocation(),
                                field,
                                "json must be etcdctl or readable, not '" + json + "'");
                    }
                }
                default -> throw unknown(keyAt, path, key, PROFILE_KEYS);
            }
            if (key.startsWith("password") && token() != JsonToken.VALUE_NULL) {
                passwordSources.add(key);
                if (passwordSources.size() == 2) {
                    secondSource = keyAt;
                }
            }
            at = path;
        }
        if (passwordSources.size() > 1) {
            throw fail(
                    secondSource,
                    path,
                    "set only one of password, password-env and password-file (found "
                            + String.join(" and ", passwordSources) + ")");
        }
        return new Profile(
                endpoints,
                username,
                password,
                passwordEnv,
                passwordFile,
                namespace,
                dial,
                request,
                kaTime,
                kaTimeout,
                autoSync,
                maxSend,
                maxReceive,
                compression,
                grpcDebug,
                tls,
                decode,
                json);
    }

    private Profile.Tls tls(String path) throws IOException {
        JsonToken t = token();
        if (t == JsonToken.VALUE_NULL) {
            return Profile.Tls.UNSET;
        }
        if (t != JsonToken.START_OBJECT) {
            throw fail(p.currentTokenLocation(), path, "expected a mapping of TLS settings, got " + describe(t));
        }
        Boolean enabled = null;
        Path ca = null;
        Path cert = null;
        Path key = null;
        String serverName = null;
        Boolean insecure = null;
        Set<String> seen = new HashSet<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            JsonLocation keyAt = p.currentTokenLocation();
            String field = path + "." + k;
            duplicate(seen, k, keyAt, field);
            at = field;
            p.nextToken();
            positions.put(field, pos(p.currentTokenLocation()));
            switch (k) {
                case "enabled" -> enabled = bool(field);
                case "ca-file" -> ca = path(field);
                case "cert-file" -> cert = path(field);
                case "key-file" -> key = path(field);
                case "server-name" -> {
                    serverName = scalar(field);
                    if (serverName != null && serverName.isBlank()) {
                        serverName = null;
                    }
                }
                case "insecure-skip-verify" -> insecure = bool(field);
                default -> throw unknown(keyAt, path, k, TLS_KEYS);
            }
            at = path;
        }
        return new Profile.Tls(enabled, ca, cert, key, serverName, insecure);
    }

    // ---------------------------------------------------------------- values

    /**
     * The current token, an empty string counting as null: Jackson reports an empty plain
     * value ({@code key:}) as null in some places and as "" in others, and an empty value
     * means "not set" everywhere in this file.
     */
    private JsonToken token() throws IOException {
        JsonToken t = p.currentToken();
        return t == JsonToken.VALUE_STRING && p.getText().isEmpty() ? JsonToken.VALUE_NULL : t;
    }

    /** A single scalar as text (numbers and booleans as written), or {@code null}. */
    private String scalar(String field) throws IOException {
        JsonToken t = token();
        if (p instanceof YAMLParser yp && yp.isCurrentAlias()) {
            throw fail(p.currentTokenLocation(), field, "YAML aliases (*name) are not supported here");
        }
        return switch (t) {
            case VALUE_NULL -> null;
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> p.getText();
            default -> throw fail(p.currentTokenLocation(), field, "expected a single value, got " + describe(t));
        };
    }

    private List<String> endpoints(String field) throws IOException {
        JsonToken t = token();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        List<String> out = new ArrayList<>();
        if (t == JsonToken.START_ARRAY) {
            JsonLocation listAt = p.currentTokenLocation();
            int i = 0;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                String item = field + "[" + i++ + "]";
                String s = scalar(item);
                if (s == null || s.isBlank()) {
                    throw fail(p.currentTokenLocation(), item, "empty endpoint");
                }
                out.addAll(check(() -> Endpoints.parseList(s, field)));
            }
            if (out.isEmpty()) {
                throw fail(listAt, field, "empty list; give at least one endpoint, e.g. [http://127.0.0.1:2379]");
            }
            return out;
        }
        String s = scalar(field);
        if (s == null || s.isBlank()) {
            throw fail(p.currentTokenLocation(), field, "no endpoint given");
        }
        return check(() -> Endpoints.parseList(s, field));
    }

    private Duration duration(String field, boolean positive) throws IOException {
        String s = scalar(field);
        if (s == null) {
            return null;
        }
        return check(() -> positive ? Durations.parsePositive(s, field) : Durations.parse(s, field));
    }

    private Integer size(String field) throws IOException {
        JsonToken t = token();
        if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
            throw fail(p.currentTokenLocation(), field, "expected a size such as 2097152 or 2MiB, got a boolean");
        }
        String s = scalar(field);
        if (s == null) {
            return null;
        }
        return check(() -> Sizes.parse(s, field));
    }

    private Boolean bool(String field) throws IOException {
        JsonToken t = token();
        return switch (t) {
            case VALUE_NULL -> null;
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT ->
                throw fail(p.currentTokenLocation(), field, "expected true or false, got '" + p.getText() + "'");
            default -> throw fail(p.currentTokenLocation(), field, "expected true or false, got " + describe(t));
        };
    }

    private Path path(String field) throws IOException {
        String s = scalar(field);
        if (s == null) {
            return null;
        }
        if (s.isBlank()) {
            throw fail(p.currentTokenLocation(), field, "empty path");
        }
        try {
            return Path.of(s);
        } catch (InvalidPathException e) {
            throw fail(p.currentTokenLocation(), field, "not a valid path: " + e.getReason());
        }
    }

    private interface Check<T> {
        T get();
    }

    /** Runs a core parser (Durations, Sizes, Endpoints) and puts the value's location in front of its message. */
    private <T> T check(Check<T> c) {
        JsonLocation loc = p.currentTokenLocation();
        try {
            return c.get();
        } catch (EtcdException e) {
            throw EtcdException.invalid(where(loc) + ": " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------- errors

    private void duplicate(Set<String> seen, String key, JsonLocation loc, String path) {
        if (!seen.add(key)) {
            throw fail(loc, path, "duplicate key");
        }
    }

    private EtcdException unknown(JsonLocation loc, String parent, String key, List<String> known) {
        String path = parent.isEmpty() ? key : parent + "." + key;
        String hint = closest(key, known);
        return fail(
                loc,
                path,
                "unknown key" + (hint == null ? "" : " (did you mean " + hint + "?)") + "; known keys"
                        + (parent.isEmpty() ? "" : " under " + parent) + ": " + String.join(", ", known));
    }

    private EtcdException fail(JsonLocation loc, String path, String problem) {
        return EtcdException.invalid(where(loc) + ": " + path + ": " + problem);
    }

    private String where(JsonLocation loc) {
        if (loc == null || loc.getLineNr() <= 0) {
            return display;
        }
        return display + ":" + loc.getLineNr() + ":" + Math.max(1, loc.getColumnNr());
    }

    private static ProfileFile.Position pos(JsonLocation loc) {
        return new ProfileFile.Position(loc.getLineNr(), loc.getColumnNr());
    }

    /** Turns a YAML syntax error into one line without quoting the source (it may hold a secret). */
    private EtcdException malformed(JsonProcessingException e) {
        int line = -1;
        int column = -1;
        String problem = null;
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof org.yaml.snakeyaml.error.MarkedYAMLException m && m.getProblemMark() != null) {
                line = m.getProblemMark().getLine() + 1;
                column = m.getProblemMark().getColumn() + 1;
                problem = m.getProblem();
                if (m.getContext() != null && m.getContextMark() != null) {
                    problem = problem + " (" + m.getContext() + " started at line "
                            + (m.getContextMark().getLine() + 1) + ")";
                }
                if (mentionsSecret(m.getProblemMark().getLine())
                        || (m.getContextMark() != null
                                && mentionsSecret(m.getContextMark().getLine()))) {
                    problem = "syntax error";
                }
                break;
            }
        }
        if (problem == null) {
            JsonLocation loc = e.getLocation();
            if (loc != null) {
                line = loc.getLineNr();
                column = loc.getColumnNr();
            }
            String orig = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            if (orig.startsWith("Expected a field name")) {
                problem = "a mapping key must be a plain value, not a list or mapping";
            } else {
                problem = orig.lines()
                        .findFirst()
                        .orElse("syntax error")
                        .replaceAll("<org\\.yaml[^>]*>", "")
                        .trim();
                if (line > 0 && mentionsSecret(line - 1)) {
                    problem = "syntax error";
                }
            }
        }
        problem = problem.replaceAll("\\s+", " ").trim();
        String w = line > 0 ? display + ":" + line + ":" + Math.max(1, column) : display;
        return EtcdException.invalid(w + ": malformed YAML near " + at + ": " + problem);
    }

    private boolean mentionsSecret(int zeroBasedLine) {
        String[] lines = text.split("\\R", -1);
        if (zeroBasedLine < 0 || zeroBasedLine >= lines.length) {
            return false;
        }
        return lines[zeroBasedLine].toLowerCase(Locale.ROOT).contains("password");
    }

    private static String describe(JsonToken t) {
        if (t == null) {
            return "the end of the file";
        }
        return switch (t) {
            case START_OBJECT -> "a mapping";
            case START_ARRAY -> "a list";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_STRING -> "a string";
            case VALUE_NULL -> "nothing";
            default -> "a " + t.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }

    /** The known key within edit distance 2 of {@code key}, if any. */
    static String closest(String key, List<String> known) {
        String best = null;
        int bestDistance = 3;
        for (String k : known) {
            int d = EditDistance.of(key.toLowerCase(Locale.ROOT), k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return best;
    }
}
