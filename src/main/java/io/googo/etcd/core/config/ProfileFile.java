package io.googo.etcd.core.config;

import io.googo.etcd.core.EtcdException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The parsed profile file (CONFIG.md): the {@code current} profile's name and the named
 * profiles in file order. Immutable. Obtain one with {@link #load(Path)} (usually through
 * {@link ProfileLocator#load(Path)}), {@link #parse(String, Path)}, {@link #empty()} or
 * {@link #builtin()}.
 *
 * <p>Every problem with the file is an {@link EtcdException} of kind
 * {@link io.googo.etcd.core.ErrorKind#INVALID_INPUT INVALID_INPUT} whose message is one
 * line of the form {@code FILE:LINE:COLUMN: FIELD.PATH: problem} and never contains a
 * password; a file that cannot be read is kind {@link io.googo.etcd.core.ErrorKind#IO IO}.
 */
public final class ProfileFile {
    /** The built-in profile used when there is no profile file (or it defines no profile). */
    public static final String BUILTIN_PROFILE = "local";
    /** What {@link #redactedYaml()} shows in place of a password. */
    public static final String REDACTED = "REDACTED";

    private static final ProfileFile EMPTY =
            new ProfileFile(null, "(no profile file)", null, Map.of(), Map.of(), false);
    private static final Map<String, Profile> BUILTIN_PROFILES =
            Map.of(BUILTIN_PROFILE, Profile.ofEndpoints(EtcdConfig.DEFAULT_ENDPOINT));
    private static final ProfileFile BUILTIN =
            new ProfileFile(null, "(built-in profiles)", BUILTIN_PROFILE, BUILTIN_PROFILES, Map.of(), false, true);

    private final Path source;
    private final String display;
    private final String current;
    private final Map<String, Profile> profiles;
    private final Map<String, Position> positions;
    private final boolean looselyReadable;
    private final boolean builtin;

    /** Line and column (1-based) of a value in the file. */
    record Position(int line, int column) {}

    ProfileFile(
            Path source,
            String display,
            String current,
            Map<String, Profile> profiles,
            Map<String, Position> positions,
            boolean looselyReadable) {
        this(source, display, current, profiles, positions, looselyReadable, false);
    }

    private ProfileFile(
            Path source,
            String display,
            String current,
            Map<String, Profile> profiles,
            Map<String, Position> positions,
            boolean looselyReadable,
            boolean builtin) {
        this.builtin = builtin;
        this.source = source;
        this.display = display;
        this.current = current;
        this.profiles = Collections.unmodifiableMap(new LinkedHashMap<>(profiles));
        this.positions = Map.copyOf(positions);
        this.looselyReadable = looselyReadable;
    }

    /**
     * Reads and checks a profile file.
     *
     * @throws EtcdException IO when the file cannot be read; INVALID_INPUT when it is not a
     *                       valid profile file (malformed YAML, unknown key, wrong type, bad
     *                       duration, size or endpoint, two password sources in one profile)
     */
    public static ProfileFile load(Path file) {
        String text = readText(file);
        return ProfileYaml.parse(text, file, file.toString(), looselyReadable(file));
    }

    /**
     * Parses profile-file text that did not come from disk (tests, stdin). {@code source}
     * names it in messages and anchors relative paths; it may be {@code null}.
     */
    public static ProfileFile parse(String yaml, Path source) {
        return ProfileYaml.parse(yaml, source, source == null ? "(profile text)" : source.toString(), false);
    }

    /** No file: no profiles, no current. The resolver then uses {@link #builtin()}. */
    public static ProfileFile empty() {
        return EMPTY;
    }

    /** The built-in profiles: just {@code local} ({@code http://127.0.0.1:2379}, no auth, no TLS), current. */
    public static ProfileFile builtin() {
        return BUILTIN;
    }

    /**
     * This file, or when it defines no profile the built-in {@code local} (keeping this
     * file's {@code current}, if any, and source). What the resolver and {@code config
     * list} work on.
     */
    public ProfileFile orBuiltin() {
        if (!profiles.isEmpty()) {
            return this;
        }
        if (source == null && current == null) {
            return BUILTIN;
        }
        return new ProfileFile(
                source,
                display,
                current == null ? BUILTIN_PROFILE : current,
                BUILTIN_PROFILES,
                positions,
                looselyReadable,
                true);
    }

    /** The file this was read from; empty for {@link #empty()}, {@link #builtin()} and parsed text. */
    public Optional<Path> source() {
        return Optional.ofNullable(source);
    }

    /** True when this holds only the built-in profile, not one read from a file. */
    public boolean isBuiltin() {
        return builtin;
    }

    /** True when the file defines no profile. */
    public boolean isEmpty() {
        return profiles.isEmpty();
    }

    /** The {@code current:} value as written, or {@code null}. It may name a profile that does not exist. */
    public String current() {
        return current;
    }

    /**
     * The profile used when no {@code --cluster} is given: {@code current}, else the only
     * profile when there is exactly one, else empty. Not checked against the profiles.
     */
    public Optional<String> effectiveCurrent() {
        if (current != null) {
            return Optional.of(current);
        }
        if (profiles.size() == 1) {
            return Optional.of(profiles.keySet().iterator().next());
        }
        return Optional.empty();
    }

    /** Profiles by name in file order (unmodifiable). */
    public Map<String, Profile> profiles() {
        return profiles;
    }

    public Optional<Profile> profile(String name) {
        return Optional.ofNullable(profiles.get(name));
    }

    /** Profile names in file order. */
    public List<String> names() {
        return List.copyOf(profiles.keySet());
    }

    /** One row of {@code config list}. */
    public record Entry(String name, boolean current) {}

    /** The profiles in file order, the {@link #effectiveCurrent()} one marked. */
    public List<Entry> list() {
        String cur = effectiveCurrent().orElse(null);
        return profiles.keySet().stream().map(n -> new Entry(n, n.equals(cur))).toList();
    }

    /** True when some profile holds an inline {@code password}. */
    public boolean hasInlinePassword() {
        return profiles.values().stream().anyMatch(pr -> pr.password() != null);
    }

    /**
     * One-line warnings about the file itself: an inline password in a file that group or
     * others may read (only where the file system has POSIX permissions).
     */
    public List<String> warnings() {
        if (looselyReadable && hasInlinePassword()) {
            return List.of("profile file " + display + " holds an inline password and can be read by group or others;"
                    + " run chmod 600 " + display + ", or use password-env or password-file");
        }
        return List.of();
    }

    /** The file as a YAML tree (kebab-case keys, only what is set); for JSON output. */
    public Map<String, Object> toMap(boolean redact) {
        return ProfileYamlWriter.toMap(current, profiles, redact);
    }

    /** The parsed file as YAML, every inline {@code password} shown as {@code REDACTED}. */
    public String redactedYaml() {
        return ProfileYamlWriter.write(toMap(true));
    }

    /** The parsed file as YAML with inline passwords as written ({@code config view --raw}). */
    public String rawYaml() {
        return ProfileYamlWriter.write(toMap(false));
    }

    /**
     * Makes {@code name} the current profile of {@code file}: a minimal text edit (the
     * top-level {@code current:} value is replaced, keeping any trailing comment, or
     * {@code current: NAME} is inserted before the first line that is not a comment), so
     * comments and layout are kept byte for byte. (Should a layout defeat the line edit — a
     * flow-style or indented document — the edit is checked by re-parsing, and the file is
     * instead written anew from its parsed content, losing comments but nothing else.)
     * The file is replaced atomically (temp
     * file in the same directory, fsync, atomic rename) and keeps its permissions; a
     * symbolic link is followed, not replaced.
     *
     * @throws EtcdException INVALID_INPUT when the file is not valid or defines no profile
     *                       {@code name} (the file is then untouched); IO when it cannot
     *                       be read or written
     */
    public static void use(Path file, String name) {
        ProfileFileEditor.use(file, name);
    }

    /** Where a field is, e.g. {@code /home/me/.config/gooetcd/config.yaml:7:19}, or just the file. */
    String where(String fieldPath) {
        Position pos = positions.get(fieldPath);
        return pos == null ? display : display + ":" + pos.line() + ":" + pos.column();
    }

    /** The file's name as messages show it. */
    String display() {
        return display;
    }

    @Override
    public String toString() {
        return "ProfileFile{source=" + display + ", current=" + current + ", profiles=" + profiles.keySet() + "}";
    }

    // ---------------------------------------------------------------- file access

    static String readText(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw EtcdException.io(file + ": cannot read profile file: no such file", e);
        } catch (AccessDeniedException e) {
            throw EtcdException.io(file + ": cannot read profile file: permission denied", e);
        } catch (IOException e) {
            throw EtcdException.io(
                    file + ": cannot read profile file: "
                            + (Files.isDirectory(file) ? "is a directory" : String.valueOf(e.getMessage())),
                    e);
        }
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw EtcdException.invalid(file + ": not UTF-8 text");
        }
    }

    private static boolean looselyReadable(Path file) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            return perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ);
        } catch (UnsupportedOperationException | IOException e) {
            return false;
        }
    }
}
