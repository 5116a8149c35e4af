package dev.winelib.asm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import dev.winelib.asm.elf.AssembledObject;
import dev.winelib.asm.elf.AssemblyWriter;
import dev.winelib.asm.elf.ElfAssembler;
import dev.winelib.asm.elf.RelocatableMerger;
import dev.winelib.resources.ResourceTable;
import dev.winelib.spec.ModuleSpec;
import dev.winelib.spec.SpecParser;
import dev.winelib.spec.TargetCpu;

/**
 * A module object handed to the in-process merge as the assembler made it
 * ({@link RelocatableMerger.Input#of}) merges into the same bytes as the object written and read
 * back, and it writes the same bytes as the assembler's object.
 */
class AssembledMergeTest {

    private static final ModuleAssemblyEmitter EMITTER = new ModuleAssemblyEmitter("winebuild-j test");

    /**
     * A second object as a runtime object is: it defines symbols the module references (an export, the
     * entry point), has locals, references the module's symbols and has relocations against its sections.
     */
    private static final String OTHER = """
            .text
            .globl First, DllMain, f1
            .type First,@function
            First:
                ret
            DllMain:
                nop
            f1:
                ret
            helper:
                ret
            .data
            .align 8
            table:
            .long helper - First
            .long __wine_spec_nt_header
            .long table
            .section .rodata
            .string "other"
            """;

    @Test
    void everyKindOfExportMergesTheSameBothWays() throws Exception {
        for (TargetCpu cpu : TargetCpu.values()) {
            ModuleSpec spec = SpecParser.parse("kinds.spec", TypedRouteTest.EVERY_KIND, Optional.empty(), cpu);
            assertSameMerge(spec, ModuleOptions.dllWithOptionalEntry("DllMain").withStubRuntime());
            assertSameMerge(spec, ModuleOptions.dll(Optional.empty()));
        }
    }

    @Test
    void aLargeSpecMergesTheSameBothWays() throws Exception {
        String text = GeneratedSpecs.stdcallFunctions(3000);
        for (TargetCpu cpu : TargetCpu.values()) {
            assertSameMerge(SpecParser.parse("large.spec", text, Optional.empty(), cpu),
                    ModuleOptions.dll(Optional.empty()));
        }
    }

    @Provide
    Arbitrary<String> specs() {
        return GeneratedSpecs.specs(40);
    }

    @Property(tries = 30)
    void randomSpecsMergeTheSameBothWays(@ForAll("specs") String specText) throws Exception {
        for (TargetCpu cpu : TargetCpu.values()) {
            ModuleSpec spec = SpecParser.parse("t.spec", specText, Optional.empty(), cpu);
            assertSameMerge(spec, ModuleOptions.dllWithOptionalEntry("DllMain").withStubRuntime());
        }
    }

    @Test
    void aNameOutsideAsciiIsMergedFromTheBytes() throws Exception {
        AssemblyWriter writer = new AssemblyWriter(TargetCpu.X86_64);
        writer.write(".text\n.globl \"caf\\351\"\n\"caf\\351\":\n    ret\n");
        AssembledObject object = writer.assembled();
        RelocatableMerger.Input input = RelocatableMerger.Input.of("café.o", object);
        assertThat(input.assembled()).isNull();
        assertThat(input.bytes()).isEqualTo(object.bytes());
    }

    private static void assertSameMerge(ModuleSpec spec, ModuleOptions options) throws Exception {
        AssemblyWriter writer = new AssemblyWriter(spec.cpu());
        EMITTER.emit(spec, options, ModuleImports.none(), ResourceTable.empty(), writer);
        AssembledObject module = writer.assembled();
        byte[] bytes = module.bytes();
        assertThat(bytes).as("the object's bytes, %s", spec.cpu())
                .isEqualTo(ElfAssembler.assemble(EMITTER.emit(spec, options), spec.cpu()));
        byte[] other = ElfAssembler.assemble(OTHER, spec.cpu());
        byte[] fromBytes = RelocatableMerger.merge(List.of(new RelocatableMerger.Input("module.o", bytes),
                new RelocatableMerger.Input("other.o", other)));
        byte[] fromAssembled = RelocatableMerger.merge(List.of(RelocatableMerger.Input.of("module.o", module),
                new RelocatableMerger.Input("other.o", other)));
        assertThat(fromAssembled).as("merged, %s", spec.cpu()).isEqualTo(fromBytes);
        // the assembled object as the second input too
        AssemblyWriter otherWriter = new AssemblyWriter(spec.cpu());
        otherWriter.write(OTHER);
        byte[] otherFirst = RelocatableMerger.merge(List.of(new RelocatableMerger.Input("other.o", other),
                new RelocatableMerger.Input("module.o", bytes)));
        assertThat(RelocatableMerger.merge(List.of(RelocatableMerger.Input.of("other.o", otherWriter.assembled()),
                RelocatableMerger.Input.of("module.o", module)))).as("merged in the other order, %s", spec.cpu())
                .isEqualTo(otherFirst);
    }
}
