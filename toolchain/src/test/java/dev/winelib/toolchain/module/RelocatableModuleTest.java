package dev.winelib.toolchain.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.asm.ModuleOptions;
import dev.winelib.resources.Resource;
import dev.winelib.resources.ResourceName;
import dev.winelib.resources.ResourceTable;
import dev.winelib.spec.ModuleSpec;
import dev.winelib.spec.SpecParser;
import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.BuildLog;
import dev.winelib.toolchain.RequiredTools;
import dev.winelib.toolchain.elf.ElfFile;
import dev.winelib.toolchain.elf.ElfSymbol;
import dev.winelib.toolchain.implib.UnixImportLibraryWriter;
import dev.winelib.toolchain.pe.PeImport;
import dev.winelib.toolchain.pe.WinelibImage;
import dev.winelib.toolchain.process.ToolCommand;

/**
 * The module object of winebuild's --dll/--exe modes with objects and archives after {@code --}, as
 * winegcc hands them over: imports found through Wine's import libraries, static libraries merged
 * in, exports checked, executables started at main, wmain or WinMain, resources in the header.
 */
class RelocatableModuleTest {

    @TempDir
    Path dir;

    private ModuleObjects m;

    @BeforeEach
    void tools() throws Exception {
        m = new ModuleObjects(dir);
    }

    private ModuleSpec spec(String text) {
        return SpecParser.parse(dir.resolve("t.spec").toString(), text, Optional.empty());
    }

    private static Path lib(String name) {
        return ModuleObjects.WINE_UNIX_LIBS.resolve("lib" + name + ".a");
    }

    @Test
    void importsComeFromTheThunksOfWinesImportLibraries() throws Exception {
        Path o = m.compile("t", """
                #include <string.h>
                unsigned __attribute__((ms_abi)) GetTickCount(void);
                int __attribute__((ms_abi)) MessageBeep(unsigned);
                unsigned __attribute__((ms_abi)) ticks(void) { MessageBeep(0); return GetTickCount() + strlen("x"); }
                """);
        Path out = dir.resolve("t.spec.o");
        RelocatableModule.Result r = m.build(ModuleObjects.dll(spec("@ stdcall ticks()\n"), List.of(o),
                List.of(lib("user32"), lib("winecrt0"), lib("kernel32"), lib("ntdll")), out));
        // strlen: the C library's, never ntdll's, although libntdll.a has a thunk for it
        assertThat(r.imports().dlls()).extracting(d -> d.dllName() + ":" + d.functions().stream()
                .map(f -> f.symbol()).toList()).containsExactly("kernel32.dll:[GetTickCount]",
                        "user32.dll:[MessageBeep]");
        WinelibImage image = m.link("t.dll.so", out, List.of(o), true);
        assertThat(image.imports()).containsExactly(new PeImport("kernel32.dll", List.of("GetTickCount"), false),
                new PeImport("user32.dll", List.of("MessageBeep"), false));
        assertThat(image.exports()).singleElement().satisfies(e -> assertThat(e.symbol()).contains("ticks"));
    }

