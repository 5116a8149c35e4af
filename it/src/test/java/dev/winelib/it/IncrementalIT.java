package dev.winelib.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** Building again compiles and links only what changed; up-to-date checks go by content, not by time. */
class IncrementalIT {

    @Test
    void secondBuildIsUpToDateAndAHeaderChangeRecompilesOnlyItsIncluder() throws Exception {
        ExternalTools.requireBuildTools();
        TestProject project = TestProject.copy("incremental");
        Path counter = project.resolve("src/main/c/counter.c");
        Path other = project.resolve("src/main/c/other.c");
        Path header = project.resolve("src/main/include/incremental.h");
        Path dll = project.resolve("target/incremental.dll");

        TestProject.MavenRun first = project.mvnPackage().assertSuccess();
        assertThat(first.infoLinesStartingWith("compiling "))
                .containsExactlyInAnyOrder("compiling " + counter, "compiling " + other);
        assertThat(first.infoLinesStartingWith("linking ")).containsExactly("linking " + dll);
        byte[] firstBytes = Files.readAllBytes(dll);
        FileTime firstTime = Files.getLastModifiedTime(dll);

        // nothing changed: nothing compiled, nothing linked, the DLL untouched
        TestProject.MavenRun second = project.mvnPackage().assertSuccess();
        assertUpToDate(second, dll);
        assertThat(Files.readAllBytes(dll)).isEqualTo(firstBytes);
        assertThat(Files.getLastModifiedTime(dll)).isEqualTo(firstTime);

        // a newer timestamp with the same content changes nothing either: stamps record SHA-256s
        Files.setLastModifiedTime(header, FileTime.from(System.currentTimeMillis() + 60_000, TimeUnit.MILLISECONDS));
        TestProject.MavenRun third = project.mvnPackage().assertSuccess();
        assertUpToDate(third, dll);
        assertThat(Files.getLastModifiedTime(dll)).isEqualTo(firstTime);

        // a changed header recompiles the source that includes it (found through the .d file), not the other
        String text = Files.readString(header, StandardCharsets.UTF_8);
        Files.writeString(header, text.replace("#define INCREMENTAL_VALUE 1", "#define INCREMENTAL_VALUE 2"),
                StandardCharsets.UTF_8);
        TestProject.MavenRun fourth = project.mvnPackage().assertSuccess();
        assertThat(fourth.infoLinesStartingWith("compiling ")).containsExactly("compiling " + counter);
        assertThat(fourth.infoLinesStartingWith("linking ")).containsExactly("linking " + dll);
        assertThat(Files.readAllBytes(dll)).isNotEqualTo(firstBytes);
        assertThat(Files.getLastModifiedTime(dll)).isNotEqualTo(firstTime);
    }

    private static void assertUpToDate(TestProject.MavenRun run, Path dll) {
        assertThat(run.log()).as(run.text()).noneMatch(l -> l.contains("compiling ") || l.contains("linking "));
        assertThat(run.infoLinesStartingWith("up to date: ")).containsExactly("up to date: " + dll);
        assertThat(run.infoLinesStartingWith("winelib DLL "))
                .containsExactly("winelib DLL " + dll + " (2 exports, up to date)");
    }
}
