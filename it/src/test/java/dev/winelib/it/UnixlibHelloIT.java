package dev.winelib.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * examples/unixlib-hello: mvn package builds unixhello.dll (mingw, marked builtin) and unixhello.so
 * (against the default 'sniper' sysroot, then the host), and a Windows program calls through the DLL into the
 * Linux code under Wine: /proc/version, a structure both ways, and codes without a call.
 */
class UnixlibHelloIT {

    @Test
    void bothHalvesBuiltByMavenWorkTogetherUnderWine() throws Exception {
        ExternalTools.requireBuildTools();
        ExternalTools.mingwGcc();
        Wine wine = Wine.locate();
        TestProject project = TestProject.copyExample("unixlib-hello");

        TestProject.MavenRun build = project.mvnPackage().assertSuccess();

        Path target = project.resolve("target");
        Path dll = target.resolve("unixhello.dll");
        Path so = target.resolve("unixhello.so");
        assertThat(build.infoLinesStartingWith("unixlib ")).containsExactly(
                "unixlib DLL " + dll + " (4 exports)",
                "unixlib Unix library " + so + " (2 calls)");
        // the default sysroot is 'sniper': the Unix half needs no glibc above 2.31
        assertThat(glibcVersionsNeeded(so)).isNotEmpty().allSatisfy(v -> assertThat(v).isLessThanOrEqualTo(231));
        byte[] dllBytes = Files.readAllBytes(dll);
        assertThat(dllBytes).startsWith('M', 'Z');
        assertThat(new String(Arrays.copyOfRange(dllBytes, 0x40, 0x60), StandardCharsets.US_ASCII))
                .isEqualTo("Wine builtin DLL" + "\0".repeat(16));
        assertThat(Files.readAllBytes(so)).startsWith(0x7f, 'E', 'L', 'F');

        Path run = project.resolve("run");
        Path exe = MingwHost.compile(project.resolve("src/test/windows/host.c"), run, "host.exe");
        Files.copy(dll, run.resolve("unixhello.dll"));

        // Without WINEDLLPATH Wine loads the DLL but knows no Unix library for it: every call says so.
        // (This run also creates the prefix, if needed, without WINEDLLPATH.)
        Programs.Result alone = wine.run(run, exe);
        assertThat(alone.exitCode()).as(alone.describe("exit code")).isEqualTo(1);
        assertThat(lines(alone)).as(alone.describe("stdout")).containsExactly(
                "init: status 0xc0000135",
                "proc_version: status 0xc0000135, 0 bytes",
                "transform: status 0xc0000135, sum 0, scaled 0.00, label \"hello from windows\", unix pid not set",
                "call code 2: status 0xc0000135",
                "call code 0xffffffff: status 0xc0000135");

        // With WINEDLLPATH naming target/, Wine takes the builtin from there, with unixhello.so beside it.
        assertWorks(wine.runWithEnvironment(run, exe, Map.of("WINEDLLPATH", target.toString())));

        // Wine's own layout: DIR/x86_64-windows/NAME.dll and DIR/x86_64-unix/NAME.so
        Path tree = project.resolve("wine-tree");
        Files.createDirectories(tree.resolve("x86_64-windows"));
        Files.createDirectories(tree.resolve("x86_64-unix"));
        Files.copy(dll, tree.resolve("x86_64-windows/unixhello.dll"));
        Files.copy(so, tree.resolve("x86_64-unix/unixhello.so"));
        assertWorks(wine.runWithEnvironment(run, exe, Map.of("WINEDLLPATH", tree.toString())));

        // against the host's libraries: only the Unix half is rebuilt
        TestProject.MavenRun host = project.mvnPackage(Map.of("winelib.sysroot", "host")).assertSuccess();
        assertThat(host.infoLinesStartingWith("unixlib ")).containsExactly(
                "unixlib DLL " + dll + " (4 exports, up to date)",
                "unixlib Unix library " + so + " (2 calls)");
        assertWorks(wine.runWithEnvironment(run, exe, Map.of("WINEDLLPATH", target.toString())));

        // install: the DLL is the artifact, the Unix library is attached
        project.mvnInstall().assertSuccess();
        Path installed = ItSettings.localRepository().resolve("dev/winelib/examples/unixlib-hello/0.1.0-SNAPSHOT");
        assertThat(installed.resolve("unixlib-hello-0.1.0-SNAPSHOT.dll")).hasSameBinaryContentAs(dll);
        assertThat(installed.resolve("unixlib-hello-0.1.0-SNAPSHOT-x86_64-unix.so")).hasSameBinaryContentAs(so);
    }

    private static void assertWorks(Programs.Result result) throws Exception {
        String procVersion = Files.readString(Path.of("/proc/version"), StandardCharsets.ISO_8859_1);
        assertThat(result.exitCode()).as(result.describe("exit code")).isZero();
        assertThat(result.stdout().replace("\r\n", "\n")).as(result.describe("stdout")).isEqualTo(
                "init: status 0x00000000\n"
                + "proc_version: status 0x00000000, " + procVersion.length() + " bytes\n"
                + procVersion
                + "transform: status 0x00000000, sum 42, scaled 105.00, label \"HELLO FROM WINDOWS\", unix pid set\n"
                + "call code 2: status 0xc000001c\n"
                + "call code 0xffffffff: status 0xc000001c\n");
    }

    private static List<String> lines(Programs.Result result) {
        return List.of(result.stdout().replace("\r\n", "\n").split("\n"));
    }

    /** The glibc versions a library needs, as 2.31 -> 231, read with readelf. */
    private static List<Integer> glibcVersionsNeeded(Path library) throws Exception {
        Programs.Result r = Programs.run(List.of("readelf", "-V", library.toString()), library.getParent(),
                library.resolveSibling("readelf"), java.time.Duration.ofSeconds(30)).assertSuccess();
        Matcher m = Pattern.compile("Name: GLIBC_(\\d+)\\.(\\d+)").matcher(r.stdout());
        List<Integer> versions = new java.util.ArrayList<>();
        while (m.find()) {
            versions.add(Integer.parseInt(m.group(1)) * 100 + Integer.parseInt(m.group(2)));
        }
        return versions;
    }
}
