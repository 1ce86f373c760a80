package io.faultline.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** This module's packages form no cycle (common's test shows the rule failing on one). */
class ArchitectureTest {

    @Test
    void packagesFormNoCycles() {
        // This module's own classes only: Maven runs tests in the module's directory.
        JavaClasses main = new ClassFileImporter().importPath(Path.of("target/classes"));
        slices().matching("io.faultline.(**)").should().beFreeOfCycles().check(main);
    }
}
