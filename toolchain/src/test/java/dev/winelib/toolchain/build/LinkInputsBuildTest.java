package dev.winelib.toolchain.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.sysroot.Sysroot;
import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.BuildLog;
import dev.winelib.toolchain.RecordingLog;
import dev.winelib.toolchain.RequiredTools;
import dev.winelib.toolchain.elf.ElfFile;
import dev.winelib.toolchain.elf.ElfSymbol;
import dev.winelib.toolchain.pe.PeImport;
import dev.winelib.toolchain.process.ProcessRunner;
import dev.winelib.toolchain.process.ToolLocator;

/**
 * Prebuilt objects and static libraries become part of a module: linked in order, their Win32
 * functions imported like those of compiled sources, only the archive members the link takes count.
 */
class LinkInputsBuildTest {

    @TempDir
    Path dir;

    private Path gcc;

    @BeforeEach
    void tools() {
        gcc = RequiredTools.require("gcc", "gcc");
        RequiredTools.require("ar", "binutils");
        RequiredTools.linker();
    }

    @Test
    void objectsAndArchiveMembersGetTheirImportsAndTheEntryFunctionComesFromTheArchive() throws Exception {
        Path exports = compile("exports.c", """
                int helper(void);
                int __attribute__((ms_abi)) value(void) { return helper(); }
                """);
        Path helper = compile("helper.c", """
                /* declared hidden, as Wine's headers declare Win32 functions in winelib code */
                __attribute__((visibility("hidden"), ms_abi)) unsigned GetTickCount(void);
                /* the import address table slot, as Rust's link_name = "__imp_..." uses it */
                extern unsigned (__attribute__((ms_abi)) *__imp_GetCurrentProcessId)(void);
                int helper(void) { return (int)(GetTickCount() + __imp_GetCurrentProcessId()); }
                """);
        Path dllMain = compile("dllmain.c", """
                int attached;
                int __attribute__((ms_abi)) DllMain(void *instance, unsigned reason, void *reserved)
                { attached += reason == 1; return 1; }
                """);
        Path unused = compile("unused.c", """
                __attribute__((visibility("hidden"))) int NoSuchFunctionAnywhere(void);
                int never_called(void) { return NoSuchFunctionAnywhere(); }
                """);
        Path archive = archive("libw.a", helper, dllMain, unused);
        Files.writeString(dir.resolve("test.spec"), "@ stdcall value()\n");

        RecordingLog log = new RecordingLog();
        BuildResult result = new WinelibBuilder(ToolLocator.fromEnvironment(), log).build(request()
                .linkInputs(List.of(exports, archive)).build());

        assertThat(result.image().imports()).containsExactly(
                new PeImport("kernel32.dll", List.of("GetCurrentProcessId", "GetTickCount"), false));
        ElfFile elf = ElfFile.read(result.outputFile());
        assertThat(elf.symbols()).anyMatch(s -> s.name().equals("DllMain") && s.isDefined());
        assertThat(elf.symbols()).noneMatch(s -> s.name().equals("never_called"));
        // in order, after the module header and before the runtime
        List<String> words = List.of(log.linkCommand().substring("DEBUG ".length()).split(" "));
        int header = indexOfSuffix(words, ".spec.o");
        int object = words.indexOf(exports.toString());
        int library = words.indexOf(archive.toString());
        int entry = indexOfSuffix(words, "entry.c.o");
        assertThat(header).isLessThan(object);
        assertThat(object).isLessThan(library);
        assertThat(library).isLessThan(entry);
        assertThat(words).contains("--undefined-glob=DllMain");

        // unchanged inputs: not linked again; a changed library: linked again
        assertThat(new WinelibBuilder(ToolLocator.fromEnvironment(), BuildLog.silent()).build(request()
                .linkInputs(List.of(exports, archive)).build()).linked()).isFalse();
        Path other = compile("other.c", "int other_function(void) { return 2; }\n");
        ProcessRunner.check("ar", List.of("ar", "rs", archive.toString(), other.toString()), dir);
        assertThat(new WinelibBuilder(ToolLocator.fromEnvironment(), BuildLog.silent()).build(request()
                .linkInputs(List.of(exports, archive)).build()).linked()).isTrue();
    }

