package dev.winelib.toolchain.differential;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import dev.winelib.asm.ModuleImports;
import dev.winelib.spec.ModuleSpec;
import dev.winelib.spec.SpecParser;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Random specs, with and without imports: the in-process object and GNU as's give the same DLL. */
@AddLifecycleHook(DifferentialTools.Needed.class)
class RandomSpecsAssembledFormsTest {

    private static Path work;
    private static AssembledFormsDifferential differential;

    @BeforeContainer
    static void setUp() throws Exception {
        work = Files.createTempDirectory("winebuild-j-forms");
        differential = new AssembledFormsDifferential(DifferentialTools.require(), work);
    }

    @AfterContainer
    static void tearDown() {
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

    @Provide
    Arbitrary<ModuleImports> imports() {
        return Arbitraries.of(ModuleImports.none(), AssembledFormsDifferentialTest.mixed(),
                AssembledFormsDifferentialTest.imports(true, 1, 3), AssembledFormsDifferentialTest.imports(false, 2, 40));
    }

    // each try is one assembly with gcc and two links (about 0.1 s)
    @Property(tries = 40)
    void sameDllFromBothForms(@ForAll("specs") RandomSpecs.Generated generated, @ForAll("imports") ModuleImports imports,
            @ForAll boolean buildOptions) throws Exception {
        ModuleSpec spec = SpecParser.parse("random.spec", generated.text(), Optional.of(generated.moduleName()));
        AssembledFormsDifferential.Result r = differential.compare(spec,
                AssembledFormsDifferentialTest.options(buildOptions), imports);
        assertThat(r.identical()).as("%s%nspec:%n%s", r.report(), generated.text()).isTrue();
    }
}
