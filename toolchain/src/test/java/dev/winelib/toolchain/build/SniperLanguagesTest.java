package dev.winelib.toolchain.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.sysroot.Sysroot;
import dev.winelib.sysroot.SysrootResolver;
import dev.winelib.toolchain.BuildLog;
import dev.winelib.toolchain.RequiredTools;
import dev.winelib.toolchain.process.ProcessRunner;
import dev.winelib.toolchain.process.ToolLocator;

/**
 * C++ and Rust against the 'sniper' sysroot (provisioned into the user's sysroot cache on first
 * use): the glibc 2.31 baseline holds with libstdc++ and with Rust's standard library linked in.
 */
class SniperLanguagesTest {

    private static final Pattern GLIBC = Pattern.compile("GLIBC_(\\d+)\\.(\\d+)");

    @TempDir
    Path dir;

    @Test
    void cxxWithGxxAndClangxxNeedsNoGlibcAbove231AndNoLibstdcxx() throws Exception {
        RequiredTools.require("g++", "g++");
        RequiredTools.require("clang++", "clang");
        Sysroot sniper = sniper();
        for (String compiler : List.of("gcc", "clang")) {
            Path project = dir.resolve(compiler);
            Files.createDirectories(project.resolve("src"));
            Files.writeString(project.resolve("test.spec"), CxxModuleBuildTest.SPEC);
            Files.writeString(project.resolve("src/test.cpp"), CxxModuleBuildTest.CXX_SOURCE);
            Files.writeString(project.resolve("src/helper.c"), CxxModuleBuildTest.C_SOURCE);
            BuildResult result = new WinelibBuilder(ToolLocator.fromEnvironment(), BuildLog.silent()).build(
                    WinelibBuildRequest.builder(project.resolve("test.spec"), project.resolve("out/test.dll"),
                                    project.resolve("work"))
                            .sources(List.of(project.resolve("src/helper.c"), project.resolve("src/test.cpp")))
                            .sourceRoot(project.resolve("src")).sysroot(sniper).compiler(compiler)
                            .viewsDirectory(dir.resolve("views")).build());
            assertNoGlibcAbove231(result.outputFile());
            String dynamic = ProcessRunner.check("readelf", List.of("readelf", "-d", result.outputFile().toString()),
                    dir);
            assertThat(dynamic).as(compiler).doesNotContain("libstdc++");
        }
    }

    @Test
    void rustStdNeedsNoGlibcAbove231() throws Exception {
        RequiredTools.require("cargo", "cargo");
        Sysroot sniper = sniper();
        Files.writeString(dir.resolve("test.spec"), RustCrates.SPEC);
        RustCrates.write(dir.resolve("crate"), "rust_test", "staticlib", RustCrates.LIB);
        BuildResult result = new WinelibBuilder(ToolLocator.fromEnvironment(), BuildLog.silent()).build(
                WinelibBuildRequest.builder(dir.resolve("test.spec"), dir.resolve("out/test.dll"), dir.resolve("work"))
                        .sysroot(sniper).viewsDirectory(dir.resolve("views"))
                        .rustCrate(RustCrates.crate(dir.resolve("crate"), dir.resolve("cargo"))).build());
        assertNoGlibcAbove231(result.outputFile());
        assertThat(result.image().nameTable()).containsExactly("rust_ids", "rust_len");
    }

    private static Sysroot sniper() throws Exception {
        RequiredTools.require("gcc", "gcc");
        RequiredTools.debianArchive();
        RequiredTools.linker();
        return SysrootResolver.standard().resolve(SysrootResolver.SNIPER);
    }

    private void assertNoGlibcAbove231(Path module) throws Exception {
        String versions = ProcessRunner.check("readelf", List.of("readelf", "-V", module.toString()), dir);
        Matcher m = GLIBC.matcher(versions);
        int found = 0;
        while (m.find()) {
            found++;
            int major = Integer.parseInt(m.group(1));
            int minor = Integer.parseInt(m.group(2));
            assertThat(major * 1000 + minor).as(m.group()).isLessThanOrEqualTo(2031);
        }
        assertThat(found).isPositive();
    }
}
