package io.googo.etcd.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell's history file is readable by its owner only, whether new or found with a looser mode. */
class HistoryFileTest {
    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private String mode(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @Test
    void aNewHistoryFileIsMadeOwnerOnly() throws Exception {
        Path file = dir.resolve("history");
        assertThat(InteractiveShell.ownerOnly(file, new PrintWriter(err))).isEqualTo(file);
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void anExistingWorldReadableHistoryFileIsTightenedBeforeUseWithAWarning() throws Exception {
        Path file = dir.resolve("history");
        Files.writeString(file, "1700000000000:get k\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(InteractiveShell.ownerOnly(file, new PrintWriter(err))).isEqualTo(file);
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(err.toString())
                .isEqualTo("Warning: history file " + file
                        + " could be read by group or others (rw-r--r--); made it rw------- (0600)\n");
        assertThat(Files.readString(file)).as("the history itself is kept").isEqualTo("1700000000000:get k\n");
    }

    @Test
    void anOwnerOnlyHistoryFileIsLeftAsItIs() throws Exception {
        Path file = dir.resolve("history");
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        assertThat(InteractiveShell.ownerOnly(file, new PrintWriter(err))).isEqualTo(file);
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(err.toString()).isEmpty();
    }
}
