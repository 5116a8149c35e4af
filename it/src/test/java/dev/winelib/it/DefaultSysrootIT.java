package dev.winelib.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * A project that configures no sysroot builds against 'sniper': the first build on an empty cache
 * provisions it from Debian 11's packages, the next build uses the cache, the DLL needs no glibc
 * symbol version above 2.31, and a Windows program calls it under Wine.
 */
class DefaultSysrootIT {

    @Test
    void noSysrootConfiguredMeansSniperProvisionedOnceAndTheDllLoadsUnderWine() throws Exception {
        ExternalTools.requireBuildTools();
        ExternalTools.mingwGcc();
        Wine wine = Wine.locate();
        TestProject project = TestProject.copyExample("hello");
        Map<String, String> emptyCache = TestProject.emptySysrootCache("hello-empty-cache");
        Path cacheHome = Path.of(emptyCache.get("XDG_CACHE_HOME"));

        TestProject.MavenRun first = project.mvn(List.of("package"), Map.of(), emptyCache, true).assertSuccess();
        assertThat(first.infoLinesStartingWith("provisioning the 'sniper' sysroot")).hasSize(1);
        Path sysroots = cacheHome.resolve("winebuild-j/sysroots");
        assertThat(first.infoLinesStartingWith("provisioned the 'sniper' sysroot: " + sysroots.resolve("sniper-debian11-")))
                .hasSize(1);

        Path dll = project.resolve("target/hello.dll");
        List<String> glibc = GlibcVersions.needed(dll);
        assertThat(glibc).isNotEmpty().allMatch(v -> GlibcVersions.atMost(v, 2, 31));

        // a later build (even from scratch) uses the cached tree: nothing is downloaded again
        TestProject.deleteRecursively(project.resolve("target"));
        TestProject.MavenRun second = project.mvn(List.of("package"), Map.of(), emptyCache, true).assertSuccess();
        assertThat(second.text()).doesNotContain("provisioning the 'sniper' sysroot");
        assertThat(second.infoLinesStartingWith("winelib DLL ")).containsExactly("winelib DLL " + dll + " (2 exports)");
        try (Stream<Path> entries = Files.list(sysroots)) {
            assertThat(entries.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted())
                    .hasSize(2).anyMatch(n -> n.startsWith("sniper-debian11-"))
                    .anyMatch(n -> n.startsWith("sniper-") && n.endsWith(".current"));
        }

        HelloExample.assertHostCallsDll(wine, project, dll);
    }
}
