package dev.winelib.toolchain.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.sysroot.Sysroot;
import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.BuildLog;
import dev.winelib.toolchain.RequiredTools;
import dev.winelib.toolchain.elf.ElfFile;
import dev.winelib.toolchain.process.ProcessRunner;
import dev.winelib.toolchain.process.ToolLocator;

/** Links against a sysroot directory with absolute symlinks, as Debian-derived sysroots have. */
class SysrootLinkTest {

    @TempDir
    Path dir;

    @Test
    void linksAgainstATreeWithAbsoluteSymlinksWithoutChangingIt() throws Exception {
        RequiredTools.require("gcc", "gcc");
        Path lld = RequiredTools.linker();
        Path sysroot = FakeDebianSysroot.create(dir.resolve("sysroot"));
        Map<String, String> before = listing(sysroot);

        // The naive link fails: ld.lld follows the absolute link out of the tree.
        Path project = TestProjects.write(dir.resolve("p"), TestProjects.SPEC, TestProjects.SOURCE_WITHOUT_HEADERS);
        var naive = ProcessRunner.run(List.of(lld.toString(), "-shared", "--sysroot=" + sysroot,
                "-L" + sysroot.resolve("usr/lib/x86_64-linux-gnu"), "-lc", "-o", dir.resolve("naive.so").toString()),
                dir, Map.of());
        assertThat(naive.exitCode()).isNotZero();
        assertThat(naive.output()).contains("/lib64/ld-linux-x86-64.so.2");

        BuildResult result = new WinelibBuilder(ToolLocator.fromEnvironment(), BuildLog.silent()).build(
                TestProjects.request(project, dir.resolve("views")).sysroot(Sysroot.directory(sysroot))
                        .libraries(List.of("m")).build());

        assertThat(result.image().nameTable()).contains("add", "mul");
        assertThat(listing(sysroot)).isEqualTo(before);
        List<String> needed = neededLibraries(result.outputFile());
        assertThat(needed).contains("libc.so.6");
        try (var views = Files.list(dir.resolve("views"))) {
            assertThat(views.filter(p -> !p.getFileName().toString().startsWith(".")).count()).isEqualTo(1);
        }
    }

    @Test
    void incompleteSysrootSaysWhatIsMissing() throws Exception {
        RequiredTools.require("gcc", "gcc");
        Path sysroot = FakeDebianSysroot.create(dir.resolve("sysroot"));
        Files.delete(sysroot.resolve("usr/lib/x86_64-linux-gnu/crti.o"));
        Path project = TestProjects.write(dir.resolve("p"), TestProjects.SPEC, TestProjects.SOURCE_WITHOUT_HEADERS);
        assertThatThrownBy(() -> new WinelibBuilder(ToolLocator.fromEnvironment(), BuildLog.silent()).build(
                TestProjects.request(project, dir.resolve("views")).sysroot(Sysroot.directory(sysroot)).build()))
                .isInstanceOf(BuildFailure.class)
                .hasMessageContaining("has no crti.o")
                .hasMessageContaining("libc6-dev");
    }

    @Test
    void sysrootThatIsNotADirectoryIsRefused() throws Exception {
        RequiredTools.require("gcc", "gcc");
        Path project = TestProjects.write(dir.resolve("p"), TestProjects.SPEC, TestProjects.SOURCE_WITHOUT_HEADERS);
        assertThatThrownBy(() -> new WinelibBuilder(ToolLocator.fromEnvironment(), BuildLog.silent()).build(
                TestProjects.request(project, dir.resolve("views")).sysroot(Sysroot.directory(dir.resolve("nope")))
                        .build()))
                .isInstanceOf(BuildFailure.class)
                .hasMessageContaining("is not a directory");
    }

    private static Map<String, String> listing(Path root) throws Exception {
        Map<String, String> m = new TreeMap<>();
        try (var walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                String v = Files.isSymbolicLink(p) ? "-> " + Files.readSymbolicLink(p)
                        : Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "dir"
                        : Files.size(p) + " " + Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
                m.put(root.relativize(p).toString(), v);
            }
        }
        return m;
    }

    private static List<String> neededLibraries(Path so) throws Exception {
        String out = ProcessRunner.check("readelf", List.of("readelf", "-d", so.toString()), null);
        return out.lines().filter(l -> l.contains("(NEEDED)"))
                .map(l -> l.substring(l.indexOf('[') + 1, l.indexOf(']'))).toList();
    }

    static ElfFile read(Path p) throws Exception {
        return ElfFile.read(p);
    }
}
