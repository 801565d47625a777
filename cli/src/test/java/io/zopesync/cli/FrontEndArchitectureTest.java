package io.zopesync.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The command-line tool is a front end: it reaches the engine through the facade ({@code ZopeSync}) and its
 * values, never through the engine's internals or its HTTP and SSH clients.
 */
class FrontEndArchitectureTest {
    private static final JavaClasses CLI = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.zopesync.cli");

    @Test
    void shouldNotReachIntoTheEngineInternals() {
        noClasses().should().dependOnClassesThat().resideInAPackage("io.zopesync.core.internal..")
                .check(CLI);
    }

    @Test
    void shouldCheckConnectionsThroughTheFacadeOnly() {
        noClasses().should().dependOnClassesThat().haveFullyQualifiedName("io.zopesync.core.zope.ZopeClient")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.zopesync.core.zope.ZopeApi")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.zopesync.core.ssh.JschConnector")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.zopesync.core.ssh.RemoteFiles")
                .check(CLI);
    }

    @Test
    void shouldUseNoHttpOrSshLibraryDirectly() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.apache.hc..", "com.jcraft..")
                .check(CLI);
    }
}
