package dev.winelib.toolchain.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.toolchain.BuildLog;
import dev.winelib.toolchain.RequiredTools;
import dev.winelib.toolchain.process.ToolLocator;

/**
 * The build turns the spec into the module object in the process: the compiler driver is run only to
 * compile C sources (the project's and the runtime's) and to check the exports' calling convention, never
 * to assemble, and the linker only for the probe link and the link.
 */
class SpecProcessingRunsNoProcessTest {

    @TempDir
    Path dir;

    @Test
    void compilerOnlyCompilesCAndLinkerOnlyLinks() throws Exception {
        Path gcc = RequiredTools.require("gcc", "gcc");
        Path lld = RequiredTools.linker();
        Path log = dir.resolve("invocations.log");
        Path cc = wrapper("cc-logging", gcc, log);
        Path ld = wrapper("ld-logging", lld, log);
        String spec = TestProjects.SPEC + "@ stub later(long)\n";
        String source = TestProjects.SOURCE + "DWORD WINAPI uses_kernel32(void) { return GetCurrentProcessId(); }\n";
        TestProjects.write(dir, spec, source);

        new WinelibBuilder(ToolLocator.fromEnvironment(), BuildLog.silent())
                .withRuntimeCache(java.util.Optional.of(dir.resolve("runtime-cache"))).build(TestProjects.request(dir,
                dir.resolve("views")).compiler(cc.toString()).linker(ld.toString()).build());

        List<String> invocations = Files.readAllLines(log);
        // (the calling-convention check runs the compiler too, only to check the exports' types)
        List<String> compilations = invocations.stream().filter(l -> l.startsWith("cc-logging "))
                .filter(l -> !l.contains(" -fsyntax-only ")).toList();
        assertThat(invocations).filteredOn(l -> l.contains(" -fsyntax-only ")).singleElement().asString()
                .endsWith("/work/cc-check/test.c.o.cc-check.c");
        List<String> links = invocations.stream().filter(l -> l.startsWith("ld-logging ")).toList();
        assertThat(compilations).as("compiler runs").isNotEmpty().allSatisfy(l -> {
            assertThat(l).matches(".* -c .*\\.c$").doesNotContain("assembler").doesNotContain(".s ");
        });
        // the project's source and the runtime's constructors.c, entry.c and stub.c: nothing assembled
        assertThat(compilations).hasSize(4);
        assertThat(compilations).anyMatch(l -> l.endsWith("/src/test.c")).anyMatch(l -> l.endsWith("/constructors.c"))
                .anyMatch(l -> l.endsWith("/entry.c")).anyMatch(l -> l.endsWith("/stub.c"));
        assertThat(links).as("linker runs: the probe link and the link").hasSize(2)
                .allSatisfy(l -> assertThat(l).contains(" -shared "));
        assertThat(invocations).hasSize(compilations.size() + links.size() + 1);
        assertThat(dir.resolve("out/test.dll")).isRegularFile();
    }

    /** A script that records its name and arguments in {@code log}, then runs {@code tool}. */
    private Path wrapper(String name, Path tool, Path log) throws Exception {
        Path script = dir.resolve(name);
        Files.writeString(script, "#!/bin/sh\necho \"" + name + " $*\" >> '" + log + "'\nexec '" + tool + "' \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }
}
