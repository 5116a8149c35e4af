package dev.winelib.asm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.winelib.spec.ModuleSpec;
import dev.winelib.spec.SpecParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The text {@link ModuleAssemblyEmitter} writes. */
class ModuleAssemblyEmitterTest {

    static final ModuleOptions NO_ENTRY = ModuleOptions.dll(Optional.empty());
    static final ModuleAssemblyEmitter EMITTER = new ModuleAssemblyEmitter("winebuild-j test");

    static ModuleSpec spec(String text) {
        return SpecParser.parse("t.spec", text, Optional.empty());
    }

    static String emit(String specText) {
        return EMITTER.emit(spec(specText), NO_ENTRY);
    }

    static final String MIXED = """
            3 stdcall a()
            6 stdcall -noname b() kernel32.B
            8 stub c
            9 extern d other.d
            10 cdecl ??2@YAPAXI@Z(long)
            """;

    @ParameterizedTest
    @CsvSource({
        "hello.dll,2122948053",
        "empty.dll,707808514",
        "x.dll,2798537173",
        "'',2166136261",
        "a,84696446",
        "foobar,837857890",
    })
    void fileNameHashIsFnv1AsWinebuildWritesIt(String fileName, long unsigned) {
        // hello.dll and empty.dll were read from real winebuild output; "", "a" and "foobar" are FNV-1 test vectors.
        assertThat(Integer.toUnsignedLong(ModuleAssemblyEmitter.fileNameHash(fileName))).isEqualTo(unsigned);
    }

    @Test
    void fileNameHashSignExtendsHighBytesLikeWinebuildsSignedChar() {
        // winebuild XORs a (signed) char: 0xe9 enters as 0xffffffe9.
        int expected = (0x811c9dc5 * 16777619) ^ 0xffffffe9;
        assertThat(ModuleAssemblyEmitter.fileNameHash("\u00e9")).isEqualTo(expected);
    }

    @Test
    void sameInputGivesTheSameText() {
        ModuleSpec spec = spec(MIXED);
        String first = EMITTER.emit(spec, NO_ENTRY);
        assertThat(EMITTER.emit(spec, NO_ENTRY)).isEqualTo(first);
        assertThat(new ModuleAssemblyEmitter("winebuild-j test").emit(spec(MIXED), NO_ENTRY)).isEqualTo(first);
    }

    @Test
    void textDoesNotDependOnTheDefaultLocale() {
        StringBuilder big = new StringBuilder("1000 stdcall first()\n");
        for (int i = 0; i < 400; i++) {
            big.append("@ stdcall name_").append(i).append("()\n");
        }
        big.append("2999 stdcall -noname fw() kernel32.Last\n3000 stdcall last()\n");
        ModuleSpec spec = spec(big.toString());
        ModuleOptions options = new ModuleOptions(Optional.empty(), false, 2, 6, 2, 0x2022, 0x160, 1048576, 65536, false);
        String root = EMITTER.emit(spec, options);
        Locale saved = Locale.getDefault();
        try {
            for (Locale l : List.of(Locale.GERMANY, Locale.forLanguageTag("ar-EG"), Locale.forLanguageTag("hi-IN"))) {
                Locale.setDefault(l);
                assertThat(EMITTER.emit(spec, options)).as("in locale %s", l).isEqualTo(root);
            }
        } finally {
            Locale.setDefault(saved);
        }
        AsmListing listing = new AsmListing(root);
        assertThat(listing.exportDirectory().get(4)).isEqualTo("1000");
        assertThat(listing.exportDirectory().get(5)).isEqualTo("2001");
        assertThat(listing.statements()).contains(".quad 1073741824,4096", ".quad 67108864,4096");
        // Name offsets and ordinals beyond 999 are plain numbers.
        List<String> pointers = listing.after(".L__wine_spec_exp_name_ptrs", ".long");
        assertThat(pointers).hasSize(402).allMatch(p -> p.matches(
                "\\.L__wine_spec_exp_names \\+ \\d+ - \\.L__wine_spec_rva_base"));
        assertThat(listing.after(".L__wine_spec_exp_ordinals", ".short")).allMatch(s -> s.matches("\\d+"))
                .contains("2000");
    }

