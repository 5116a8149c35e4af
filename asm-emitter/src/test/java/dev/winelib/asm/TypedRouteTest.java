package dev.winelib.asm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import dev.winelib.asm.elf.AssemblyWriter;
import dev.winelib.asm.elf.ElfAssembler;
import dev.winelib.resources.ResourceTable;
import dev.winelib.spec.ModuleSpec;
import dev.winelib.spec.SpecParser;
import dev.winelib.spec.TargetCpu;

/**
 * The two routes from a spec to an object give the same bytes: the text route (the assembly text,
 * whole or streamed as text into an {@link AssemblyWriter}) and the typed route (the emitter handing
 * the export tables and relay thunks to the assembler as typed statements, no text written).
 */
class TypedRouteTest {

    private static final ModuleAssemblyEmitter EMITTER = new ModuleAssemblyEmitter("winebuild-j test");

    /** Every kind of export slot the typed tables write, and thunks of every i386 convention. */
    static final String EVERY_KIND = """
            1 stdcall First(long ptr)
            2 cdecl Second(str wstr double float int64 int128)
            4 varargs Third(long)
            5 extern Variable
            6 stub Stubbed
            7 stub StubbedWithArgs(long ptr)
            8 stdcall Forwarded(long) other.Target
            9 stdcall -noname Unnamed(ptr)
            10 stdcall -norelay NotTraced(long)
            11 stdcall -import FromImport(long)
            12 thiscall Method(ptr long)
            13 stdcall -fastcall Fast(long long long)
            14 stdcall -ret64 Wide(int64)
            15 cdecl ??2@YAPAXI@Z(long) ??2@YAPAXI@Z
            16 extern Forward2 kernel32.#12
            @ stdcall Later(long ptr long ptr long)
            20 cdecl Last()
            """;

    @Test
    void everyKindOfExportGivesTheSameObjectBothWays() {
        for (TargetCpu cpu : TargetCpu.values()) {
            ModuleSpec spec = SpecParser.parse("kinds.spec", EVERY_KIND, Optional.empty(), cpu);
            assertSameObject(spec, ModuleOptions.dllWithOptionalEntry("DllMain").withStubRuntime());
            assertSameObject(spec, ModuleOptions.dll(Optional.empty()));
        }
    }

    @Test
    void aLargeSpecGivesTheSameObjectBothWays() {
        String text = GeneratedSpecs.stdcallFunctions(5000);
        for (TargetCpu cpu : TargetCpu.values()) {
            assertSameObject(SpecParser.parse("large.spec", text, Optional.empty(), cpu),
                    ModuleOptions.dll(Optional.empty()));
        }
    }

    @Provide
    Arbitrary<String> specs() {
        return GeneratedSpecs.specs(40);
    }

    @Property(tries = 60)
    void randomSpecsGiveTheSameObjectBothWays(@ForAll("specs") String specText) {
        for (TargetCpu cpu : TargetCpu.values()) {
            ModuleSpec spec = SpecParser.parse("t.spec", specText, Optional.empty(), cpu);
            assertSameObject(spec, ModuleOptions.dllWithOptionalEntry("DllMain").withStubRuntime());
        }
    }

    private static void assertSameObject(ModuleSpec spec, ModuleOptions options) {
        String text = EMITTER.emit(spec, options);
        byte[] whole = ElfAssembler.assemble(text, spec.cpu());
        AssemblyWriter typed = new AssemblyWriter(spec.cpu());
        assertThat(typed.typed()).isTrue();
        EMITTER.emit(spec, options, ModuleImports.none(), ResourceTable.empty(), typed);
        AssemblyWriter streamedText = new AssemblyWriter(spec.cpu(), false);
        EMITTER.emit(spec, options, ModuleImports.none(), ResourceTable.empty(), streamedText);
        assertThat(typed.object()).as("typed route, %s, spec:%n%s", spec.cpu(), text).isEqualTo(whole);
        assertThat(streamedText.object()).as("streamed text, %s", spec.cpu()).isEqualTo(whole);
    }
}
