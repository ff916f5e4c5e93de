package io.googo.etcd.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.EtcdException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileFileUseTest {
    static final String TEXT = """
            # gooetcd profiles
            #   managed by hand

            current: prod   # the default one
            clusters:
              # the laptop
              local:
                endpoints: [http://127.0.0.1:2379]   # plain
              prod:
                endpoints:
                  - https://10.0.0.1:2379
                username: ops
                password-env: PROD_ETCD_PASSWORD   # never inline
              dev: {endpoints: dev:2379}
            # trailing comment
            """;

    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("config.yaml"), text);
    }

    @Test
    void replacesOnlyTheCurrentValueKeepingEverythingElseByteForByte() throws IOException {
        Path file = write(TEXT);
        ProfileFile.use(file, "dev");
        String after = Files.readString(file);
        assertThat(after)
                .isEqualTo(TEXT.replace("current: prod   # the default one", "current: dev   # the default one"));
        assertThat(ProfileFile.load(file).current()).isEqualTo("dev");
        List<String> before = TEXT.lines().toList();
        List<String> now = after.lines().toList();
        assertThat(now).hasSameSizeAs(before);
        for (int i = 0; i < before.size(); i++) {
            if (!before.get(i).startsWith("current:")) {
                assertThat(now.get(i)).isEqualTo(before.get(i));
            }
        }
    }

    @Test
    void replacesQuotedAndEmptyValues() throws IOException {
        Path file = write("current: \"prod\"  # c\nclusters: {prod: {}, dev: {}}\n");
        ProfileFile.use(file, "dev");
        assertThat(Files.readString(file)).isEqualTo("current: dev  # c\nclusters: {prod: {}, dev: {}}\n");
        write("current: 'it''s'\nclusters: {\"it's\": {}, dev: {}}\n");
        ProfileFile.use(file, "dev");
        assertThat(Files.readString(file)).startsWith("current: dev\n");
        write("current:    # none yet\nclusters: {prod: {}, dev: {}}\n");
        ProfileFile.use(file, "dev");
        assertThat(Files.readString(file)).isEqualTo("current: dev    # none yet\nclusters: {prod: {}, dev: {}}\n");
    }

    @Test
    void insertsCurrentBeforeTheFirstNonCommentLine() throws IOException {
        String text = TEXT.replace("current: prod   # the default one\n", "");
        Path file = write(text);
        ProfileFile.use(file, "local");
        assertThat(Files.readString(file)).isEqualTo(text.replace("\nclusters:\n", "\ncurrent: local\nclusters:\n"));
        // after a document start marker
        write("# c\n---\nclusters: {a: {}}\n");
        ProfileFile.use(file, "a");
        assertThat(Files.readString(file)).isEqualTo("# c\n---\ncurrent: a\nclusters: {a: {}}\n");
    }

    @Test
    void keepsCrlfLineEndings() throws IOException {
        Path file = write("# c\r\nclusters:\r\n  a: {}\r\n  b: {}\r\n");
        ProfileFile.use(file, "b");
        assertThat(Files.readString(file)).isEqualTo("# c\r\ncurrent: b\r\nclusters:\r\n  a: {}\r\n  b: {}\r\n");
        ProfileFile.use(file, "a");
        assertThat(Files.readString(file)).isEqualTo("# c\r\ncurrent: a\r\nclusters:\r\n  a: {}\r\n  b: {}\r\n");
    }

    @Test
    void quotesNamesThatYamlWouldReadAsSomethingElse() throws IOException {
        Path file = write("current: a\nclusters:\n  a: {}\n  \"yes\": {}\n  \"my #1\": {}\n  \"007\": {}\n");
        for (String name : new String[] {"yes", "my #1", "007", "a"}) {
            ProfileFile.use(file, name);
            assertThat(ProfileFile.load(file).current()).isEqualTo(name);
        }
        assertThat(Files.readString(file)).endsWith("  \"007\": {}\n").startsWith("current: a\n");
    }

    @Test
    void aLayoutTheLineEditCannotHandleIsRewrittenFromTheParsedFile() throws IOException {
        Path file = write("{current: a, clusters: {a: {endpoints: a:1}, b: {endpoints: b:1, dial-timeout: 2s}}}\n");
        ProfileFile before = ProfileFile.load(file);
        ProfileFile.use(file, "b");
        ProfileFile after = ProfileFile.load(file);
        assertThat(after.current()).isEqualTo("b");
        assertThat(after.profiles()).isEqualTo(before.profiles());
    }

    @Test
    void isAtomic() throws IOException {
        Path file = write(TEXT);
        Path link = dir.resolve("old-inode");
        try {
            Files.createLink(link, file);
        } catch (UnsupportedOperationException | IOException e) {
            Assumptions.abort("no hard links here");
        }
        ProfileFile.use(file, "dev");
        // the old file was replaced by a rename, not rewritten in place: a hard link to it still
        // sees the old bytes, a reader never sees a half-written file
        assertThat(Files.readString(link)).isEqualTo(TEXT);
        assertThat(Files.readString(file)).contains("current: dev");
        assertThat(Files.isSameFile(link, file)).isFalse();
        // and no temp file is left behind
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("config.yaml", "old-inode");
        }
    }

    @Test
    void keepsPermissionsAndFollowsSymlinks() throws IOException {
        Path file = write(TEXT);
        Assumptions.assumeTrue(Files.getFileStore(file).supportsFileAttributeView("posix"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        ProfileFile.use(file, "dev");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-r-----");

        Path link = Files.createSymbolicLink(dir.resolve("link.yaml"), file);
        ProfileFile.use(link, "local");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(ProfileFile.load(file).current()).isEqualTo("local");
    }

    @Test
    void unknownNameChangesNothing() throws IOException {
        Path file = write(TEXT);
        FileTime mtime = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(file, mtime);
        assertThatThrownBy(() -> ProfileFile.use(file, "staging")).isInstanceOfSatisfying(EtcdException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
            assertThat(e.getMessage())
                    .contains(file.toString())
                    .contains("'staging'")
                    .contains("local, prod, dev")
                    .doesNotContain("\n");
        });
        assertThat(Files.readString(file)).isEqualTo(TEXT);
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(mtime);
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s).hasSize(1);
        }
    }

    @Test
    void anInvalidFileIsRefusedAndUntouched() throws IOException {
        String bad = TEXT.replace("username: ops", "usernme: ops");
        Path file = write(bad);
        assertThatThrownBy(() -> ProfileFile.use(file, "dev"))
                .isInstanceOfSatisfying(
                        EtcdException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
                .hasMessageContaining("clusters.prod.usernme");
        assertThat(Files.readString(file)).isEqualTo(bad);
    }

    @Test
    void usingTheCurrentProfileIsANoOp() throws IOException {
        Path file = write(TEXT);
        FileTime mtime = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(file, mtime);
        ProfileFile.use(file, "prod");
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(mtime);
    }

    @Test
    void aMissingFileIsIo() {
        assertThatThrownBy(() -> ProfileFile.use(dir.resolve("none.yaml"), "a"))
                .isInstanceOfSatisfying(
                        EtcdException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.IO));
    }
}
