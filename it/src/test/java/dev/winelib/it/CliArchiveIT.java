package dev.winelib.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's release archive, winebuild-j-VERSION.tar.gz (and .zip): unpacked outside this
 * repository and started through a symlink from another directory, bin/winebuild-j turns a spec into
 * the same object as the repository's launcher, and keeps its class-data-sharing archive.
 */
class CliArchiveIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @Test
    void unpackedArchiveTurnsASpecIntoAnObjectFromAnyDirectory(@TempDir Path dir) throws Exception {
        Path tarGz = Path.of(ItSettings.cliArchive() + ".tar.gz");
        assertThat(tarGz).as("built by the winebuild-j module's package phase").isRegularFile();
        Path install = Files.createDirectories(dir.resolve("opt"));
        Programs.run(List.of("tar", "xzf", tarGz.toString(), "-C", install.toString()), dir, dir.resolve("tar"),
                TIMEOUT).assertSuccess();
        Path home = install.resolve(tarGz.getFileName().toString().replace(".tar.gz", ""));
        assertThat(Files.isExecutable(home.resolve("bin/winebuild-j"))).isTrue();
        assertThat(home.resolve("lib/winebuild-j.jar")).isRegularFile();
        assertThat(home.resolve("lib")).isDirectoryContaining("glob:**/picocli-*.jar");

        Path link = Files.createDirectories(dir.resolve("bin")).resolve("winebuild-j");
        Files.createSymbolicLink(link, home.resolve("bin/winebuild-j"));
        Path work = Files.createDirectories(dir.resolve("work"));
        Files.copy(ItSettings.projectsSource().resolve("../../../examples/hello/src/main/spec/hello.spec").normalize(),
                work.resolve("hello.spec"));
        Map<String, String> environment = Map.of("XDG_CACHE_HOME", dir.resolve("cache").toString());

        Programs.Result first = Programs.run(List.of(link.toString(), "--dll", "-E", "hello.spec", "-o", "first.o"),
                work, environment, null, dir.resolve("first"), TIMEOUT, null).assertSuccess();
        Programs.run(List.of(link.toString(), "--dll", "-E", "hello.spec", "-o", "second.o"), work, environment,
                null, dir.resolve("second"), TIMEOUT, null).assertSuccess();
        Programs.run(List.of(WinebuildJLauncher.locate().toString(), "--dll", "-E", "hello.spec", "-o", "repo.o"),
                work, Map.of("WINEBUILD_J_CDS", "off"), null, dir.resolve("repo"), TIMEOUT, null).assertSuccess();

        assertThat(first.stderr()).isEmpty();
        assertThat(Files.readAllBytes(work.resolve("first.o"))).startsWith(0x7f, 'E', 'L', 'F');
        assertThat(work.resolve("second.o")).hasSameBinaryContentAs(work.resolve("first.o"));
        assertThat(work.resolve("repo.o")).hasSameBinaryContentAs(work.resolve("first.o"));
        try (Stream<Path> archives = Files.list(dir.resolve("cache/winebuild-j/cds"))) {
            assertThat(archives.map(p -> p.getFileName().toString())).singleElement().asString().endsWith(".jsa");
        }

        // the zip holds the same files, the launcher executable
        Path zipInstall = Files.createDirectories(dir.resolve("opt-zip"));
        Programs.run(List.of("unzip", "-q", ItSettings.cliArchive() + ".zip", "-d", zipInstall.toString()), dir,
                dir.resolve("unzip"), TIMEOUT).assertSuccess();
        assertThat(regularFiles(zipInstall)).containsExactlyElementsOf(regularFiles(install));
        assertThat(Files.isExecutable(zipInstall.resolve(home.getFileName()).resolve("bin/winebuild-j"))).isTrue();
    }

    private static List<String> regularFiles(Path root) throws java.io.IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted()
                    .collect(Collectors.toList());
        }
    }
}
