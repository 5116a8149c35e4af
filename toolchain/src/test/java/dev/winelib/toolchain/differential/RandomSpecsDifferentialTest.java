package dev.winelib.toolchain.differential;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import dev.winelib.toolchain.differential.Comparison.Outcome;

/** Random valid specs: winebuild's module and ours export the same things. */
@AddLifecycleHook(DifferentialTools.Needed.class)
class RandomSpecsDifferentialTest {

    private static Path work;
    private static WinebuildDifferential differential;

    @BeforeContainer
    static void setUp() throws Exception {
        work = Files.createTempDirectory("winebuild-j-differential");
        differential = new WinebuildDifferential(DifferentialTools.require(), work);
    }

    @AfterContainer
    static void tearDown() throws IOException {
        // best effort: jqwik's bounded shrinking can leave a try running in the background
        try {
            WinebuildDifferential.deleteTree(work);
        } catch (UncheckedIOException e) {
            System.err.println("could not delete " + work + ": " + e.getMessage());
        }
    }

    @Provide
    Arbitrary<RandomSpecs.Generated> specs() {
        return RandomSpecs.specs(25);
    }

    // each try is one winebuild run, three assemblies and two links (about 0.2 s)
    @Property(tries = 80)
    void sameExportsAsWinebuild(@ForAll("specs") RandomSpecs.Generated generated) throws IOException {
        Path spec = Files.createTempFile(work, "random", ".spec");
        try {
            Files.writeString(spec, generated.text(), StandardCharsets.ISO_8859_1);
            Comparison c = differential.compare(spec, generated.moduleName());
            assertThat(c.outcome()).as("%s%nspec:%n%s", c.report(), generated.text()).isEqualTo(Outcome.IDENTICAL);
        } finally {
            Files.delete(spec);
        }
    }
}
