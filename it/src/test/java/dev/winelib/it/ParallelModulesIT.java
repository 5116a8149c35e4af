package dev.winelib.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.winelib.toolchain.elf.ElfFile;
import dev.winelib.toolchain.pe.WinelibImage;
import dev.winelib.toolchain.pe.WinelibImageReader;

/**
 * {@code mvn -T 2C package} of a multi-module project of four winelib DLLs, against the 'sniper' sysroot:
 * the modules build side by side (sharing the sysroot cache, the compiler slots and the plugin's classes),
 * every DLL is complete and works under Wine, and parallel rebuilds are up to date module by module.
 */
class ParallelModulesIT {

    private static final List<String> MODULES = List.of("alpha", "beta", "gamma", "delta");
    private static final Map<String, String> SNIPER = Map.of("winelib.sysroot", "sniper");

    @Test
    void fourDllsBuiltInParallelAllWork() throws Exception {
        ExternalTools.requireBuildTools();
        ExternalTools.mingwGcc();
        Wine wine = Wine.locate();
        TestProject project = TestProject.copy("parallel");

        TestProject.MavenRun first = project.mvnPackage(SNIPER, "2C").assertSuccess();
        assertThat(first.text()).contains("MultiThreadedBuilder");
        for (String m : MODULES) {
            Path dll = project.resolve(m + "/target/" + m + ".dll");
            assertThat(first.infoLinesStartingWith("linking ")).contains("linking " + dll);
            WinelibImage image = WinelibImageReader.read(ElfFile.read(dll));
            assertThat(image.nameTable()).containsExactly(m + "_later", m + "_sum", m + "_value");
        }

        Path run = project.resolve("run");
        Path exe = MingwHost.compile(project.resolve("host/host.c"), run, "host.exe");
        for (String m : MODULES) {
            Files.copy(project.resolve(m + "/target/" + m + ".dll"), run.resolve(m + ".dll"));
        }
        Programs.Result result = wine.run(run, exe);
        assertThat(result.exitCode()).as(result.describe("exit code")).isZero();
        assertThat(result.stdout().replace("\r\n", "\n")).as(result.describe("stdout"))
                .isEqualTo("alpha 1000 42\nbeta 2000 42\ngamma 3000 42\ndelta 4000 42\n");

        // nothing changed: every module up to date, in parallel too
        TestProject.MavenRun second = project.mvnPackage(SNIPER, "2C").assertSuccess();
        assertThat(second.log()).noneMatch(l -> l.contains("compiling ") || l.contains("linking "));
        assertThat(second.infoLinesStartingWith("up to date: ")).hasSize(MODULES.size());

        // one module changed: only it is compiled and linked again
        Path source = project.resolve("gamma/src/main/c/part2.c");
        Files.writeString(source, Files.readString(source).replace("n * 2", "n * 20"));
        TestProject.MavenRun third = project.mvnPackage(SNIPER, "2C").assertSuccess();
        assertThat(third.infoLinesStartingWith("compiling ")).containsExactly("compiling " + source);
        assertThat(third.infoLinesStartingWith("linking "))
                .containsExactly("linking " + project.resolve("gamma/target/gamma.dll"));
    }
}
