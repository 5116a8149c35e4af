package dev.winelib.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** examples/hello itself: mvn package builds hello.dll, and a Windows program calls it under Wine. */
class HelloIT {

    @Test
    void helloDllBuiltByMavenIsLoadedAndCalledUnderWine() throws Exception {
        ExternalTools.requireBuildTools();
        ExternalTools.mingwGcc();
        Wine wine = Wine.locate();
        TestProject project = TestProject.copyExample("hello");

        TestProject.MavenRun build = project.mvnPackage().assertSuccess();

        Path dll = project.resolve("target/hello.dll");
        assertThat(project.dllsInTarget()).containsExactly("hello.dll");
        assertThat(build.infoLinesStartingWith("winelib DLL "))
                .containsExactly("winelib DLL " + dll + " (2 exports)");
        byte[] bytes = Files.readAllBytes(dll);
        assertThat(bytes).startsWith(0x7f, 'E', 'L', 'F');

        Path run = project.resolve("run");
        Path exe = MingwHost.compile(project.resolve("host/host.c"), run, "host.exe");
        Files.copy(dll, run.resolve("hello.dll"));

        Programs.Result result = wine.run(run, exe);

        String procVersion = Files.readString(Path.of("/proc/version"), StandardCharsets.ISO_8859_1);
        assertThat(result.exitCode()).as(result.describe("exit code")).isZero();
        // the DLL read /proc/version with Linux stdio inside the Windows process: the same text as here
        assertThat(result.stdout().replace("\r\n", "\n")).as(result.describe("stdout"))
                .isEqualTo("hello_add(2, 40) = 42\n"
                        + "hello_proc_version returned " + procVersion.length() + " bytes:\n"
                        + procVersion);
    }
}
