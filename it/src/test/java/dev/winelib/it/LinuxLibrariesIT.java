package dev.winelib.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * examples/linux-libraries: plain Linux code calling Vulkan, PulseAudio and SDL2, built with
 * {@code mvn package} from an empty sysroot cache on a machine where apt and dpkg fail (Maven runs
 * in a mount namespace in which they are replaced by a failing program); the DLL needs no glibc
 * above 2.31 and needs the three libraries; a Windows program calls it under Wine and gets the
 * versions of this machine's libraries. Without the packages the build fails naming the header and
 * {@code <sysrootPackages>}.
 */
class LinuxLibrariesIT {

    private static final List<String> APT_AND_DPKG = List.of("apt-get", "apt", "dpkg", "dpkg-deb");
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");

    @Test
    void buildsFromAnEmptyCacheWithoutAptAndCallsTheHostsLibrariesUnderWine() throws Exception {
        ExternalTools.requireBuildTools();
        ExternalTools.mingwGcc();
        Wine wine = Wine.locate();
        TestProject project = TestProject.copyExample("linux-libraries");
        Map<String, String> emptyCache = TestProject.emptySysrootCache("linux-libraries-empty-cache");

        TestProject.MavenRun build = project.mvn(mavenWithoutAptAndDpkg(project.directory()), List.of("package"),
                Map.of(), emptyCache, true).assertSuccess();
        assertThat(build.infoLinesStartingWith("provisioning the 'sniper' sysroot")).singleElement()
                .asString().contains("+ libpulse-dev libsdl2-dev libvulkan-dev");
        Path dll = project.resolve("target/linuxlibs.dll");
        assertThat(build.infoLinesStartingWith("winelib DLL ")).containsExactly("winelib DLL " + dll + " (3 exports)");

        assertThat(GlibcVersions.needed(dll)).isNotEmpty().allMatch(v -> GlibcVersions.atMost(v, 2, 31));
        assertThat(needed(dll)).contains("libvulkan.so.1", "libpulse.so.0", "libSDL2-2.0.so.0");

        Path run = project.resolve("run");
        Path exe = MingwHost.compile(project.resolve("src/test/windows/versions.c"), run, "versions.exe");
        Files.copy(dll, run.resolve("linuxlibs.dll"));
        Programs.Result result = wine.run(run, exe);
        assertThat(result.exitCode()).as(result.describe("exit code")).isZero();
        List<String> lines = result.stdout().replace("\r\n", "\n").lines().toList();
        assertThat(lines).as(result.describe("stdout")).hasSize(3);
        // the DLL runs against this machine's libraries: their versions, not the sysroot's (14.2, 2.0.14, 1.2.162)
        assertVersion(lines.get(0), "PulseAudio ", "libpulse0");
        assertVersion(lines.get(1), "SDL2 ", "libsdl2-2.0-0");
        assertVersion(lines.get(2), "Vulkan loader ", "libvulkan1");
    }

    @Test
    void withoutThePackagesTheBuildNamesTheHeaderAndSysrootPackages() throws Exception {
        ExternalTools.requireBuildTools();
        TestProject project = TestProject.copyExampleAs("linux-libraries", "linux-libraries-without-packages");
        Path pom = project.resolve("pom.xml");
        String configured = Files.readString(pom, StandardCharsets.UTF_8);
        String bare = configured.replaceAll("(?s)\\s*<sysrootPackages>.*</sysrootPackages>", "")
                .replaceAll("(?s)\\s*<pkgConfig>.*</pkgConfig>", "");
        assertThat(bare).doesNotContain("libpulse-dev", "<module>");
        Files.writeString(pom, bare, StandardCharsets.UTF_8);

        TestProject.MavenRun build = project.mvnPackage().assertFailure();
        assertThat(build.text()).contains("fatal error: pulse/version.h: No such file or directory")
                .contains("The 'sniper' sysroot holds only the Debian 11 packages it was made of")
                .contains("The header <pulse/version.h> is in Debian 11 package 'libpulse-dev'")
                .contains("<sysrootPackages><sysrootPackage>libpulse-dev</sysrootPackage></sysrootPackages>");
        assertThat(project.dllsInTarget()).isEmpty();
    }

