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
 * The winelib:sysroot goal, and a sysroot hosted as a Maven artifact: the sniper tree is packed into
 * an archive, published in a (file) repository the project lists, resolved from there by the build,
 * unpacked into the cache and linked against; the DLL runs under Wine.
 */
class SysrootArtifactIT {

    private static final String COORDINATES = "dev.winelib.it:team-sysroot:1.0::tar.gz";

    @Test
    void sysrootGoalAndASysrootResolvedFromTheProjectsRepositories() throws Exception {
        ExternalTools.requireBuildTools();
        ExternalTools.mingwGcc();
        Wine wine = Wine.locate();
        TestProject project = TestProject.copyWithExampleSources("sysroot-artifact", "hello");
        String goal = "dev.winelib:winelib-maven-plugin:" + ItSettings.pluginVersion() + ":sysroot";

        // winelib:sysroot fetch (the default action) provisions or finds 'sniper'; path prints its directory
        project.mvn(List.of(goal), Map.of("winelib.sysroot", "sniper"), Map.of(), true).assertSuccess();
        TestProject.MavenRun pathRun = project.mvn(List.of(goal),
                Map.of("winelib.sysroot", "sniper", "winelib.sysrootAction", "path"), Map.of(), true).assertSuccess();
        List<String> paths = pathRun.infoLinesStartingWith("/");
        assertThat(paths).hasSize(1);
        Path sniper = Path.of(paths.get(0));
        assertThat(sniper.resolve("usr/lib/x86_64-linux-gnu/libc_nonshared.a")).isRegularFile();
        TestProject.MavenRun verifyRun = project.mvn(List.of(goal),
                Map.of("winelib.sysroot", "sniper", "winelib.sysrootAction", "verify"), Map.of(), true).assertSuccess();
        assertThat(verifyRun.infoLinesStartingWith("ok      " + sniper)).hasSize(1);
        TestProject.MavenRun listRun = project.mvn(List.of(goal), Map.of("winelib.sysrootAction", "list"), Map.of(),
                true).assertSuccess();
        assertThat(listRun.infoLinesStartingWith("    tree:   " + sniper)).hasSize(1);
        project.mvn(List.of(goal), Map.of("winelib.sysrootAction", "remove"), Map.of(), true).assertFailure();

        // the team publishes the sysroot archive in its repository (a file repository here)
        Path repository = project.resolve("team-repository");
        Path versionDir = Files.createDirectories(repository.resolve("dev/winelib/it/team-sysroot/1.0"));
        Path archive = versionDir.resolve("team-sysroot-1.0.tar.gz");
        Programs.Result tar = Programs.run(List.of("tar", "-C", sniper.toString(), "-czf", archive.toString(), "."),
                project.directory(), Map.of(), null, project.resolve("tar"), Duration.ofMinutes(2), null);
        assertThat(tar.exitCode()).as(tar.describe("tar")).isZero();
        Files.writeString(versionDir.resolve("team-sysroot-1.0.pom"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>dev.winelib.it</groupId>
                  <artifactId>team-sysroot</artifactId>
                  <version>1.0</version>
                  <packaging>tar.gz</packaging>
                </project>
                """, StandardCharsets.UTF_8);

        // built with an empty cache: the archive is resolved from the repository and unpacked there
        Path cacheHome = Files.createDirectories(project.resolve("cache-home"));
        Map<String, String> properties = Map.of("team.repository.url", repository.toUri().toString());
        TestProject.MavenRun build = project.mvn(List.of("package"), properties,
                Map.of("XDG_CACHE_HOME", cacheHome.toString()), false).assertSuccess();
        Path resolved = ItSettings.localRepository().resolve("dev/winelib/it/team-sysroot/1.0/team-sysroot-1.0.tar.gz");
        assertThat(build.infoLinesStartingWith("sysroot " + COORDINATES + ": " + resolved)).hasSize(1);
        try (var entries = Files.list(cacheHome.resolve("winebuild-j/sysroots"))) {
            assertThat(entries.filter(p -> Files.isDirectory(p) && !p.getFileName().toString().startsWith(".")))
                    .singleElement().satisfies(p -> assertThat(p.resolve("tree/usr/lib/x86_64-linux-gnu/crti.o"))
                            .isRegularFile());
        }
        Path dll = project.resolve("target/hello.dll");
        assertThat(GlibcVersions.needed(dll)).isNotEmpty().allMatch(v -> GlibcVersions.atMost(v, 2, 31));

        HelloExample.assertHostCallsDll(wine, project, dll);

        // an artifact the repositories do not have: one clear message, no DLL
        TestProject.MavenRun missing = project.mvn(List.of("package"),
                Map.of("team.repository.url", repository.toUri().toString(),
                        "team.sysroot", "dev.winelib.it:team-sysroot:9.9"),
                Map.of("XDG_CACHE_HOME", cacheHome.toString()), false).assertFailure();
        assertThat(missing.text()).contains("cannot resolve the sysroot artifact dev.winelib.it:team-sysroot:9.9::tar.gz")
                .contains("team-sysroots (" + repository.toUri().toString().replaceAll("/$", ""));
    }
}
