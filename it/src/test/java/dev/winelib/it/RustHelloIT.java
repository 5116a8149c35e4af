package dev.winelib.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * examples/rust-hello: a winelib DLL written in Rust, built by mvn package (cargo builds the crate),
 * called by a Windows program under Wine: /proc/version read with std::fs and freed through a
 * second export, kernel32 called through an import slot and an import thunk, DllMain in Rust,
 * println!, and a panic that ends the process cleanly.
 */
class RustHelloIT {

    @Test
    void againstSniperTheDllNeedsNoGlibcAbove231AndRunsUnderWine() throws Exception {
        ExternalTools.requireBuildTools();
        ExternalTools.cargo();
        ExternalTools.mingwGcc();
        Wine wine = Wine.locate();
        TestProject project = TestProject.copyExample("rust-hello");

        TestProject.MavenRun build = project.mvnPackage(Map.of("winelib.sysroot", "sniper")).assertSuccess();

        Path dll = project.resolve("target/rust_hello.dll");
        assertThat(build.infoLinesStartingWith("winelib DLL ")).containsExactly("winelib DLL " + dll + " (7 exports)");
        assertThat(project.resolve("target/cargo/x86_64-unknown-linux-gnu/release/librust_hello.a")).isRegularFile();
        assertThat(GlibcVersions.needed(dll)).isNotEmpty().allMatch(v -> GlibcVersions.atMost(v, 2, 31));
        runsUnderWine(wine, project, dll);

        // cargo runs again and has nothing to do: the DLL is not linked again
        TestProject.MavenRun again = project.mvnPackage(Map.of("winelib.sysroot", "sniper")).assertSuccess();
        assertThat(again.infoLinesStartingWith("up to date: ")).containsExactly("up to date: " + dll);
    }

    @Test
    void againstTheHostRustStdNeedsANewerGlibcThanTheBaseline() throws Exception {
        ExternalTools.requireBuildTools();
        ExternalTools.cargo();
        ExternalTools.mingwGcc();
        Wine wine = Wine.locate();
        TestProject project = TestProject.copyExample("rust-hello");

        TestProject.MavenRun refused = project.mvnPackage(Map.of("winelib.sysroot", "host")).assertFailure();
        assertThat(refused.text()).contains("newer than glibc 2.31").containsPattern("referenced by \\S*librust_hello\\.a\\(");
        assertThat(project.dllsInTarget()).isEmpty();

        project.mvnPackage(Map.of("winelib.sysroot", "host", "winelib.glibcBaseline", "none")).assertSuccess();
        runsUnderWine(wine, project, project.resolve("target/rust_hello.dll"));
    }

    private static void runsUnderWine(Wine wine, TestProject project, Path dll) throws Exception {
        Path run = project.resolve("run");
        TestProject.deleteRecursively(run);
        Path exe = MingwHost.compile(project.resolve("src/test/windows/host.c"), run, "host.exe");
        Files.copy(dll, run.resolve("rust_hello.dll"));

        Programs.Result result = wine.run(run, exe);

        String procVersion = Files.readString(Path.of("/proc/version"), StandardCharsets.ISO_8859_1);
        assertThat(result.stdout().replace("\r\n", "\n")).as(result.describe("stdout")).isEqualTo(
                "DllMain attached: 1 time(s)\n"
                        + "process id from Rust matches: yes\n"
                        + "thread id from Rust matches: yes\n"
                        + "rust_hello_proc_version returned " + procVersion.length() + " bytes:\n"
                        + procVersion
                        + "println! from Rust inside the Windows process\n"
                        + "done\n");
        assertThat(result.exitCode()).as(result.describe("exit code")).isZero();

        // a panic: Rust's message, then the DLL's panic hook ends the process with exit code 101 (without
        // it, abort() would end in hundreds of nested exceptions and a stack overflow under Wine)
        Programs.Result panic = wine.run(run, exe, "panic");
        assertThat(panic.exitCode()).as(panic.describe("exit code")).isEqualTo(101);
        assertThat(panic.stdout().replace("\r\n", "\n")).as(panic.describe("stdout"))
                .isEqualTo("calling rust_hello_panic\n");
        assertThat(panic.stderr()).as(panic.describe("stderr")).contains("panicked at")
                .contains("rust_hello_panic was called with 'on purpose'");
    }
}
