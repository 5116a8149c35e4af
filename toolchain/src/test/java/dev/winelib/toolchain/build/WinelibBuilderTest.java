package dev.winelib.toolchain.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.BuildLog;
import dev.winelib.toolchain.RequiredTools;
import dev.winelib.toolchain.elf.ElfFile;
import dev.winelib.toolchain.elf.ElfSymbol;
import dev.winelib.toolchain.pe.PeExport;
import dev.winelib.toolchain.pe.WinelibImage;
import dev.winelib.toolchain.process.ToolLocator;

class WinelibBuilderTest {

    @TempDir
    Path dir;

    private WinelibBuilder builder;

    @BeforeEach
    void tools() {
        RequiredTools.require("gcc", "gcc");
        RequiredTools.linker();
        builder = new WinelibBuilder(ToolLocator.fromEnvironment(), BuildLog.silent());
    }

    @Test
    void buildsAModuleWhosePeViewMatchesTheSpec() throws Exception {
        TestProjects.write(dir, TestProjects.SPEC, TestProjects.SOURCE);
        BuildResult result = builder.build(TestProjects.request(dir, dir.resolve("views")).build());

        assertThat(result.linked()).isTrue();
        assertThat(result.compiledSources()).isEqualTo(1);
        Path dll = dir.resolve("out/test.dll");
        assertThat(dll).isRegularFile();
        WinelibImage image = result.image();
        assertThat(image.dllName()).contains("test.dll");
        assertThat(image.ordinalBase()).isEqualTo(5);
        assertThat(image.slotCount()).isEqualTo(6); // ordinals 5..10
        assertThat(image.nameTable()).containsExactly("DllGetVersion", "add", "counter", "mul", "notyet");
        assertThat(image.exports()).extracting(PeExport::ordinal).containsExactly(5, 6, 7, 8, 9, 10);

        ElfFile elf = ElfFile.read(dll);
        assertThat(image.entryPoint()).isEqualTo(symbol(elf, WinelibBuilder.ENTRY_SYMBOL));
        assertThat(image.exports().get(1).address()).isEqualTo(symbol(elf, "add"));
        assertThat(image.exports().get(2).address()).isEqualTo(symbol(elf, "multiply"));
        assertThat(image.exports().get(3).address()).isEqualTo(symbol(elf, "counter"));
        assertThat(image.exports().get(0).name()).isEmpty();
        for (PeExport e : image.exports()) {
            assertThat(e.address()).isGreaterThanOrEqualTo(image.firstUsableAddress());
        }
        assertThat(elf.dynamicSymbols()).filteredOn(s -> s.isDefined() && s.isGlobalOrWeak())
                .extracting(ElfSymbol::name).containsExactly("__wine_spec_nt_header");
    }

    @Test
    void aBuildNamesEveryFileItReadAndWroteForItsBuildRecord() throws Exception {
        TestProjects.write(dir, TestProjects.SPEC, TestProjects.SOURCE);
        BuildResult result = builder.build(TestProjects.request(dir, dir.resolve("views")).build());

        BuildRecord.Files files = result.files().orElseThrow();
        assertThat(files.inputs()).contains(dir.resolve("test.spec"), dir.resolve("src/test.c"));
        // the headers the dependency file lists, Wine's and the C library's
        assertThat(files.inputs()).anyMatch(p -> p.endsWith("winbase.h")).anyMatch(p -> p.endsWith("stdc-predef.h"));
        // the compiler and linker, and the C library the link used
        assertThat(files.inputs()).anyMatch(p -> p.getFileName().toString().startsWith("gcc"))
                .anyMatch(p -> p.getFileName().toString().startsWith("ld.lld"))
                .anyMatch(p -> p.getFileName().toString().startsWith("libc.so"));
        assertThat(files.outputs()).contains(dir.resolve("out/test.dll").toAbsolutePath())
                .anyMatch(p -> p.getFileName().toString().equals("test.c.o"));
        // and a keeper of content hashes for the next build
        assertThat(dir.resolve("work/content-hashes")).isRegularFile();
    }

