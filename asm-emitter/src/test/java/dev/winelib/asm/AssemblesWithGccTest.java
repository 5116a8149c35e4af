package dev.winelib.asm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import dev.winelib.spec.EntryType;
import dev.winelib.spec.ExportEntry;
import dev.winelib.spec.ModuleSpec;
import dev.winelib.spec.SpecParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The emitted text goes through the real assembler, and the object file holds the export table the spec
 * describes: read back from {@code .data} and its relocations, not from the text.
 */
class AssemblesWithGccTest {

    @TempDir
    Path dir;

    static final ModuleAssemblyEmitter EMITTER = new ModuleAssemblyEmitter("winebuild-j test");

    static List<Arguments> specs() {
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            big.append(i % 7 == 0 ? "@ stub s" + i + "\n" : i % 5 == 0 ? "@ stdcall f" + i + "() dll" + i + ".g\n"
                    : "@ cdecl f" + i + "(ptr)\n");
        }
        big.append("1000 stdcall -noname hidden() ntdll.#1000\n");
        return List.of(
                Arguments.of("holes", "3 stdcall a()\n7 cdecl b(ptr)\n@ stub c\n12 extern d\n"),
                Arguments.of("forwards", """
                        1 stdcall f1() kernel32.GetTickCount
                        2 stdcall local()
                        3 extern f3 msvcrt._iob
                        5 stdcall -noname @() ntdll.#12
                        7 stdcall f7(ptr) x.y
                        """),
                Arguments.of("stubs", "1 stub a\n2 stub ??3@Z\n3 stub @\n4 stub -noname hidden(long)\n5 stub b(ptr)\n"),
                Arguments.of("noname", "1 stdcall -noname a()\n2 stdcall b()\n3 stdcall -noname @() impl\n"
                        + "4 extern -noname v\n"),
                Arguments.of("empty", ""),
                Arguments.of("quoted symbols", """
                        @ cdecl ??2@YAPAXI@Z(long)
                        @ cdecl ??3@YAXPAX@Z(ptr)
                        10 stdcall -noname ??_U@YAPAXI@Z(long) ??_U@YAPAXI@Z
                        11 stdcall -noname @(long) ??_V@YAXPAX@Z
                        12 stdcall a-b()
                        13 stdcall <x>()
                        14 stdcall 1foo()
                        15 stdcall $foo()
                        16 stdcall rax()
                        17 stdcall f17() a#b
                        18 stdcall f18() a;b
                        19 stdcall f19() a,b:c
                        20 stdcall f20() a'b`c~!{}[]|=+*&^
                        21 extern f21 $
                        22 stdcall f22() 0
                        """),
                Arguments.of("one name (odd ordinal table)", "5 stdcall only()\n"),
                Arguments.of("flags", "1 stdcall -private -norelay a()\n2 cdecl -ordinal b()\n3 varargs c(str)\n"),
                Arguments.of("highest ordinal", "65534 stdcall last()\n"),
                Arguments.of("many", big.toString()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void assembledExportTableMatchesTheSpec(String what, String text) throws IOException {
        ModuleSpec spec = SpecParser.parse("t.spec", text, Optional.empty());
        AssembledModule m = AssembledModule.assemble(dir, "t", EMITTER.emit(spec, ModuleOptions.dll(Optional.empty())));

        assertThat(m.exports()).isEqualTo(AssembledModule.expected(spec));
        checkObjectLayout(m, spec, ModuleOptions.dll(Optional.empty()));
        // no entry point: the field stays 0, with nothing to relocate
        assertThat(m.relocationAt(40)).isEmpty();
        assertThat(m.u64(40)).isZero();
    }

    /** What every module object must look like, whatever its spec. */
    static void checkObjectLayout(AssembledModule m, ModuleSpec spec, ModuleOptions options) {
        ElfObject elf = m.elf;
        // The header reserve: a 5-byte jump over 0x11000 bytes, in an executable .init.
        ElfObject.Section init = elf.section(".init").orElseThrow();
        assertThat(init.flags() & (ElfObject.SHF_ALLOC | ElfObject.SHF_EXECINSTR))
                .isEqualTo(ElfObject.SHF_ALLOC | ElfObject.SHF_EXECINSTR);
        assertThat(init.size()).isEqualTo(5 + 0x11000);
        byte[] code = elf.contents(init);
        assertThat(new byte[] {code[0], code[1], code[2], code[3], code[4]})
                .containsExactly(0xe9, 0x00, 0x10, 0x01, 0x00);
        ElfObject.Symbol peHeader = elf.symbol("__wine_spec_pe_header").orElseThrow();
        assertThat(peHeader.bind()).isEqualTo(ElfObject.STB_LOCAL);
        assertThat(elf.sectionAt(peHeader.sectionIndex()).name()).isEqualTo(".init");
        assertThat(peHeader.value()).isEqualTo(5);

        // NT header
        assertThat(m.u32(0)).isEqualTo(0x4550);
        assertThat(m.u16(4)).isEqualTo(0x8664);
        assertThat(m.u32(8)).isEqualTo(Integer.toUnsignedLong(ModuleAssemblyEmitter.fileNameHash(spec.fileName())));
        assertThat(m.u16(20)).isEqualTo(240);
        assertThat(m.u16(24)).isEqualTo(0x20b);
        assertThat(m.u32(132)).isEqualTo(16);
        for (int directory = 1; directory < 16; directory++) {
            assertThat(m.u64(136 + 8L * directory)).as("data directory %d", directory).isZero();
        }
        // ImageBase is the header reserve; SizeOfImage runs to _end.
        ElfObject.Relocation imageBase = m.relocationAt(48).orElseThrow();
        assertThat(imageBase.type()).isEqualTo(ElfObject.R_X86_64_64);
        assertThat(resolvedSection(elf, imageBase)).isEqualTo(".init");
        assertThat(resolvedAddress(imageBase)).isEqualTo(5);
        ElfObject.Relocation sizeOfImage = m.relocationAt(80).orElseThrow();
        assertThat(sizeOfImage.symbol().name()).isEqualTo("_end");
        assertThat(sizeOfImage.type()).isEqualTo(2); // R_X86_64_PC32: _end - header
        assertThat(sizeOfImage.addend()).isEqualTo(80);

        // Export directory: everything a loader reads by RVA lies inside it.
        long exportRva = m.exportRva();
        long exportEnd = exportRva + m.exportSize();
        assertThat(exportRva % 4).isZero();
        assertThat(m.exportSize()).isGreaterThanOrEqualTo(40);
        assertThat(exportEnd).isLessThanOrEqualTo(m.dataSection.size() - m.nt);
        for (long field : new long[] {12, 28, 32, 36}) {
            long rva = m.u32(exportRva + field);
            if (rva != 0) {
                assertThat(rva).as("export field at +%d", field).isBetween(exportRva, exportEnd - 1);
            }
        }

        // Symbols: only the NT header is defined globally; the undefined ones are the targets and _end.
        Set<String> globalDefined = elf.symbols().stream()
                .filter(s -> s.defined() && s.bind() != ElfObject.STB_LOCAL).map(ElfObject.Symbol::name)
                .collect(Collectors.toSet());
        assertThat(globalDefined).containsExactly("__wine_spec_nt_header");
        Set<String> expectedUndefined = new TreeSet<>(Set.of("_end"));
        options.entryPoint().ifPresent(expectedUndefined::add);
        for (ExportEntry e : spec.entries()) {
            if (!e.forward() && e.type() != EntryType.STUB) {
                expectedUndefined.add(e.target());
            }
        }
        Set<String> undefined = elf.symbols().stream().filter(s -> !s.defined() && !s.name().isEmpty())
                .map(ElfObject.Symbol::name).collect(Collectors.toCollection(TreeSet::new));
        assertThat(undefined).isEqualTo(expectedUndefined);

        // Stubs: local 2-byte functions that trap (ud2), 4-byte aligned in .text.
        Set<String> stubs = new HashSet<>();
        for (ExportEntry e : spec.entries()) {
            if (e.type() == EntryType.STUB) {
                stubs.add(ModuleAssemblyEmitter.stubSymbol(e, spec));
            }
        }
        List<ElfObject.Symbol> functions = elf.symbols().stream().filter(s -> s.type() == ElfObject.STT_FUNC).toList();
        assertThat(functions).extracting(ElfObject.Symbol::name).containsExactlyInAnyOrderElementsOf(stubs);
        if (!stubs.isEmpty()) {
            ElfObject.Section text = elf.section(".text").orElseThrow();
            byte[] bytes = elf.contents(text);
            for (ElfObject.Symbol f : functions) {
                assertThat(f.bind()).isEqualTo(ElfObject.STB_LOCAL);
                assertThat(f.sectionIndex()).isEqualTo(text.index());
                assertThat(f.size()).isEqualTo(2);
                assertThat(f.value() % 4).isZero();
                assertThat(new byte[] {bytes[(int) f.value()], bytes[(int) f.value() + 1]}).containsExactly(0x0f, 0x0b);
            }
        }
        assertThat(elf.section(".note.GNU-stack")).isPresent();
    }

    private static String resolvedSection(ElfObject elf, ElfObject.Relocation r) {
        return elf.sectionAt(r.symbol().sectionIndex()).name();
    }

    private static long resolvedAddress(ElfObject.Relocation r) {
        return (r.symbol().type() == ElfObject.STT_SECTION ? 0 : r.symbol().value()) + r.addend();
    }

    @Test
    void entryPointIsAnAbsoluteReference() throws IOException {
        ModuleSpec spec = SpecParser.parse("t.spec", "1 stdcall a()", Optional.empty());
        AssembledModule m = AssembledModule.assemble(dir, "entry", EMITTER.emit(spec,
                ModuleOptions.dll(Optional.of("DllMain"))));
        ElfObject.Relocation r = m.relocationAt(40).orElseThrow();
        assertThat(r.type()).isEqualTo(ElfObject.R_X86_64_64);
        assertThat(r.symbol().name()).isEqualTo("DllMain");
        assertThat(r.symbol().bind()).isEqualTo(ElfObject.STB_GLOBAL);
        assertThat(r.symbol().defined()).isFalse();
    }

    @Test
    void optionalEntryPointIsAHiddenWeakUndefinedSymbol() throws IOException {
        ModuleSpec spec = SpecParser.parse("t.spec", "", Optional.empty());
        AssembledModule m = AssembledModule.assemble(dir, "weak", EMITTER.emit(spec,
                ModuleOptions.dllWithOptionalEntry("??0Entry@@")));
        ElfObject.Relocation r = m.relocationAt(40).orElseThrow();
        assertThat(r.symbol().name()).isEqualTo("??0Entry@@");
        assertThat(r.symbol().bind()).isEqualTo(ElfObject.STB_WEAK);
        assertThat(r.symbol().visibility()).isEqualTo(ElfObject.STV_HIDDEN);
        assertThat(r.symbol().defined()).isFalse();
    }

    @Test
    void headerFieldsFromOptions() throws IOException {
        ModuleSpec spec = SpecParser.parse("t.spec", "", Optional.of("gui.exe"));
        ModuleOptions o = new ModuleOptions(Optional.empty(), false, ModuleOptions.SUBSYSTEM_WINDOWS_GUI, 6, 2,
                0x0022, 0x8160, 2048, 64, false);
        AssembledModule m = AssembledModule.assemble(dir, "gui", EMITTER.emit(spec, o));
        assertThat(m.u16(22)).isEqualTo(0x0022);
        assertThat(m.u16(72)).isEqualTo(6);
        assertThat(m.u16(74)).isEqualTo(2);
        assertThat(m.u16(92)).isEqualTo(2);
        assertThat(m.u16(94)).isEqualTo(0x8160);
        assertThat(m.u64(96)).isEqualTo(2048 * 1024);
        assertThat(m.u64(104)).isEqualTo(4096);
        assertThat(m.u64(112)).isEqualTo(64 * 1024);
        assertThat(m.u64(120)).isEqualTo(4096);
        assertThat(m.u32(56)).isEqualTo(4096);
        assertThat(m.u32(84)).isEqualTo(4096);
        assertThat(m.exports().moduleName()).isEqualTo("gui.exe");
    }

    @Test
    void dllDefaultHeaderFields() throws IOException {
        ModuleSpec spec = SpecParser.parse("t.spec", "", Optional.empty());
        AssembledModule m = AssembledModule.assemble(dir, "dll", EMITTER.emit(spec, ModuleOptions.dll(Optional.empty())));
        assertThat(m.u16(22)).isEqualTo(0x2102);
        assertThat(m.u16(92)).isEqualTo(3);
        assertThat(m.u16(94)).isEqualTo(0x0100);
        assertThat(m.u64(96)).isEqualTo(1024 * 1024);
        assertThat(m.u64(112)).isEqualTo(1024 * 1024);
        assertThat(m.u16(64)).isEqualTo(1);
        assertThat(m.u16(72)).isEqualTo(4);
    }
}