    @Test
    void aPulledMemberThatUsesSomethingNobodyDefinesFailsWithItsName() throws Exception {
        Path exports = compile("exports.c", """
                __attribute__((visibility("hidden"))) int NoSuchFunctionAnywhere(void);
                int __attribute__((ms_abi)) value(void) { return NoSuchFunctionAnywhere(); }
                """);
        Path archive = archive("libx.a", exports);
        Files.writeString(dir.resolve("test.spec"), "@ stdcall value()\n");
        assertThatThrownBy(() -> new WinelibBuilder(ToolLocator.fromEnvironment(), BuildLog.silent()).build(request()
                .linkInputs(List.of(archive)).build())).isInstanceOf(BuildFailure.class)
                .hasMessageContaining("undefined symbols: no imported DLL exports them")
                .hasMessageContaining("  - NoSuchFunctionAnywhere");
        assertThat(dir.resolve("out/test.dll")).doesNotExist();
    }

    @Test
    void aStaticLibraryWithoutEntryFunctionIsSimplyAttached() throws Exception {
        Path value = compile("value.c", "int __attribute__((ms_abi)) value(void) { return 42; }\n");
        Path archive = archive("libv.a", value);
        Files.writeString(dir.resolve("test.spec"), "@ stdcall value()\n");
        BuildResult result = new WinelibBuilder(ToolLocator.fromEnvironment(), BuildLog.silent()).build(request()
                .linkInputs(List.of(archive)).build());
        assertThat(result.image().imports()).isEmpty();
        assertThat(result.image().nameTable()).containsExactly("value");
        assertThat(ElfFile.read(result.outputFile()).symbols()).noneMatch(s -> s.name().equals("DllMain")
                && s.isDefined());
    }

    @Test
    void aLinkInputThatIsNotAnObjectFailsBeforeAnythingIsBuilt() throws Exception {
        Files.writeString(dir.resolve("test.spec"), "@ stdcall value()\n");
        Path text = Files.writeString(dir.resolve("value.o"), "text");
        assertThatThrownBy(() -> new WinelibBuilder(ToolLocator.fromEnvironment(), BuildLog.silent()).build(request()
                .linkInputs(List.of(text)).build())).isInstanceOf(BuildFailure.class)
                .hasMessage(text + ": a link input must be an ELF object (.o) or a static library (.a)");
    }

    private WinelibBuildRequest.Builder request() {
        return WinelibBuildRequest.builder(dir.resolve("test.spec"), dir.resolve("out/test.dll"), dir.resolve("work"))
                .sysroot(Sysroot.host()).viewsDirectory(dir.resolve("views"));
    }

    private Path compile(String name, String source) throws Exception {
        Path c = Files.writeString(dir.resolve(name), source);
        Path o = dir.resolve(name.replace(".c", ".o"));
        ProcessRunner.check("gcc", List.of(gcc.toString(), "-c", "-fPIC", "-O2", "-o", o.toString(), c.toString()),
                dir);
        return o;
    }

    private Path archive(String name, Path... members) throws Exception {
        Path a = dir.resolve(name);
        List<String> command = new ArrayList<>(List.of("ar", "rcs", a.toString()));
        for (Path m : members) {
            command.add(m.toString());
        }
        ProcessRunner.check("ar", command, dir);
        return a;
    }

    private static int indexOfSuffix(List<String> words, String suffix) {
        for (int i = 0; i < words.size(); i++) {
            if (words.get(i).endsWith(suffix)) {
                return i;
            }
        }
        throw new AssertionError("no " + suffix + " in " + words);
    }
}
