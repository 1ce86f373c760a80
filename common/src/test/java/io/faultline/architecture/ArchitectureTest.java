package io.faultline.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shape of {@code common}: its packages form no cycle, and it depends on nothing but itself and its
 * libraries — never on the agent or the control, which both build on it.
 */
class ArchitectureTest {
    /** Every package is a slice of its own, so a cycle between any two packages fails. */
    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("io.faultline.(**)").should().beFreeOfCycles();
    private static final List<String> LIBRARIES = List.of("java..", "javax..", "com.fasterxml.jackson..", "io.vertx..",
            "com.hazelcast..", "org.bouncycastle..", "org.slf4j..", "org.yaml.snakeyaml..");

    /** This module's own classes: Maven runs tests in the module's directory. */
    private static final JavaClasses MAIN = new ClassFileImporter().importPath(Path.of("target/classes"));

    @Test
    void packagesFormNoCycles() {
        NO_PACKAGE_CYCLES.check(MAIN);
    }

    @Test
    void commonDependsOnlyOnItselfAndItsLibraries() {
        List<String> allowed = new ArrayList<>(LIBRARIES);
        MAIN.stream().map(JavaClass::getPackageName).distinct().forEach(allowed::add);
        classes().should().onlyDependOnClassesThat().resideInAnyPackage(allowed.toArray(String[]::new)).check(MAIN);
    }

    @Test
    void theCycleRuleFailsOnACycle() {
        JavaClasses cyclic = new ClassFileImporter().importPackages("io.faultline.architecture.cyclic");

        assertThat(NO_PACKAGE_CYCLES.evaluate(cyclic).hasViolation()).isTrue();
        assertThat(NO_PACKAGE_CYCLES.evaluate(cyclic).getFailureReport().toString()).contains("Cycle detected");
    }
}
