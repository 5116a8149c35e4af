package dev.winelib.toolchain.differential;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.winelib.toolchain.differential.Comparison.Outcome;

/**
 * Hand-written specs, one construct family each, built by winebuild and by winebuild-j: the modules Wine's
 * loader would see export the same things; malformed specs are refused by both, on the same line.
 */
class HandWrittenSpecsTest {

    @TempDir
    static Path work;

    static WinebuildDifferential differential;

    @BeforeAll
    static void tools() throws Exception {
        differential = new WinebuildDifferential(DifferentialTools.require(), work);
    }

    static List<Path> valid() {
        return SpecResources.specs("valid");
    }

    static List<Path> malformed() {
        return SpecResources.specs("malformed");
    }

    static List<Path> notAssemblable() {
        return SpecResources.specs("winebuild-not-assemblable");
    }

    static List<Path> deliberatelyStricter() {
        return SpecResources.specs("deliberately-stricter");
    }

    private static Path validSpec(String name) {
        return valid().stream().filter(p -> p.getFileName().toString().equals(name)).findFirst().orElseThrow();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void sameExportsAsWinebuild(Path spec) {
        Comparison c = differential.compare(spec, SpecResources.moduleName(spec));
        assertThat(c.outcome()).as(c.report()).isEqualTo(Outcome.IDENTICAL);
        assertThat(c.ourView()).isPresent();
    }

    @ParameterizedTest(name = "-F {0}")
    @ValueSource(strings = {"names.dll", "names", "NAMES.DLL", "names.drv", "names.exe", "x.y.z", "My-Lib_2",
        "a", "wine.combase.test"})
    void sameModuleNameAndStubNamesForEveryModuleName(String moduleName) {
        // unnamed and -noname stubs are named after the module (__wine_stub_names_dll_5)
        Comparison c = differential.compare(validSpec("stubs.spec"), moduleName);
        assertThat(c.outcome()).as(c.report()).isEqualTo(Outcome.IDENTICAL);
        assertThat(c.ourView().orElseThrow().dllName()).hasValue(moduleName.contains(".") ? moduleName
                : moduleName + ".dll");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"empty.spec", "zero-bytes.spec"})
    void specWithoutEntriesStillHasOneEmptySlot(String name) {
        Comparison c = differential.compare(validSpec(name), "empty.dll");
        assertThat(c.outcome()).as(c.report()).isEqualTo(Outcome.IDENTICAL);
        ExportView view = c.winebuildView().orElseThrow();
        assertThat(view.ordinalBase()).isEqualTo(1);
        assertThat(view.slotCount()).isEqualTo(1);
        assertThat(view.slots()).isEmpty();
        assertThat(view.nameTable()).isEmpty();
    }

    @Test
    void nameTableIsInByteOrder() {
        Comparison c = differential.compare(validSpec("name-order.spec"), "name-order.dll");
        assertThat(c.outcome()).as(c.report()).isEqualTo(Outcome.IDENTICAL);
        assertThat(c.winebuildView().orElseThrow().nameTable()).containsExactly("$x", "/x", "10", "9", ":x", "<x>",
                "?x", "@x", "A", "Ab", "B", "Z", "__", "_a", "a", "aB", "aa", "b", "x@", "z");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refusedByBothOnTheSameLine(Path spec) {
        Comparison c = differential.compare(spec, SpecResources.moduleName(spec));
        assertThat(c.outcome()).as(c.report()).isEqualTo(Outcome.BOTH_REJECTED);
        int expected = SpecResources.rejectedAtLine(spec).orElseThrow(() -> new AssertionError(spec
                + " has no '# differential: rejected at line N' directive"));
        assertThat(c.winebuildLine()).as("winebuild's line\n%s", c.report()).isEqualTo(OptionalInt.of(expected));
        assertThat(c.ourLine()).as("our line\n%s", c.report()).isEqualTo(OptionalInt.of(expected));
    }

    /**
     * Specs winebuild accepts but writes assembly for that gcc refuses: the outcome is reported as such
     * (never as a pass), and ours builds, unless the spec says it cannot.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("notAssemblable")
    void winebuildOutputThatDoesNotAssembleIsReportedAsSuch(Path spec) {
        Comparison c = differential.compare(spec, SpecResources.moduleName(spec));
        assertThat(c.outcome()).as(c.report()).isEqualTo(Outcome.WINEBUILD_OUTPUT_NOT_ASSEMBLABLE);
        assertThat(c.details()).contains("gcc cannot assemble winebuild's output");
        if (SpecResources.ourModuleCannotBeLinked(spec)) {
            assertThat(c.ourView()).as(c.report()).isEmpty();
            assertThat(c.details()).contains("winebuild-j's module could not be built either");
        } else {
            assertThat(c.ourView()).as(c.report()).isPresent();
        }
    }

    /**
     * Specs winebuild accepts and winebuild-j refuses on purpose (link names the assembler cannot take or
     * reads as a register, forwards without a DLL or a function, an ordinal that overflows winebuild's
     * atoi): the harness sees them as ONLY_WE_REJECT, which these tests pin down.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("deliberatelyStricter")
    void refusedOnlyByUsOnPurpose(Path spec) {
        Comparison c = differential.compare(spec, SpecResources.moduleName(spec));
        assertThat(c.outcome()).as(c.report()).isEqualTo(Outcome.ONLY_WE_REJECT);
        assertThat(c.ourLine()).isEqualTo(OptionalInt.of(2));
    }
}
