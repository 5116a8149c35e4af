package dev.winelib.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** What examples/hello's host program prints when it has called hello.dll under Wine. */
final class HelloExample {

    private HelloExample() {
    }

    /** Builds the host program of {@code project}, runs it next to {@code dll} under Wine, checks its output. */
    static void assertHostCallsDll(Wine wine, TestProject project, Path dll) throws Exception {
        Path run = project.resolve("run");
        Path exe = MingwHost.compile(project.resolve("src/test/windows/host.c"), run, "host.exe");
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
