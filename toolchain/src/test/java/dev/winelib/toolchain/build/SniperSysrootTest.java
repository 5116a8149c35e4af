package dev.winelib.toolchain.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.sysroot.SniperSysroot;
import dev.winelib.sysroot.Sysroot;
import dev.winelib.sysroot.SysrootCache;
import dev.winelib.toolchain.BuildLog;
import dev.winelib.toolchain.RequiredTools;
import dev.winelib.toolchain.process.ProcessRunner;
import dev.winelib.toolchain.process.ToolLocator;

/** Provisions the Debian 11 based 'sniper' sysroot (in Java, without apt) and builds a module against it. */
class SniperSysrootTest {

    @TempDir
    Path dir;

    @Test
    void provisionedOnceThenUsedFromTheCacheAndTheModuleNeedsNoGlibcAbove231() throws Exception {
        RequiredTools.require("gcc", "gcc");
        RequiredTools.debianArchive();
        RequiredTools.linker();
        SysrootCache cache = new SysrootCache(dir.resolve("cache"));
        Path tree = SniperSysroot.provision(cache);
        assertThat(tree.resolve("usr/lib/x86_64-linux-gnu/crti.o")).isRegularFile();
        assertThat(tree.resolve("usr/lib/gcc/x86_64-linux-gnu/10/crtbeginS.o")).isRegularFile();
        assertThat(Files.readSymbolicLink(tree.resolve("lib64/ld-linux-x86-64.so.2")).isAbsolute()).isFalse();
        // the second time comes from the cache: same tree, no download directory left
        assertThat(SniperSysroot.provision(cache)).isEqualTo(tree);

        TestProjects.write(dir.resolve("p"), TestProjects.SPEC, TestProjects.SOURCE);
        BuildResult result = new WinelibBuilder(ToolLocator.fromEnvironment(), BuildLog.silent()).build(
                TestProjects.request(dir.resolve("p"), dir.resolve("views")).sysroot(Sysroot.directory(tree))
                        .glibcBaseline("2.31").build());
        String versions = ProcessRunner.check("readelf", List.of("readelf", "-V", result.outputFile().toString()),
                dir);
        assertThat(versions).contains("GLIBC_2.2.5").doesNotContain("GLIBC_2.32", "GLIBC_2.33", "GLIBC_2.34");
        assertThat(result.image().nameTable()).contains("add", "mul");
    }

    @Test
    void twoProvisionsStartedTogetherOnAnEmptyCacheDownloadOnceAndBothSucceed() throws Exception {
        RequiredTools.debianArchive();
        SysrootCache cache = new SysrootCache(dir.resolve("cache"));
        List<String> messages = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Callable<Path> provision = () -> {
                start.await();
                return SniperSysroot.provision(cache, messages::add);
            };
            var first = pool.submit(provision);
            var second = pool.submit(provision);
            Path tree = first.get();
            assertThat(second.get()).isEqualTo(tree);
            assertThat(messages).filteredOn(m -> m.startsWith("provisioning the 'sniper' sysroot")).hasSize(1);
            assertThat(cache.verify(tree).problems()).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aDamagedTreeIsProvisionedAgain() throws Exception {
        RequiredTools.debianArchive();
        SysrootCache cache = new SysrootCache(dir.resolve("cache"));
        Path tree = SniperSysroot.provision(cache);
        Path crti = tree.resolve("usr/lib/x86_64-linux-gnu/crti.o");
        Files.delete(crti);
        List<String> messages = new java.util.ArrayList<>();
        assertThat(SniperSysroot.provision(cache, messages::add)).isEqualTo(tree);
        assertThat(messages).anyMatch(m -> m.startsWith("provisioning the 'sniper' sysroot"));
        assertThat(crti).isRegularFile();
        assertThat(cache.verify(tree).problems()).isEmpty();
    }
}
