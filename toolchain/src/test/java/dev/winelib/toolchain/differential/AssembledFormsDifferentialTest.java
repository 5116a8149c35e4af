package dev.winelib.toolchain.differential;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.winelib.asm.ImportedDll;
import dev.winelib.asm.ImportedFunction;
import dev.winelib.asm.ModuleImports;
import dev.winelib.asm.ModuleOptions;
import dev.winelib.spec.ModuleSpec;
import dev.winelib.spec.SpecParser;

/**
 * The module header as the build makes it (in-process object) and as GNU as assembles the same text give
 * the same DLL: identical PE view and identical loaded bytes, for every hand-written differential spec and
 * for headers with stubs, relay data, -import exports, imports and delay imports.
 */
class AssembledFormsDifferentialTest {

    @TempDir
    static Path work;

    static AssembledFormsDifferential differential;

    @BeforeAll
    static void tools() throws Exception {
        differential = new AssembledFormsDifferential(DifferentialTools.require(), work);
    }

    static Stream<Arguments> handWrittenSpecs() {
        List<Arguments> result = new ArrayList<>();
        for (Path spec : SpecResources.specs("valid")) {
            result.add(Arguments.of(spec.getFileName().toString(), spec, false));
            result.add(Arguments.of(spec.getFileName().toString() + " (build options)", spec, true));
        }
        return result.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("handWrittenSpecs")
    void handWrittenSpecs(String title, Path specFile, boolean buildOptions) throws Exception {
        ModuleSpec spec = SpecParser.parse(specFile, Optional.of(SpecResources.moduleName(specFile)));
        AssembledFormsDifferential.Result r = differential.compare(spec, options(buildOptions), ModuleImports.none());
        assertThat(r.identical()).as(r.report()).isTrue();
    }

    /** The options of the build (entry runtime, stubs raising the stub exception) or of the CLI's text mode. */
    static ModuleOptions options(boolean build) {
        return build ? ModuleOptions.dll(Optional.of("__wine_spec_dll_entry")).withStubRuntime()
                : ModuleOptions.dllWithOptionalEntry("DllMain");
    }

    static Stream<Arguments> importVariants() {
        String spec = "@ stdcall hello_add(long long)\n@ cdecl mul(long double) multiply\n"
                + "5 stdcall -noname hidden(ptr)\n@ extern counter\n@ stub notyet\n@ stub later(long ptr)\n"
                + "@ stdcall Forwarded(long) kernel32.Sleep\n@ stdcall -import GetLastError()\n"
                + "@ varargs vprint(str)\n@ stdcall strs(str wstr float double long)\n10 stub -noname nonamestub\n";
        return Stream.of(
                Arguments.of("immediate imports", spec, imports(false, 3, 10)),
                Arguments.of("delay imports", spec, imports(true, 2, 25)),
                Arguments.of("both", spec, mixed()),
                Arguments.of("many", spec, imports(false, 6, 200)),
                Arguments.of("imports only", "", mixed()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("importVariants")
    void headersWithImports(String title, String specText, ModuleImports imports) throws Exception {
        ModuleSpec spec = SpecParser.parse("imports.spec", specText, Optional.of("imports.dll"));
        for (boolean build : new boolean[] {true, false}) {
            AssembledFormsDifferential.Result r = differential.compare(spec, options(build), imports);
            assertThat(r.identical()).as(r.report()).isTrue();
            assertThat(r.inProcessImage().imports()).hasSize(imports.immediate().size() + imports.delayed().size());
        }
    }

    static ModuleImports imports(boolean delayed, int dllCount, int perDll) {
        List<ImportedDll> dlls = new ArrayList<>();
        for (int d = 0; d < dllCount; d++) {
            dlls.add(dll("dll" + d + ".dll", d, perDll, delayed));
        }
        return new ModuleImports(dlls);
    }

    static ModuleImports mixed() {
        return new ModuleImports(List.of(dll("kernel32.dll", 0, 5, false), dll("shell32.dll", 1, 4, true),
                dll("user32.dll", 2, 3, false), dll("comctl32.dll", 3, 1, true)));
    }

    private static ImportedDll dll(String name, int d, int count, boolean delayed) {
        List<ImportedFunction> functions = new ArrayList<>();
        for (int f = 0; f < count; f++) {
            String symbol = "f" + d + "_" + f;
            functions.add(f % 4 == 3 ? new ImportedFunction(symbol, Optional.empty(), f + 1, 0)
                    : new ImportedFunction(symbol, Optional.of(symbol), 0, f * 3));
        }
        return new ImportedDll(name, functions, delayed);
    }
}