    @Test
    void headerReserveIsSkippedByAJumpInInit() {
        List<String> s = new AsmListing(emit("")).statements();
        int section = s.indexOf(".section \".init\",\"ax\"");
        assertThat(section).isNotNegative();
        assertThat(s.subList(section, section + 5))
                .containsExactly(".section \".init\",\"ax\"", "jmp 1f", "__wine_spec_pe_header:", ".skip 69632", "1:");
        assertThat(ModuleAssemblyEmitter.PE_HEADER_RESERVE).isEqualTo(69632);
    }

    @Test
    void ntHeaderIsGlobalAndStartsWithThePeSignature() {
        List<String> s = new AsmListing(emit("1 stdcall a()")).statements();
        int globl = s.indexOf(".globl __wine_spec_nt_header");
        assertThat(globl).isPositive();
        assertThat(s.subList(globl - 2, globl + 7)).containsExactly(".data", ".align 8", ".globl __wine_spec_nt_header",
                "__wine_spec_nt_header:", ".L__wine_spec_rva_base:", ".long 0x4550", ".short 0x8664", ".short 0",
                ".long 4158567049");
        assertThat(s).containsSubsequence(".long 16", ".long .L__wine_spec_exports - .L__wine_spec_rva_base",
                ".long .L__wine_spec_exports_end - .L__wine_spec_exports");
        assertThat(s.stream().filter(".long 0,0"::equals)).hasSize(15);
    }

    @Test
    void exportSlotsAreInOrdinalOrderWithZeroForHoles() {
        AsmListing listing = new AsmListing(emit(MIXED));
        assertThat(listing.after(".L__wine_spec_exports_funcs", ".quad")).containsExactly(
                "a", "0", "0", ".L__wine_spec_forwards+0", "0", "__wine_stub_c", ".L__wine_spec_forwards+11",
                "\"??2@YAPAXI@Z\"");
        assertThat(listing.exportDirectory()).containsExactly("0", "4158567049", "0",
                ".L__wine_spec_exp_names - .L__wine_spec_rva_base", "3", "8", "4",
                ".L__wine_spec_exports_funcs - .L__wine_spec_rva_base",
                ".L__wine_spec_exp_name_ptrs - .L__wine_spec_rva_base",
                ".L__wine_spec_exp_ordinals - .L__wine_spec_rva_base");
    }

    @Test
    void nameTableIsSortedWithOffsetsAndOrdinalsRelativeToTheBase() {
        AsmListing listing = new AsmListing(emit(MIXED));
        assertThat(listing.after(".L__wine_spec_exp_names", ".string"))
                .containsExactly("\"t.dll\"", "\"??2@YAPAXI@Z\"", "\"a\"", "\"c\"", "\"d\"");
        assertThat(listing.after(".L__wine_spec_exp_name_ptrs", ".long")).containsExactly(
                ".L__wine_spec_exp_names + 6 - .L__wine_spec_rva_base",
                ".L__wine_spec_exp_names + 19 - .L__wine_spec_rva_base",
                ".L__wine_spec_exp_names + 21 - .L__wine_spec_rva_base",
                ".L__wine_spec_exp_names + 23 - .L__wine_spec_rva_base");
        assertThat(listing.after(".L__wine_spec_exp_ordinals", ".short")).containsExactly("7", "0", "5", "6");
    }

    @Test
    void forwardsAreStringsAtTheirOffsets() {
        AsmListing listing = new AsmListing(emit("""
                1 stdcall f1() kernel32.GetTickCount
                2 stdcall local()
                3 extern f3 msvcrt._iob
                5 stdcall -noname @() ntdll.#12
                6 stub s
                7 stdcall f7(ptr) x.y
                """));
        assertThat(listing.after(".L__wine_spec_exports_funcs", ".quad")).containsExactly(
                ".L__wine_spec_forwards+0", "local", ".L__wine_spec_forwards+22", "0", ".L__wine_spec_forwards+34",
                "__wine_stub_s", ".L__wine_spec_forwards+44");
        assertThat(listing.after(".L__wine_spec_forwards", ".string"))
                .containsExactly("\"kernel32.GetTickCount\"", "\"msvcrt._iob\"", "\"ntdll.#12\"", "\"x.y\"");
        // The forward strings lie inside the export directory: that is how a loader tells them apart.
        List<String> s = listing.statements();
        assertThat(s.indexOf(".L__wine_spec_forwards:")).isLessThan(s.indexOf(".L__wine_spec_exports_end:"))
                .isGreaterThan(s.indexOf(".L__wine_spec_exports:"));
    }

