package dev.winelib.toolchain.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.linker.LinkerScripts;
import dev.winelib.spec.ModuleSpec;
import dev.winelib.sysroot.Sysroot;
import dev.winelib.sysroot.SysrootInspector;
import dev.winelib.sysroot.SysrootLayout;
import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.BuildLog;
import dev.winelib.toolchain.RequiredTools;
import dev.winelib.toolchain.build.ModuleInputs;
import dev.winelib.toolchain.build.TestProjects;
import dev.winelib.toolchain.build.WinelibBuilder;
import dev.winelib.toolchain.elf.ElfFile;
import dev.winelib.toolchain.link.WinelibLinkCommand;
import dev.winelib.toolchain.process.ProcessRunner;
import dev.winelib.toolchain.process.ToolLocator;

/** Links modules wrongly on purpose and checks that the post-link checks notice. */
class PostLinkChecksTest {

    @TempDir
    Path dir;

    /** Builds the test project normally, then relinks its objects with the given scripts left out. */
    private Path relink(boolean versionScript, boolean orderingScript) throws Exception {
        RequiredTools.require("gcc", "gcc");
        Path lld = RequiredTools.linker();
        TestProjects.write(dir, TestProjects.SPEC, TestProjects.SOURCE);
        new WinelibBuilder(ToolLocator.fromEnvironment(), BuildLog.silent()).withRuntimeCache(java.util.Optional.empty())
                .build(TestProjects.request(dir, dir.resolve("views")).build());
        Path work = dir.resolve("work");
        SysrootLayout host = new SysrootInspector(dir.resolve("views")).inspect(Sysroot.host());
        Path out = dir.resolve("bad.so");
        List<String> cmd = WinelibLinkCommand.command(lld, host, work.resolve(LinkerScripts.VERSION_SCRIPT_NAME),
                work.resolve(LinkerScripts.ORDERING_SCRIPT_NAME), work.resolve("test.dll.spec.o"),
                List.of(work.resolve("obj/test.c.o"), work.resolve("runtime/obj/constructors.c.o"),
                        work.resolve("runtime/obj/entry.c.o"),
                        work.resolve("runtime/obj/stub.c.o")), List.of(), List.of(), out);
        List<String> edited = new ArrayList<>();
        for (int i = 0; i < cmd.size(); i++) {
            String arg = cmd.get(i);
            if (!versionScript && arg.startsWith("--version-script=")) {
                continue;
            }
            if (!orderingScript && arg.equals("-T")) {
                i++;
                continue;
            }
            edited.add(arg);
        }
        ProcessRunner.check("test link", edited, dir);
        return out;
    }

    private ModuleSpec spec() throws Exception {
        return ModuleInputs.readSpec(dir.resolve("test.spec"), Optional.of("test.dll"));
    }

    @Test
    void correctLinkPasses() throws Exception {
        Path so = relink(true, true);
        assertThat(PostLinkChecks.verify(ElfFile.read(so), spec(), Optional.of(WinelibBuilder.ENTRY_SYMBOL)).exports()).hasSize(6);
    }

    @Test
    void defaultLldLayoutIsCaughtAsExportsBelowTheModuleBase() throws Exception {
        Path so = relink(true, false);
        assertThatThrownBy(() -> PostLinkChecks.verify(ElfFile.read(so), spec(), Optional.of(WinelibBuilder.ENTRY_SYMBOL)))
                .isInstanceOf(BuildFailure.class)
                .hasMessageContaining("would not work under Wine")
                .hasMessageContaining("export add (ordinal 6")
                .hasMessageContaining("below the end of the PE header page")
                .hasMessageContaining("the entry point is at 0x");
    }

    @Test
    void missingVersionScriptIsCaughtAsExtraExportedSymbols() throws Exception {
        Path so = relink(false, true);
        assertThatThrownBy(() -> PostLinkChecks.verify(ElfFile.read(so), spec(), Optional.of(WinelibBuilder.ENTRY_SYMBOL)))
                .isInstanceOf(BuildFailure.class)
                .hasMessageContaining("dynamic symbol 'add' is exported; only __wine_spec_nt_header may be");
    }

    @Test
    void specThatDoesNotMatchTheModuleIsReported() throws Exception {
        Path so = relink(true, true);
        ModuleSpec other = ModuleInputs.readSpec(writeSpec("@ stdcall add(long long)\n"), Optional.of("other.dll"));
        assertThatThrownBy(() -> PostLinkChecks.verify(ElfFile.read(so), other, Optional.of(WinelibBuilder.ENTRY_SYMBOL)))
                .isInstanceOf(BuildFailure.class)
                .hasMessageContaining("export directory names the module 'test.dll', expected 'other.dll'")
                .hasMessageContaining("ordinal base is 5, expected 1");
    }

    @Test
    void wrongEntryPointIsReported() throws Exception {
        Path so = relink(true, true);
        assertThatThrownBy(() -> PostLinkChecks.verify(ElfFile.read(so), spec(), Optional.of("add")))
                .isInstanceOf(BuildFailure.class)
                .hasMessageContaining("but add is at 0x");
    }

    private Path writeSpec(String text) throws Exception {
        Path p = dir.resolve("other.spec");
        Files.writeString(p, text);
        return p;
    }
}
