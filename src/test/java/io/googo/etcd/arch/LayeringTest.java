package io.googo.etcd.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** ARCHITECTURE.md's two rules that are not suggestions. */
class LayeringTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.googo.etcd");

    @Test
    void coreNeverImportsCliOrPicocli() {
        noClasses()
                .that()
                .resideInAPackage("io.googo.etcd.core..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.googo.etcd.cli..", "picocli..")
                .check(MAIN);
    }

    @Test
    void commandsNeverPrintToSystemOutOrErr() {
        noClasses()
                .that()
                .resideInAnyPackage("io.googo.etcd.cli.command..", "io.googo.etcd.cli.output..", "io.googo.etcd.core..")
                .should()
                .accessField(System.class, "out")
                .orShould()
                .accessField(System.class, "err")
                .check(MAIN);
    }
}