    @Test
    void oddNumberOfNamesIsPaddedToFourBytes() {
        AsmListing one = new AsmListing(emit("1 stdcall a()"));
        assertThat(one.after(".L__wine_spec_exp_ordinals", ".short")).containsExactly("0", "0");
        assertThat(one.exportDirectory().get(6)).isEqualTo("1");
        AsmListing two = new AsmListing(emit("1 stdcall a()\n2 stdcall b()"));
        assertThat(two.after(".L__wine_spec_exp_ordinals", ".short")).containsExactly("0", "1");
    }

    @Test
    void emptySpecHasOneEmptySlotAndNoNameTable() {
        AsmListing listing = new AsmListing(EMITTER.emit(spec("").withFileName("empty.dll"), NO_ENTRY));
        assertThat(listing.exportDirectory()).containsExactly("0", "707808514", "0",
                ".L__wine_spec_exp_names - .L__wine_spec_rva_base", "1", "1", "0",
                ".L__wine_spec_exports_funcs - .L__wine_spec_rva_base", "0", "0");
        assertThat(listing.after(".L__wine_spec_exports_funcs", ".quad")).containsExactly("0");
        assertThat(listing.after(".L__wine_spec_exp_names", ".string")).containsExactly("\"empty.dll\"");
        assertThat(listing.hasLabel(".L__wine_spec_exp_name_ptrs")).isFalse();
        assertThat(listing.hasLabel(".L__wine_spec_exp_ordinals")).isFalse();
        assertThat(listing.hasLabel(".L__wine_spec_forwards")).isFalse();
        assertThat(listing.statements()).doesNotContain(".text", "ud2");
    }

    @Test
    void stubsGetAFunctionEach() {
        String asm = EMITTER.emit(spec("""
                1 stub a
                2 stub ??3@Z
                3 stub @
                4 stub -noname hidden(long)
                5 stdcall real()
                """).withFileName("my-lib.drv"), NO_ENTRY);
        AsmListing listing = new AsmListing(asm);
        assertThat(listing.after(".L__wine_spec_exports_funcs", ".quad")).containsExactly("__wine_stub_a",
                "__wine_stub_my_lib_drv_2", "__wine_stub_my_lib_drv_3", "__wine_stub_hidden", "real");
        List<String> s = listing.statements();
        for (String stub : List.of("__wine_stub_a", "__wine_stub_my_lib_drv_2", "__wine_stub_my_lib_drv_3",
                "__wine_stub_hidden")) {
            int at = s.indexOf(stub + ":");
            assertThat(at).as(stub).isPositive();
            assertThat(s.subList(at - 2, at + 3)).containsExactly(".align 4", ".type " + stub + ",@function", stub + ":",
                    "ud2", ".size " + stub + ", .-" + stub);
            assertThat(s).doesNotContain(".globl " + stub);
        }
        assertThat(s).containsSubsequence(".text", "__wine_stub_a:", "__wine_stub_hidden:", ".data",
                ".L__wine_spec_exports:");
    }

    @Test
    void stubSymbolNames() {
        ModuleSpec spec = spec("1 stub Plain_Name9\n2 stub ??3@Z\n3 stub @\n4 stub a-b\n5 stub -noname n");
        assertThat(spec.entries()).extracting(e -> ModuleAssemblyEmitter.stubSymbol(e, spec)).containsExactly(
                "__wine_stub_Plain_Name9", "__wine_stub_t_dll_2", "__wine_stub_t_dll_3", "__wine_stub_t_dll_4",
                "__wine_stub_n");
    }

    @Test
    void noEntryPointWritesZero() {
        List<String> s = new AsmListing(emit("1 stdcall a()")).statements();
        assertThat(s).containsSubsequence(".long 0", ".quad 0", ".quad __wine_spec_pe_header");
        assertThat(s).noneMatch(l -> l.startsWith(".weak") || l.startsWith(".hidden"));
    }

