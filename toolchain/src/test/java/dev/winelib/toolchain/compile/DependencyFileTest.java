package dev.winelib.toolchain.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dependency files as gcc -MD writes them, read with and without sharing the parsed headers. */
class DependencyFileTest {

    @TempDir
    Path dir;

    @Test
    void readsEscapedNamesContinuationLinesAndOnlyTheFirstRule() throws Exception {
        Path d = Files.writeString(dir.resolve("a.o.d"), "obj/a.o: src/my\\ file.c \\\n inc/a$$b.h \\\r\n"
                + "  inc/#x.h\ninc/a$$b.h:\n");
        assertThat(DependencyFile.prerequisites(d, Path.of("/p")))
                .containsExactly(Path.of("/p/src/my file.c"), Path.of("/p/inc/a$b.h"), Path.of("/p/inc/#x.h"));
    }

    @Test
    void sourcesSharingTheirHeadersParseThemOnceAndReadTheSame() throws Exception {
        String headers = " \\\n /usr/include/stdio.h \\\n /w/pch/many.h \\\n /w/src/many.h\n";
        Path a = Files.writeString(dir.resolve("a.o.d"), "obj/.a.o.1.tmp: /w/src/a.c" + headers);
        Path b = Files.writeString(dir.resolve("b.o.d"), "obj/.b.o.2.tmp: /w/src/b\\ c.c" + headers);
        Path other = Files.writeString(dir.resolve("c.o.d"), "obj/c.o: /w/src/c.c /w/src/c.h\n");
        Map<String, List<Path>> tails = new HashMap<>();

        List<Path> fromA = DependencyFile.prerequisites(a, Path.of(""), tails);
        List<Path> fromB = DependencyFile.prerequisites(b, Path.of(""), tails);
        List<Path> fromOther = DependencyFile.prerequisites(other, Path.of(""), tails);

        assertThat(fromA).isEqualTo(DependencyFile.prerequisites(a, Path.of("")));
        assertThat(fromB).isEqualTo(DependencyFile.prerequisites(b, Path.of("")))
                .containsExactly(Path.of("/w/src/b c.c"), Path.of("/usr/include/stdio.h"), Path.of("/w/pch/many.h"),
                        Path.of("/w/src/many.h"));
        assertThat(fromOther).containsExactly(Path.of("/w/src/c.c"), Path.of("/w/src/c.h"));
        assertThat(tails).hasSize(2); // a's and b's headers once, c's own
    }

    @Test
    void aSourceWithoutHeadersAndAMissingFile() throws Exception {
        Path d = Files.writeString(dir.resolve("a.o.d"), "a.o: a.c\n");
        Map<String, List<Path>> tails = new HashMap<>();
        assertThat(DependencyFile.prerequisites(d, Path.of(""), tails)).containsExactly(Path.of("a.c"));
        assertThat(DependencyFile.prerequisites(dir.resolve("none.d"), Path.of(""), tails)).isEmpty();
    }
}
