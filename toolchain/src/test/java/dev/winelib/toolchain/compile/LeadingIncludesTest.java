package dev.winelib.toolchain.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The leading includes kept between builds: a source with its kept status is taken from the kept line
 * (shown here by a kept line that names another header than the source does), any other is read.
 */
class LeadingIncludesTest {

    @TempDir
    Path dir;

    /** A time at which every file written by the test has settled. */
    private static Instant later() {
        return Instant.now().plus(Duration.ofMinutes(1));
    }

    @Test
    void aSourceWithItsKeptStatusIsNotReadAgain() throws Exception {
        Path kept = dir.resolve("pch/leading-includes");
        Path a = Files.writeString(dir.resolve("a.c"), "/* a */\n#include \"proj.h\"\nint a;\n");
        Path b = Files.writeString(dir.resolve("b.c"), "#include <windows.h>\nint b;\n");
        Path c = Files.writeString(dir.resolve("c.c"), "int c;\n");
        LeadingIncludes first = LeadingIncludes.recall(kept, later());
        assertThat(first.of(a)).contains(new SourceDirectives.LeadingInclude("proj.h", false));
        assertThat(first.of(b)).contains(new SourceDirectives.LeadingInclude("windows.h", true));
        assertThat(first.of(c)).isEmpty();
        assertThat(first.of(dir.resolve("missing.c"))).isNull();
        first.keep();
        assertThat(Files.readAllLines(kept)).hasSize(4);

        // the kept line stands for the source while its status is the same: a forged name shows it is used
        Files.writeString(kept, Files.readString(kept).replace("q proj.h\t", "q other.h\t"));
        LeadingIncludes second = LeadingIncludes.recall(kept, later());
        assertThat(second.of(a)).contains(new SourceDirectives.LeadingInclude("other.h", false));
        assertThat(second.of(b)).contains(new SourceDirectives.LeadingInclude("windows.h", true));
        assertThat(second.of(c)).isEmpty();

        // any write changes the status (its ctime at least): the source is read again
        Files.writeString(a, "/* a */\n#include \"proj.h\"\nint a;\n");
        LeadingIncludes third = LeadingIncludes.recall(kept, later());
        assertThat(third.of(a)).contains(new SourceDirectives.LeadingInclude("proj.h", false));
        third.keep();
        assertThat(Files.readString(kept)).contains("q proj.h\t" + a).doesNotContain("other.h");
    }

    @Test
    void aSourceChangedJustNowIsReadButNotKept() throws Exception {
        Path kept = dir.resolve("leading-includes");
        Path a = Files.writeString(dir.resolve("a.c"), "#include \"proj.h\"\n");
        LeadingIncludes now = LeadingIncludes.recall(kept, Instant.now());
        assertThat(now.of(a)).contains(new SourceDirectives.LeadingInclude("proj.h", false));
        now.keep();
        assertThat(kept).doesNotExist();
    }

    @Test
    void aDamagedOrForeignFileOnlyMeansTheSourcesAreRead() throws Exception {
        Path kept = Files.writeString(dir.resolve("leading-includes"),
                "winebuild-j leading includes 1\ngarbage\nx y\t\n1:2 z name\t" + dir.resolve("a.c") + "\n");
        Path a = Files.writeString(dir.resolve("a.c"), "#include <stdio.h>\n");
        assertThat(LeadingIncludes.recall(kept, later()).of(a))
                .isEqualTo(Optional.of(new SourceDirectives.LeadingInclude("stdio.h", true)));
        Files.writeString(kept, "something else\n");
        assertThat(LeadingIncludes.recall(kept, later()).of(a))
                .isEqualTo(Optional.of(new SourceDirectives.LeadingInclude("stdio.h", true)));
    }
}
