package dev.winelib.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * POM parameters (spec file, source and include directories, libraries) and -Dwinelib.* properties
 * (output file name, cflags, compiler) shape the DLL, and Wine shows it.
 */
class ConfiguredIT {

    @Test
    void pomParametersAndWinelibPropertiesChangeTheDll() throws Exception {
        ExternalTools.lld();
        // clang when it is installed, else gcc (which the test then needs)
        String compiler = ExternalTools.clang().isPresent() ? "clang" : "gcc";
        if (compiler.equals("gcc")) {
            ExternalTools.gcc();
        }
        ExternalTools.mingwGcc();
        Wine wine = Wine.locate();
        TestProject project = TestProject.copy("configured");

        TestProject.MavenRun build = project.mvnPackage(Map.of(
                "winelib.outputFileName", "renamed.dll",
                "winelib.cflags", "-DCALC_OFFSET=1000 -DCALC_EXTRA=7",
                "winelib.compiler", compiler,
                // linked against this machine's libraries instead of the default 'sniper' sysroot
                "winelib.sysroot", "host",
                // Debian 12's glibc: hypot needs GLIBC_2.35, so the 2.31 baseline is raised
                "winelib.glibcBaseline", "2.36")).assertSuccess();

        Path dll = project.resolve("target/renamed.dll");
        assertThat(project.dllsInTarget()).containsExactly("renamed.dll");
        assertThat(build.infoLinesStartingWith("compiling "))
                .containsExactly("compiling " + project.resolve("native/calc.c"));
        assertThat(build.infoLinesStartingWith("winelib DLL "))
                .containsExactly("winelib DLL " + dll + " (4 exports)");

        Path run = project.resolve("run");
        Path exe = MingwHost.compile(project.resolve("host/host.c"), run, "host.exe");
        Files.copy(dll, run.resolve("renamed.dll"));

        Programs.Result result = wine.run(run, exe);

        assertThat(result.exitCode()).as(result.describe("exit code")).isZero();
        assertThat(result.stdout().replace("\r\n", "\n")).as(result.describe("stdout")).isEqualTo(
                "module = renamed.dll\n"
                + "GetModuleHandle(renamed.dll) matches\n"
                // 14 * CALC_SCALE (3, from headers/) + CALC_OFFSET (1000, from -Dwinelib.cflags)
                + "calc_value(14) = 1042\n"
                + "calc_extra() = 7\n"
                // libm's hypot, linked through the POM's <libraries>
                + "calc_hypot(3, 4) = 5\n"
                + "calc_compiler() = " + compiler + "\n");
    }
}