    @Test
    void secondBuildOfUnchangedInputsNeitherCompilesNorLinks() throws Exception {
        TestProjects.write(dir, TestProjects.SPEC, TestProjects.SOURCE);
        WinelibBuildRequest request = TestProjects.request(dir, dir.resolve("views")).build();
        builder.build(request);
        Path dll = dir.resolve("out/test.dll");
        byte[] first = Files.readAllBytes(dll);
        var mtime = Files.getLastModifiedTime(dll);

        BuildResult again = builder.build(request);

        assertThat(again.compiledSources()).isZero();
        assertThat(again.linked()).isFalse();
        assertThat(Files.getLastModifiedTime(dll)).isEqualTo(mtime);
        assertThat(Files.readAllBytes(dll)).isEqualTo(first);
    }

    @Test
    void changedHeaderRecompilesAndChangedSpecRelinks() throws Exception {
        TestProjects.write(dir, TestProjects.SPEC, "#include \"value.h\"\n" + TestProjects.SOURCE
                .replace("int counter = 7;", "int counter = VALUE;"));
        Files.createDirectories(dir.resolve("include"));
        Files.writeString(dir.resolve("include/value.h"), "#define VALUE 7\n");
        WinelibBuildRequest request = TestProjects.request(dir, dir.resolve("views"))
                .includeDirectories(List.of(dir.resolve("include"))).build();
        builder.build(request);

        Files.writeString(dir.resolve("include/value.h"), "#define VALUE 8\n");
        BuildResult afterHeader = builder.build(request);
        assertThat(afterHeader.compiledSources()).isEqualTo(1);
        assertThat(afterHeader.linked()).isTrue();

        Files.writeString(dir.resolve("test.spec"), TestProjects.SPEC + "@ stdcall add2(long long) add\n");
        BuildResult afterSpec = builder.build(request);
        assertThat(afterSpec.compiledSources()).isZero();
        assertThat(afterSpec.linked()).isTrue();
        assertThat(afterSpec.image().nameTable()).contains("add2");
    }

    @Test
    void reproducible() throws Exception {
        Path a = TestProjects.write(dir.resolve("a"), TestProjects.SPEC, TestProjects.SOURCE);
        builder.build(TestProjects.request(a, dir.resolve("views")).build());
        byte[] first = Files.readAllBytes(a.resolve("out/test.dll"));
        deleteTree(a.resolve("work"));
        Files.delete(a.resolve("out/test.dll"));
        builder.build(TestProjects.request(a, dir.resolve("views")).build());
        assertThat(Files.readAllBytes(a.resolve("out/test.dll"))).isEqualTo(first);
    }

