package dev.winelib.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The drop-in test: a Makefile project (src/it/makefile-dropin) that builds its winelib DLL and
 * executables with the unmodified winegcc (which runs $WINEBUILD) and calls winebuild itself for a
 * .def file, import libraries and a fake module, builds, runs under Wine and passes its own checks
 * with {@code WINEBUILD=bin/winebuild-j} and nothing else changed. The same project built with
 * Wine's winebuild is the reference: the modules' PE views, the .def file, the MinGW import library
 * and the fake module are compared with it.
 */
class MakefileDropInIT {

    private static final Duration MAKE_TIMEOUT = Duration.ofSeconds(600);

    private Programs.Result make(Path directory, Path winebuild, Wine wine, String target) throws Exception {
        List<String> command = new ArrayList<>(List.of(ExternalTools.make().toString(), "-j1", target,
                "WINEBUILD=" + winebuild,
                "WINEGCC=" + ExternalTools.winegcc(),
                "WRC=" + ExternalTools.wrc(),
                "MINGW_CC=" + ExternalTools.mingwGcc(),
                "WINE=" + wine.program()));
        return Programs.run(command, directory, Map.of("WINEPREFIX", wine.prefix().toString(),
                "WINEDLLOVERRIDES", "mscoree,mshtml="), e -> {
                    e.remove("DISPLAY");
                    e.remove("WAYLAND_DISPLAY");
                    e.remove("WINEBUILD");
                }, directory.resolve("make-" + target), MAKE_TIMEOUT, null);
    }

    @Test
    void makefileProjectBuildsRunsAndChecksWithWinebuildJ() throws Exception {
        ExternalTools.gcc();
        ExternalTools.mingwGcc();
        ExternalTools.mingwDlltool();
        Builds both = checkWithBoth("makefile-dropin", "--implib -E greet.spec");
        Path o = both.ours();
        Path reference = both.reference();
        for (String module : List.of("greet.dll.so", "app.exe.so", "winapp.exe.so", "wapp.exe.so")) {
            PeViews.assertSame(o.resolve(module), reference.resolve(module));
        }
        for (String file : List.of("greet.def", "libgreet.a", "fake/greet.dll")) {
            assertThat(Files.readAllBytes(o.resolve(file))).as(file + " is byte for byte winebuild's")
                    .isEqualTo(Files.readAllBytes(reference.resolve(file)));
        }
        assertThat(PeViews.read(o.resolve("greet.dll.so")).imports()).as("greet's imports")
                .anySatisfy(i -> assertThat(i.dllName() + i.delayed()).isEqualTo("shlwapi.dlltrue"));
        // the module objects are winebuild-j's: its runtime replaces libwinecrt0's default DllMain, which imports
        // DisableThreadLibraryCalls
        assertThat(PeViews.read(o.resolve("greet.dll.so")).imports()).noneMatch(i -> i.functions().contains(
                "DisableThreadLibraryCalls"));
        assertThat(PeViews.read(reference.resolve("greet.dll.so")).imports()).anyMatch(i -> i.functions().contains(
                "DisableThreadLibraryCalls"));
    }

    /**
     * A project built with {@code winegcc -mno-cygwin} (src/it/makefile-nocygwin): a DLL and two executables
     * compiled against Wine's C runtime, whose C functions (printf, atoi, calloc, exit, ...) are imported
     * from ucrtbase.dll, and fake modules named every way winebuild derives a time stamp from. Built with
     * winebuild-j and with winebuild: the same output under Wine, the same PE views, the same fake modules.
     */
    @Test
    void noCygwinProjectBuildsAndRunsAsWithWinebuild() throws Exception {
        ExternalTools.gcc();
        Builds both = checkWithBoth("makefile-nocygwin", "--dll -mno-cygwin --fake-module");
        Path o = both.ours();
        Path reference = both.reference();
        for (String module : List.of("crtcalc.dll.so", "crtapp.exe.so", "crtwapp.exe.so")) {
            PeViews.assertSame(o.resolve(module), reference.resolve(module));
        }
        assertThat(PeViews.read(o.resolve("crtapp.exe.so")).imports()).as("crtapp's imports")
                .anySatisfy(i -> assertThat(i.dllName()).isEqualTo("ucrtbase.dll"))
                .filteredOn(i -> i.dllName().equals("ucrtbase.dll")).singleElement()
                .satisfies(i -> assertThat(i.functions()).contains("calloc", "exit", "__stdio_common_vfprintf",
                        "_configure_narrow_argv"));
        assertThat(PeViews.read(o.resolve("crtcalc.dll.so")).imports()).filteredOn(i -> i.dllName().equals(
                "ucrtbase.dll")).singleElement().satisfies(i -> assertThat(i.functions()).contains("atoi", "calloc",
                "free"));
        for (String fake : List.of("fake/crtcalc.dll", "fake/nospec/crtcalc.dll.fake", "fake/plain", "fake/crtapp.exe",
                "fake/named.exe", "fake.d/wgcc/crtcalc.dll")) {
            assertThat(Files.readAllBytes(o.resolve(fake))).as(fake + " is byte for byte winebuild's")
                    .isEqualTo(Files.readAllBytes(reference.resolve(fake)));
        }
    }

    /**
     * Runs {@code make check} in a copy of the fixture with winebuild-j (whose output must show it run
     * with {@code arguments}: the Makefile or winegcc really ran it) and in another copy with Wine's
     * winebuild; returns both directories.
     */
    private Builds checkWithBoth(String fixture, String arguments) throws Exception {
        Path winebuildJ = WinebuildJLauncher.locate();
        Path winebuild = ExternalTools.winebuild();
        Wine wine = Wine.locate();
        TestProject ours = TestProject.copy(fixture);
        Programs.Result check = make(ours.directory(), winebuildJ, wine, "check");
        assertThat(check.exitCode()).as(check.describe("make check with WINEBUILD=" + winebuildJ)).isZero();
        assertThat(check.stdout()).contains("check passed", winebuildJ + " " + arguments);

        Path reference = ItSettings.projectsDirectory().resolve(fixture + "-reference");
        TestProject.deleteRecursively(reference);
        copy(ItSettings.projectsSource().resolve(fixture), reference);
        Programs.Result built = make(reference, winebuild, wine, "check");
        assertThat(built.exitCode()).as(built.describe("make check with Wine's winebuild")).isZero();
        return new Builds(ours.directory(), reference);
    }

    /** The fixture built with winebuild-j and with winebuild. */
    private record Builds(Path ours, Path reference) {
    }

    private static void copy(Path from, Path to) throws Exception {
        try (var files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
