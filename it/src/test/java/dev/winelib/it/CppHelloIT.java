package dev.winelib.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * examples/cpp-hello: a winelib DLL written in C++, built by mvn package, called by a Windows
 * program under Wine: a static object whose constructor called kernel32 at DLL_PROCESS_ATTACH,
 * exceptions thrown and caught inside the DLL, the standard library (streams, maps), a Win32 wide
 * string as char16_t, and std::terminate ending the process cleanly.
 */
class CppHelloIT {

    @Test
    void againstSniperWithGxxAndClangxxTheDllNeedsNoGlibcAbove231AndRunsUnderWine() throws Exception {
        ExternalTools.requireBuildTools();
        ExternalTools.gxx();
        ExternalTools.mingwGcc();
        Wine wine = Wine.locate();
        TestProject project = TestProject.copyExample("cpp-hello");

        TestProject.MavenRun build = project.mvnPackage(Map.of("winelib.sysroot", "sniper")).assertSuccess();
        Path dll = project.resolve("target/cpp_hello.dll");
        assertThat(build.infoLinesStartingWith("winelib DLL ")).containsExactly("winelib DLL " + dll + " (6 exports)");
        assertThat(GlibcVersions.needed(dll)).isNotEmpty().allMatch(v -> GlibcVersions.atMost(v, 2, 31));
        assertThat(build.infoLinesStartingWith("needs ")).singleElement().asString().doesNotContain("libstdc++");
        runsUnderWine(wine, project, dll);

        if (ExternalTools.clang().isPresent()) {
            project.mvnPackage(Map.of("winelib.sysroot", "sniper", "winelib.compiler", "clang")).assertSuccess();
            assertThat(GlibcVersions.needed(dll)).allMatch(v -> GlibcVersions.atMost(v, 2, 31));
            runsUnderWine(wine, project, dll);
        }
    }

    @Test
    void againstTheHostLibstdcxxNeedsANewerGlibcThanTheBaseline() throws Exception {
        ExternalTools.requireBuildTools();
        ExternalTools.gxx();
        ExternalTools.mingwGcc();
        Wine wine = Wine.locate();
        TestProject project = TestProject.copyExample("cpp-hello");

        TestProject.MavenRun refused = project.mvnPackage(Map.of("winelib.sysroot", "host")).assertFailure();
        assertThat(refused.text()).contains("newer than glibc 2.31").containsPattern("referenced by \\S*libstdc\\+\\+\\.a\\(");
        assertThat(project.dllsInTarget()).isEmpty();

        project.mvnPackage(Map.of("winelib.sysroot", "host", "winelib.glibcBaseline", "none")).assertSuccess();
        runsUnderWine(wine, project, project.resolve("target/cpp_hello.dll"));
    }

    private static void runsUnderWine(Wine wine, TestProject project, Path dll) throws Exception {
        Path run = project.resolve("run");
        TestProject.deleteRecursively(run);
        Path exe = MingwHost.compile(project.resolve("src/test/windows/host.c"), run, "host.exe");
        Files.copy(dll, run.resolve("cpp_hello.dll"));

        Programs.Result result = wine.run(run, exe);

        assertThat(result.stdout().replace("\r\n", "\n")).as(result.describe("stdout")).isEqualTo("""
                static constructor saw this process: yes
                sum = 42, tokens rejected by exceptions: 2
                describe: cpp_hello saw ax1 bx3 cx1
                wide length: 14
                """);
        assertThat(result.exitCode()).as(result.describe("exit code")).isZero();

        // std::terminate: the DLL's handler reports the exception and ends the process with exit code 3
        Programs.Result terminate = wine.run(run, exe, "terminate");
        assertThat(terminate.exitCode()).as(terminate.describe("exit code")).isEqualTo(3);
        assertThat(terminate.stdout().replace("\r\n", "\n")).as(terminate.describe("stdout"))
                .isEqualTo("calling cpp_hello_fail\n");
        assertThat(terminate.stderr()).as(terminate.describe("stderr"))
                .contains("cpp_hello: terminating: cpp_hello_fail was called with 'on purpose'");
    }
}