    @Test
    void malformedSpecFailsWithLocationAndRemovesTheOldModule() throws Exception {
        TestProjects.write(dir, TestProjects.SPEC, TestProjects.SOURCE);
        WinelibBuildRequest request = TestProjects.request(dir, dir.resolve("views")).build();
        builder.build(request);
        assertThat(dir.resolve("out/test.dll")).exists();

        Files.writeString(dir.resolve("test.spec"), "@ stdcall add(long long)\n@ stdcal broken(long)\n");
        assertThatThrownBy(() -> builder.build(request))
                .isInstanceOf(BuildFailure.class)
                .hasMessageStartingWith(dir.resolve("test.spec") + ":2:3: unknown entry type 'stdcal'");
        assertThat(dir.resolve("out/test.dll")).doesNotExist();
        try (var files = Files.list(dir.resolve("out"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void unresolvedExportFailsTheBuildAndLeavesNothing() throws Exception {
        TestProjects.write(dir, TestProjects.SPEC + "@ stdcall missing_function()\n", TestProjects.SOURCE);
        assertThatThrownBy(() -> builder.build(TestProjects.request(dir, dir.resolve("views")).build()))
                .isInstanceOf(BuildFailure.class)
                .hasMessageStartingWith(dir.resolve("test.spec") + ":8:1: function 'missing_function' is not defined:"
                        + " no object defines it and no imported DLL exports it");
        assertThat(dir.resolve("out/test.dll")).doesNotExist();
    }

    @Test
    void defFileDefinesTheExports() throws Exception {
        TestProjects.write(dir, "", TestProjects.SOURCE);
        Files.writeString(dir.resolve("test.def"), """
                LIBRARY fromdef
                EXPORTS
                  add
                  Multiply=multiply @7
                  Sleep2=kernel32.Sleep
                  counter DATA
                  Hidden=hidden @20 NONAME
                """);
        BuildResult result = builder.build(WinelibBuildRequest.builder(dir.resolve("test.def"),
                dir.resolve("out/fromdef.dll"), dir.resolve("work")).sources(List.of(dir.resolve("src/test.c")))
                .viewsDirectory(dir.resolve("views")).build());
        WinelibImage image = result.image();
        assertThat(image.dllName()).contains("fromdef.dll");
        assertThat(image.ordinalBase()).isEqualTo(7);
        assertThat(image.nameTable()).containsExactly("Multiply", "Sleep2", "add", "counter");
        assertThat(image.exports()).extracting(PeExport::ordinal).containsExactly(7, 8, 9, 10, 20);
        assertThat(image.exports().get(2).forward()).contains("kernel32.Sleep");
        ElfFile elf = ElfFile.read(result.outputFile());
        assertThat(image.exports().get(0).address()).isEqualTo(symbol(elf, "multiply"));
        assertThat(image.exports().get(4).name()).isEmpty();
        assertThat(image.exports().get(4).address()).isEqualTo(symbol(elf, "hidden"));
    }

    @Test
    void linkNameWithAtSignIsRefusedBeforeLinking() throws Exception {
        TestProjects.write(dir, TestProjects.SPEC + "@ stdcall odd(long) impl@4\n", TestProjects.SOURCE);
        assertThatThrownBy(() -> builder.build(TestProjects.request(dir, dir.resolve("views")).build()))
                .isInstanceOf(BuildFailure.class)
                .hasMessage(dir.resolve("test.spec") + ":8:1: 'impl@4' cannot be linked: in a symbol name '@' starts"
                        + " a symbol version; give a link name without '@' (e.g. @ stdcall foo@8(long) foo)");
        assertThat(dir.resolve("work")).doesNotExist();
    }

    @Test
    void configuredEntryFunctionIsWhatTheEntryPointCalls() throws Exception {
        TestProjects.write(dir, "@ stdcall add(long long)\n", "int __attribute__((ms_abi)) add(int a, int b)"
                + " { return a + b; }\nint __attribute__((ms_abi)) MyEntry(void *i, unsigned r, void *x)"
                + " { return 1; }\n");
        BuildResult result = builder.build(TestProjects.request(dir, dir.resolve("views")).entryPoint("MyEntry")
                .build());
        String disassembly = dev.winelib.toolchain.process.ProcessRunner.check("objdump", List.of("objdump", "-d",
                "--no-show-raw-insn", result.outputFile().toString()), dir);
        String entry = disassembly.substring(disassembly.indexOf("<" + WinelibBuilder.ENTRY_SYMBOL + ">:"));
        entry = entry.substring(0, entry.indexOf("\n\n"));
        assertThat(entry).contains("<MyEntry>");

        assertThatThrownBy(() -> builder.build(TestProjects.request(dir, dir.resolve("views")).entryPoint("no-way")
                .build())).isInstanceOf(BuildFailure.class).hasMessage("entry point 'no-way' is not a C identifier");
    }

    @Test
    void win32FunctionsAreImportedAndTheCLibraryIsNot() throws Exception {
        TestProjects.write(dir, "@ stdcall ticks()\n", """
                #include <string.h>
                #include <windef.h>
                #include <winbase.h>
                static const char *volatile text = "abc";
                DWORD WINAPI ticks(void) { return GetTickCount() + (DWORD)strlen(text) + GetCurrentProcessId(); }
                """);
        BuildResult result = builder.build(TestProjects.request(dir, dir.resolve("views")).build());
        assertThat(result.image().imports()).containsExactly(new dev.winelib.toolchain.pe.PeImport("kernel32.dll",
                List.of("GetCurrentProcessId", "GetTickCount"), false));
        ElfFile elf = ElfFile.read(result.outputFile());
        assertThat(elf.dynamicSymbols()).anyMatch(s -> s.name().equals("strlen") && !s.isDefined());
    }

    @Test
    void glibcNewerThanTheBaselineFailsTheBuild() throws Exception {
        TestProjects.write(dir, "@ stdcall closer(long)\n", """
                #define _GNU_SOURCE
                #include <unistd.h>
                int __attribute__((ms_abi)) closer(int fd) { return close_range(fd, fd, 0); }
                """);
        assertThatThrownBy(() -> builder.build(TestProjects.request(dir, dir.resolve("views")).build()))
                .isInstanceOf(BuildFailure.class)
                .hasMessageContaining("close_range")
                .hasMessageContaining("GLIBC_2.34")
                .hasMessageContaining("test.c.o");
        assertThat(dir.resolve("out/test.dll")).doesNotExist();

        BuildResult allowed = builder.build(TestProjects.request(dir, dir.resolve("views")).glibcBaseline("none")
                .build());
        assertThat(allowed.outputFile()).exists();
        BuildResult newer = builder.build(TestProjects.request(dir, dir.resolve("views")).glibcBaseline("2.36")
                .build());
        assertThat(newer.outputFile()).exists();
    }

    @Test
    void moduleWithoutDllMainStillGetsTheRuntimeEntryPoint() throws Exception {
        TestProjects.write(dir, "@ stdcall add(long long)\n", "int __attribute__((ms_abi)) add(int a, int b)"
                + " { return a + b; }\n");
        BuildResult result = builder.build(TestProjects.request(dir, dir.resolve("views")).build());
        ElfFile elf = ElfFile.read(result.outputFile());
        assertThat(result.image().entryPoint()).isEqualTo(symbol(elf, WinelibBuilder.ENTRY_SYMBOL));
        assertThat(result.image().imports()).isEmpty();
        assertThat(elf.symbols()).noneMatch(s -> s.name().equals("DllMain") && s.isDefined());
    }

    @Test
    void missingCompilerNamesItsPackage() throws Exception {
        TestProjects.write(dir, TestProjects.SPEC, TestProjects.SOURCE);
        assertThatThrownBy(() -> builder.build(TestProjects.request(dir, dir.resolve("views"))
                .compiler("no-such-compiler-wbj").build()))
                .isInstanceOf(BuildFailure.class)
                .hasMessageContaining("no-such-compiler-wbj was not found")
                .hasMessageContaining("apt-get install gcc");
    }

    @Test
    void missingLinkerNamesItsPackage() throws Exception {
        TestProjects.write(dir, TestProjects.SPEC, TestProjects.SOURCE);
        assertThatThrownBy(() -> builder.build(TestProjects.request(dir, dir.resolve("views"))
                .linker("/nonexistent/ld.lld").build()))
                .isInstanceOf(BuildFailure.class)
                .hasMessageContaining("/nonexistent/ld.lld is not an executable file")
                .hasMessageContaining("apt-get install lld");
    }

    @Test
    void compileErrorIsReportedWithTheCompilerOutput() throws Exception {
        TestProjects.write(dir, TestProjects.SPEC, "int broken( {\n");
        assertThatThrownBy(() -> builder.build(TestProjects.request(dir, dir.resolve("views")).build()))
                .isInstanceOf(BuildFailure.class)
                .hasMessageContaining("compiling " + dir.resolve("src/test.c"))
                .hasMessageContaining("test.c:1");
    }

    @Test
    void clangWorksAsCompiler() throws Exception {
        RequiredTools.require("clang", "clang");
        TestProjects.write(dir, TestProjects.SPEC, TestProjects.SOURCE);
        BuildResult result = builder.build(TestProjects.request(dir, dir.resolve("views")).compiler("clang").build());
        assertThat(result.image().nameTable()).contains("add");
    }

    static long symbol(ElfFile elf, String name) throws Exception {
        return elf.symbols().stream().filter(s -> s.name().equals(name) && s.isDefined()).findFirst()
                .map(ElfSymbol::value).orElseThrow(() -> new AssertionError("no symbol " + name));
    }

    static void deleteTree(Path p) throws Exception {
        try (var walk = Files.walk(p)) {
            for (Path x : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }

    static Optional<String> none() {
        return Optional.empty();
    }
}
