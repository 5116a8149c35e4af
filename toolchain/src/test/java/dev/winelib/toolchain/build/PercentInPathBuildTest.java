package dev.winelib.toolchain.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.toolchain.BuildLog;
import dev.winelib.toolchain.RequiredTools;
import dev.winelib.toolchain.process.ToolLocator;

/** R19: ld.lld takes '%' in an output path for a placeholder; a project directory named so still links. */
class PercentInPathBuildTest {

    @TempDir
    Path tmp;

    @Test
    void r19AProjectDirectoryWithAPercentSignLinks() throws Exception {
        RequiredTools.require("gcc", "gcc");
        RequiredTools.linker();
        Path dir = Files.createDirectories(tmp.resolve("100%-project"));
        TestProjects.write(dir, TestProjects.SPEC, TestProjects.SOURCE);
        BuildResult result = new WinelibBuilder(ToolLocator.fromEnvironment(), BuildLog.silent())
                .build(TestProjects.request(dir, tmp.resolve("views")).build());
        assertThat(result.linked()).isTrue();
        assertThat(dir.resolve("out/test.dll")).isRegularFile();
    }
}