    @Test
    void entryPoint() {
        List<String> s = new AsmListing(EMITTER.emit(spec(""), ModuleOptions.dll(Optional.of("DllMain")))).statements();
        int at = s.indexOf(".quad DllMain");
        assertThat(at).isPositive();
        assertThat(s.get(at + 1)).isEqualTo(".quad __wine_spec_pe_header");
        assertThat(s).noneMatch(l -> l.startsWith(".weak") || l.startsWith(".hidden"));
    }

    @Test
    void optionalEntryPointIsAHiddenWeakReference() {
        List<String> s = new AsmListing(EMITTER.emit(spec(""), ModuleOptions.dllWithOptionalEntry("DllMain")))
                .statements();
        int at = s.indexOf(".quad DllMain");
        assertThat(s.subList(at - 2, at + 1)).containsExactly(".weak DllMain", ".hidden DllMain", ".quad DllMain");
    }

    @Test
    void entryPointIsQuotedOrRefusedLikeAnySymbol() {
        assertThat(new AsmListing(EMITTER.emit(spec(""), ModuleOptions.dllWithOptionalEntry("??0@Z"))).statements())
                .containsSubsequence(".weak \"??0@Z\"", ".hidden \"??0@Z\"", ".quad \"??0@Z\"");
        assertThatThrownBy(() -> EMITTER.emit(spec(""), ModuleOptions.dll(Optional.of("bad name"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dllDefaults() {
        ModuleOptions o = ModuleOptions.dll(Optional.empty());
        assertThat(o).isEqualTo(new ModuleOptions(Optional.empty(), false, 3, 4, 0, 0x2102, 0x100, 1024, 1024, false));
        assertThat(ModuleOptions.dllWithOptionalEntry("X"))
                .isEqualTo(new ModuleOptions(Optional.of("X"), true, 3, 4, 0, 0x2102, 0x100, 1024, 1024, false));
        assertThatThrownBy(() -> new ModuleOptions(null, false, 3, 4, 0, 0, 0, 0, 0, false))
                .isInstanceOf(NullPointerException.class);
        List<String> s = new AsmListing(emit("")).statements();
        assertThat(s).containsSubsequence(".short 240", ".short 0x2102", ".short 0x020b", ".long 4096", ".long 4096",
                ".short 1,0", ".short 0,0", ".short 4,0", ".long 0", ".long _end - .L__wine_spec_rva_base",
                ".long 4096", ".long 0", ".short 0x0003", ".short 0x0100", ".quad 1048576,4096", ".quad 1048576,4096");
    }

    @Test
    void customOptions() {
        ModuleOptions o = new ModuleOptions(Optional.empty(), false, ModuleOptions.SUBSYSTEM_WINDOWS_GUI, 6, 2,
                0x0022, 0x8160, 2048, 64, false);
        List<String> s = new AsmListing(EMITTER.emit(spec(""), o)).statements();
        assertThat(s).containsSubsequence(".short 0x0022", ".short 6,2", ".short 0x0002", ".short 0x8160",
                ".quad 2097152,4096", ".quad 65536,4096");
    }

    @Test
    void commentsCannotBeClosedByInput() {
        ModuleAssemblyEmitter emitter = new ModuleAssemblyEmitter("evil */ .globl x /*");
        String asm = emitter.emit(SpecParser.parse("dir/caf\u00e9 */.spec", "", Optional.of("ok.dll")), NO_ENTRY);
        String first = asm.lines().findFirst().orElseThrow();
        assertThat(first).isEqualTo("/* Generated by evil * / .globl x /* from dir/caf? *?/.spec; do not edit. */");
        assertThat(new AsmListing(asm).statements()).doesNotContain(".globl x");
    }

    @Test
    void generatorAndSourceAreNamedInTheFirstLine() {
        assertThat(emit("").lines().findFirst()).contains("/* Generated by winebuild-j test from t.spec; do not edit. */");
    }

    @Test
    void endsWithANonExecutableStackNote() {
        List<String> s = new AsmListing(emit(MIXED)).statements().stream().filter(l -> !l.isEmpty()).toList();
        assertThat(s.get(s.size() - 1)).isEqualTo(".section .note.GNU-stack,\"\",@progbits");
    }
}
