package dev.winelib.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * A winelib DLL whose Linux-side C code calls Win32: kernel32 and user32 through its import table,
 * a function imported by ordinal, a delay-loaded DLL, kernel32 from a C constructor (run at
 * DLL_PROCESS_ATTACH, not at dlopen), DllMain attached exactly once, and a stub export that
 * raises Wine's stub exception. Built with mvn package without any file of Wine but export lists.
 */
class Win32CallsIT {

    @Test
    void linuxCodeCallsWin32AndStubsRaiseTheWineStubException() throws Exception {
        ExternalTools.requireBuildTools();
        ExternalTools.mingwGcc();
        Wine wine = Wine.locate();
        TestProject project = TestProject.copy("win32calls");
        project.mvnPackage().assertSuccess();

        Path run = project.resolve("run");
        Path exe = MingwHost.compile(project.resolve("host/host.c"), run, "host.exe");
        MingwHost.compileDll(List.of(project.resolve("host/ordlib.c"), project.resolve("host/ordlib.def")), run,
                "ordlib.dll");
        MingwHost.compileDll(List.of(project.resolve("host/lazylib.c")), run, "lazylib.dll");
        Files.copy(project.resolve("target/win32calls.dll"), run.resolve("win32calls.dll"));

        Programs.Result result = wine.run(run, exe);

        assertThat(result.stdout().replace("\r\n", "\n")).as(result.describe("stdout")).isEqualTo("""
                major version matches: yes
                upper: 17 LINUX AND WINDOWS
                constructor saw this process: yes
                constructor tick ok: 1
                attach count after two loads: 1 (same module: yes)
                by ordinal: 4242
                lazylib loaded before first call: no
                delay import: 777
                lazylib loaded after first call: yes
                stub exception 80000100 flags=1 params=2 module=win32calls.dll function=w32_unimplemented
                """);
        assertThat(result.exitCode()).as(result.describe("exit code")).isZero();
    }

    /**
     * {@code <cRuntime>ucrtbase</cRuntime>}: the C code is compiled with Wine's msvcrt headers and its C
     * functions (printf, atoi, calloc, strtol, errno) are ucrtbase.dll's, as with winegcc -mno-cygwin.
     */
    @Test
    void cCodeOnWinesCRuntimeImportsItsCFunctionsFromUcrtbase() throws Exception {
        ExternalTools.requireBuildTools();
        ExternalTools.mingwGcc();
        Wine wine = Wine.locate();
        TestProject project = TestProject.copy("crt-ucrtbase");
        project.mvnPackage().assertSuccess();

        Path dll = project.resolve("target/crtcalc.dll");
        assertThat(PeViews.read(dll).imports()).filteredOn(i -> i.dllName().equals("ucrtbase.dll")).singleElement()
                .satisfies(i -> assertThat(i.functions()).contains("atoi", "calloc", "free", "strtol", "_errno",
                        "__stdio_common_vfprintf"));
        Path run = project.resolve("run");
        Path exe = MingwHost.compile(project.resolve("host/host.c"), run, "host.exe");
        Files.copy(dll, run.resolve("crtcalc.dll"));

        Programs.Result result = wine.run(run, exe);
        assertThat(result.stdout().replace("\r\n", "\n")).as(result.describe("stdout")).isEqualTo("""
                crtcalc: 12 + 30 = 42 (MulDiv 63)
                sum 42
                errno 34
                ucrtbase loaded: yes
                """);
        assertThat(result.exitCode()).as(result.describe("exit code")).isZero();
    }

    @Test
    void symbolsNothingDefinesFailTheBuildWithOneMessage() throws Exception {
        ExternalTools.requireBuildTools();
        TestProject project = TestProject.copy("unresolved");
        TestProject.MavenRun build = project.mvnPackage().assertFailure();
        String log = String.join("\n", build.log());
        assertThat(log).contains("undefined symbols: no imported DLL exports them and no library defines them:")
                .contains("  - NoSuchWin32Function (referenced by unresolved.c")
                .contains("  - no_such_linux_function (referenced by unresolved.c")
                .contains("DLLs searched: advapi32, user32, kernel32, ntdll")
                .contains("libraries searched: libc, libgcc, libgcc_s, in ");
        assertThat(project.dllsInTarget()).isEmpty();
    }
}