    @Test
    void exportedFunctionsMustBeDefinedOrImported() throws Exception {
        Path o = m.compile("t", "int __attribute__((ms_abi)) defined(void) { return 1; }\n");
        Path out = dir.resolve("t.spec.o");
        ModuleSpec spec = spec("@ stdcall defined()\n@ stdcall missing()\n@ stdcall GetTickCount()\n");
        assertThatThrownBy(() -> m.build(ModuleObjects.dll(spec, List.of(o), List.of(lib("kernel32")), out)))
                .isInstanceOf(BuildFailure.class)
                .hasMessageStartingWith(dir.resolve("t.spec") + ":2:")
                .hasMessageContaining("function 'missing' is not defined")
                .hasMessageNotContaining("GetTickCount");
        assertThat(out).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".work"));
        }

        RelocatableModule.Request external = new RelocatableModule.Request(spec, ModuleOptions.dll(Optional.empty()),
                false, List.of(o), List.of(lib("kernel32")), List.of(), List.of(), List.of(), List.of(), List.of(),
                Optional.empty(), ResourceTable.empty(), true, out);
        RelocatableModule.Result r = m.build(external);
        assertThat(r.unresolved()).contains("missing");
        // an exported function that the DLL imports is exported through the import's thunk
        assertThat(r.imports().dlls()).singleElement().satisfies(d -> assertThat(d.functions())
                .extracting(f -> f.symbol()).containsExactly("GetTickCount"));
    }

    @Test
    void undefinedSymbolOptionsDefinitionFilesAndDelayImports() throws Exception {
        Path o = m.compile("t", """
                int __attribute__((ms_abi)) PathFindFileNameA(const char *);
                int __attribute__((ms_abi)) other_func(int);
                int __attribute__((ms_abi)) f(const char *p) { return PathFindFileNameA(p) + other_func(1); }
                """);
        Path def = dir.resolve("other.def");
        Files.writeString(def, "LIBRARY other.dll\nEXPORTS\n  other_func @3\n");
        Path out = dir.resolve("t.spec.o");
        RelocatableModule.Request request = new RelocatableModule.Request(spec("@ stdcall f(str)\n"),
                ModuleOptions.dll(Optional.empty()), false, List.of(o), List.of(lib("shlwapi"), lib("kernel32")),
                List.of(def),
                List.of(), List.of("shlwapi"), List.of(), List.of("GetVersion"), Optional.empty(),
                ResourceTable.empty(), false, out);
        m.build(request);
        WinelibImage image = m.link("t.dll.so", out, List.of(o), true);
        // the delay-load helper's own needs come from kernel32, never from the delayed DLL
        assertThat(image.imports()).containsExactlyInAnyOrder(
                new PeImport("other.dll", List.of("other_func"), false),
                new PeImport("kernel32.dll", List.of("DelayLoadFailureHook", "GetVersion", "ResolveDelayLoadedAPI"),
                        false),
                new PeImport("shlwapi.dll", List.of("PathFindFileNameA"), true));
    }

    @Test
    void aProjectsOwnImportLibrary() throws Exception {
        ModuleSpec greet = SpecParser.parse("greet.spec", "@ stdcall greet(long)\n3 cdecl -noname secret()\n",
                Optional.empty());
        Path library = dir.resolve("libgreet.a");
        UnixImportLibraryWriter.write(greet, List.of(), library, ToolCommand.of(RequiredTools.require("ar", "binutils")),
                BuildLog.silent());
        Path o = m.compile("app", """
                int __attribute__((ms_abi)) greet(int);
                int secret(void);
                int __attribute__((ms_abi)) run(void) { return greet(1) + secret(); }
                """);
        Path out = dir.resolve("app.spec.o");
        m.build(ModuleObjects.dll(spec("@ stdcall run()\n"), List.of(o), List.of(library), out));
        WinelibImage image = m.link("app.dll.so", out, List.of(o), true);
        assertThat(image.imports()).containsExactly(new PeImport("greet.dll", List.of("greet", "#3"), false));
    }

    @Test
    void executablesStartAtMainOrGetAMainThatCallsWinMain() throws Exception {
        Path withMain = m.compile("main", "int main(int c, char **v) { return c; }\n");
        Path exeOut = dir.resolve("app.spec.o");
        ModuleSpec app = ModuleSpec.withoutExports("app.exe", "test");
        RelocatableModule.Request exe = new RelocatableModule.Request(app, ModuleOptions.exe("unused"), false,
                List.of(withMain), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), Optional.empty(),
                ResourceTable.empty(), false, exeOut);
        RelocatableModule.Result r = m.build(exe);
        assertThat(r.imports().dlls()).extracting(d -> d.dllName()).containsExactly("kernel32.dll");
        assertThat(defines(exeOut, "__wine_spec_exe_entry")).isTrue();
        assertThat(defines(exeOut, "main")).isFalse();
        WinelibImage image = m.link("app.exe.so", exeOut, List.of(withMain), true);
        assertThat(image.characteristics()).isEqualTo(ModuleOptions.EXE_CHARACTERISTICS);
        assertThat(image.dllName()).isEmpty();

        Path winMain = m.compile("gui", "int __attribute__((ms_abi)) WinMain(void *a, void *b, char *c, int d)"
                + " { return d; }\n");
        Path guiOut = dir.resolve("gui.spec.o");
        m.build(new RelocatableModule.Request(ModuleSpec.withoutExports("gui.exe", "test"),
                ModuleOptions.exe("unused").withSubsystem(ModuleOptions.SUBSYSTEM_WINDOWS_GUI, 4, 0), false,
                List.of(winMain), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), Optional.empty(),
                ResourceTable.empty(), false, guiOut));
        assertThat(defines(guiOut, "main")).isTrue();
        WinelibImage gui = m.link("gui.exe.so", guiOut, List.of(winMain), true);
        assertThat(gui.subsystem()).isEqualTo(2);
        assertThat(gui.imports()).singleElement().satisfies(i -> assertThat(i.functions()).contains(
                "GetStartupInfoA", "GetModuleHandleA", "GetCommandLineA", "ExitProcess"));

        Path wmain = m.compile("wide", "int wmain(int c, unsigned short **v) { return c; }\n");
        Path wideOut = dir.resolve("wide.spec.o");
        m.build(new RelocatableModule.Request(ModuleSpec.withoutExports("wide.exe", "test"), ModuleOptions.exe("x"),
                true, List.of(wmain), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                Optional.empty(), ResourceTable.empty(), false, wideOut));
        assertThat(defines(wideOut, "__wine_spec_exe_wentry")).isTrue();
        assertThat(m.link("wide.exe.so", wideOut, List.of(wmain), true).imports()).singleElement()
                .satisfies(i -> assertThat(i.functions()).contains("GetCommandLineW"));
    }

    @Test
    void resourcesGoIntoTheHeader() throws Exception {
        Path o = m.compile("t", "int __attribute__((ms_abi)) f(void) { return 1; }\n");
        Path out = dir.resolve("t.spec.o");
        ResourceTable resources = ResourceTable.of(List.of(new Resource(ResourceName.of(10), ResourceName.of("X"), 0,
                0, 0, new byte[] {1, 2, 3}, "test")));
        m.build(new RelocatableModule.Request(spec("@ stdcall f()\n"), ModuleOptions.dll(Optional.empty()), false,
                List.of(o), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), Optional.empty(),
                resources, false, out));
        WinelibImage image = m.link("t.dll.so", out, List.of(o), true);
        assertThat(image.resources()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo(ResourceName.of("X"));
            assertThat(r.data()).containsExactly(1, 2, 3);
        });
    }

    private static boolean defines(Path object, String symbol) throws Exception {
        return ElfFile.read(object).symbols().stream().anyMatch(s -> s.name().equals(symbol) && s.isDefined()
                && s.binding() != ElfSymbol.STB_LOCAL);
    }
}
