package dev.winelib.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * src/it/unixlib-features under Wine: concurrent first calls, a call without parameters, a status
 * from the Unix side, UTF-16 text, an export by ordinal, a forward and a stub; the WOW64 table; and
 * what a broken declaration or a missing Unix function does to the build.
 */
class UnixlibFeaturesIT {

    @Test
    void everyKindOfExportAndCallWorksUnderWine() throws Exception {
        ExternalTools.requireBuildTools();
        ExternalTools.mingwGcc();
        Wine wine = Wine.locate();
        TestProject project = TestProject.copy("unixlib-features");

        project.mvnPackage().assertSuccess();

        Path target = project.resolve("target");
        String symbols = Programs.run(List.of("readelf", "--dyn-syms", "--wide", "features.so"), target,
                target.resolve("readelf"), Duration.ofSeconds(30)).assertSuccess().stdout();
        assertThat(symbols).contains(" __wine_unix_call_funcs", " __wine_unix_call_wow64_funcs")
                .doesNotContain("do_ping", "unix_fail", "wow64_count_units");

        Path run = project.resolve("run");
        Path exe = MingwHost.compile(project.resolve("host/host.c"), run, "host.exe");
        Files.copy(target.resolve("features.dll"), run.resolve("features.dll"));
        wine.run(run, exe); // creates the prefix, if needed, without WINEDLLPATH
        Programs.Result result = wine.runWithEnvironment(run, exe, Map.of("WINEDLLPATH", target.toString()));

        assertThat(result.exitCode()).as(result.describe("exit code")).isZero();
        assertThat(result.stdout().replace("\r\n", "\n")).as(result.describe("stdout")).isEqualTo("""
                secret by name: not found
                threads: 8, failures: 0
                count_units: status 0x00000000, 8 units
                ping: status 0x00000000
                fail: status 0xc0000022
                secret by ordinal: 7
                forward is kernel32's Sleep: yes
                stub exception 80000100 flags=1 params=2 module=features.dll function=features_later
                """);
    }

    @Test
    void aBrokenDeclarationFailsTheBuildAtItsLineAndRemovesBothHalves() throws Exception {
        ExternalTools.requireBuildTools();
        ExternalTools.mingwGcc();
        TestProject project = TestProject.copy("unixlib-features");
        project.mvnPackage().assertSuccess();
        assertThat(project.resolve("target/features.dll")).exists();
        assertThat(project.resolve("target/features.so")).exists();

        Path calls = project.resolve("src/main/spec/features.unixcalls");
        String text = Files.readString(calls, StandardCharsets.UTF_8);
        Files.writeString(calls, text.replace("    int32 status", "    long status"), StandardCharsets.UTF_8);
        TestProject.MavenRun build = project.mvnPackage().assertFailure();

        assertThat(build.log()).as(build.text()).anySatisfy(line -> assertThat(line).startsWith("[ERROR] ")
                .contains(calls + ":7:5: 'long' is 32 bits in the PE half (Windows) and 64 bits in the Unix half"
                        + " (Linux): use int32 or int64"));
        assertThat(build.infoLinesStartingWith("compiling ")).isEmpty();
        assertThat(project.resolve("target/features.dll")).doesNotExist();
        assertThat(project.resolve("target/features.so")).doesNotExist();
    }

    @Test
    void aMissingUnixFunctionIsNamedWithWhereItIsDeclared() throws Exception {
        ExternalTools.requireBuildTools();
        ExternalTools.mingwGcc();
        TestProject project = TestProject.copy("unixlib-features");
        Path source = project.resolve("src/main/unix/features_unix.c");
        String text = Files.readString(source, StandardCharsets.UTF_8);
        Files.writeString(source, text.replace("NTSTATUS do_ping(void)", "NTSTATUS do_pong(void)"),
                StandardCharsets.UTF_8);

        TestProject.MavenRun build = project.mvnPackage().assertFailure();

        assertThat(build.text()).contains("features.so: the Unix sources (" + project.resolve("src/main/unix")
                + ") do not define every function the unix calls need:")
                .contains("features.unixcalls:4: call 'ping' needs NTSTATUS do_ping(void)");
        assertThat(project.resolve("target/features.dll")).doesNotExist();
    }
}
