package dev.winelib.asm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Optional;

import dev.winelib.spec.ModuleSpec;
import dev.winelib.spec.SpecParser;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Random specs go through the assembler and come out as the export table they describe. */
@AddLifecycleHook(ExternalTools.NeedsGcc.class)
class RandomSpecsAssembleTest {

    private static final ModuleAssemblyEmitter EMITTER = new ModuleAssemblyEmitter("winebuild-j test");
    private static PropertyDirectory dir;

    @BeforeContainer
    static void createDirectory() {
        dir = new PropertyDirectory("winebuild-j-gcc");
    }

    @AfterContainer
    static void deleteDirectory() throws IOException {
        dir.close();
    }

    @Provide
    Arbitrary<String> specs() {
        return GeneratedSpecs.specs(30);
    }

    @Property(tries = 40)
    void assembledExportTableMatchesTheSpec(@ForAll("specs") String specText) throws IOException {
        ModuleSpec spec = SpecParser.parse("t.spec", specText, Optional.empty());
        ModuleOptions options = ModuleOptions.dllWithOptionalEntry("DllMain");
        AssembledModule m = AssembledModule.assemble(dir.path, "t", EMITTER.emit(spec, options));
        assertThat(m.exports()).as("spec:%n%s", specText).isEqualTo(AssembledModule.expected(spec));
        AssemblesWithGccTest.checkObjectLayout(m, spec, options);
    }
}