    /**
     * A script that runs Maven inside {@code unshare -m}, with a program that fails bind-mounted over
     * apt and dpkg: the build sees a machine on which they do not work.
     */
    private static Path mavenWithoutAptAndDpkg(Path directory) throws Exception {
        Path unshare = Path.of("/usr/bin/unshare");
        if (!Files.isExecutable(unshare) || new ProcessBuilder(unshare.toString(), "-m", "true")
                .redirectErrorStream(true).start().waitFor() != 0) {
            String why = "unshare -m is not available or not permitted here (util-linux; needs root or user"
                    + " namespaces), so apt and dpkg cannot be made to fail for the build";
            if (ExternalTools.onCi()) {
                throw new AssertionError(why + "; CI=true, so this fails instead of skipping");
            }
            Assumptions.abort(why);
        }
        Path failing = directory.resolve("apt-and-dpkg-fail");
        Files.writeString(failing, "#!/bin/sh\necho \"$0 must not be used by the build\" >&2\nexit 97\n");
        Files.setPosixFilePermissions(failing, PosixFilePermissions.fromString("rwxr-xr-x"));
        StringBuilder inside = new StringBuilder("set -e; ");
        for (String tool : APT_AND_DPKG) {
            Path p = Path.of("/usr/bin", tool);
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                inside.append("mount --bind ").append(failing).append(' ').append(p).append("; ");
            }
        }
        inside.append("if dpkg --version >/dev/null 2>&1 || apt-get --version >/dev/null 2>&1; then"
                + " echo \"apt or dpkg still works\" >&2; exit 3; fi; exec \"$@\"");
        Path script = directory.resolve("mvn-without-apt-and-dpkg");
        Files.writeString(script, "#!/bin/sh\nexec " + unshare + " -m sh -c '" + inside + "' sh "
                + ItSettings.mavenHome().resolve("bin/mvn") + " \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    /** The DT_NEEDED libraries, as readelf lists them. */
    private static List<String> needed(Path sharedObject) throws Exception {
        Programs.Result r = Programs.run(List.of("readelf", "-d", "--wide", sharedObject.toString()),
                sharedObject.getParent(), sharedObject.resolveSibling("readelf-d"), Duration.ofSeconds(30))
                .assertSuccess();
        List<String> libraries = new ArrayList<>();
        Matcher m = Pattern.compile("\\(NEEDED\\)\\s+Shared library: \\[([^]]+)]").matcher(r.stdout());
        while (m.find()) {
            libraries.add(m.group(1));
        }
        return libraries;
    }

    /**
     * {@code line} is {@code prefix} and a version; when dpkg knows {@code hostPackage}, its upstream
     * version starts with what the program printed (PulseAudio prints 16.1.0 for 16.1).
     */
    private static void assertVersion(String line, String prefix, String hostPackage) throws Exception {
        assertThat(line).startsWith(prefix);
        Matcher printed = VERSION.matcher(line.substring(prefix.length()));
        assertThat(printed.matches()).as(line).isTrue();
        Optional<String> host = hostVersion(hostPackage);
        if (host.isPresent()) {
            String expected = printed.group(3).equals("0") && !host.get().startsWith(printed.group())
                    ? printed.group(1) + "." + printed.group(2) : printed.group();
            assertThat(host.get()).as("%s: the host's %s", line, hostPackage).startsWith(expected);
        }
    }

    private static Optional<String> hostVersion(String debianPackage) throws Exception {
        Optional<Path> dpkgQuery = ExternalTools.onPath("dpkg-query");
        if (dpkgQuery.isEmpty()) {
            return Optional.empty();
        }
        Path out = ItSettings.projectsDirectory().resolve("dpkg-query-" + debianPackage);
        Programs.Result r = Programs.run(List.of(dpkgQuery.get().toString(), "-W", "-f=${Version}", debianPackage),
                ItSettings.projectsDirectory(), out, Duration.ofSeconds(30));
        if (r.exitCode() != 0) {
            return Optional.empty();
        }
        String version = r.stdout().strip();
        int epoch = version.indexOf(':');
        return Optional.of(epoch >= 0 ? version.substring(epoch + 1) : version);
    }
}
