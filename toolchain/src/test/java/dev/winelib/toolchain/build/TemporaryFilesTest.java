package dev.winelib.toolchain.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** R23: work directories of killed runs are removed by the next run; those of live processes stay. */
class TemporaryFilesTest {

    @TempDir
    Path base;

    @Test
    void r23SweepsTheWorkDirectoriesOfProcessesThatAreGone() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Instant now = Instant.now();
        FileTime old = FileTime.from(now.minus(Duration.ofHours(1)));
        Path dead = Files.createDirectories(base.resolve("winebuild-j-" + gone.pid() + "-hello.o-1/runtime"))
                .getParent();
        Files.writeString(dead.resolve("combined.o"), "31 MB of objects");
        Files.setLastModifiedTime(dead, old);
        Path deadButRecent = Files.createDirectories(base.resolve("winebuild-j-" + gone.pid() + "-other-2"));
        Path live = Files.createDirectories(base.resolve("winebuild-j-" + ProcessHandle.current().pid() + "-x-3"));
        Files.setLastModifiedTime(live, old);
        Path unrelated = Files.createDirectories(base.resolve("someone-else"));
        Files.setLastModifiedTime(unrelated, old);

        TemporaryFiles.sweep(base, now);

        assertThat(dead).doesNotExist();
        assertThat(deadButRecent).exists();
        assertThat(live).exists();
        assertThat(unrelated).exists();
    }

    @Test
    void r23AWorkDirectoryIsRemovedWhenDeleted() throws Exception {
        Path work = TemporaryFiles.workDirectory("hello.o");
        assertThat(work.getFileName().toString()).startsWith("winebuild-j-" + ProcessHandle.current().pid() + "-");
        Files.writeString(work.resolve("a.o"), "x");
        TemporaryFiles.delete(work);
        assertThat(work).doesNotExist();
    }
}
