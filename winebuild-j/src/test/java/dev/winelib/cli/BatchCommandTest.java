package dev.winelib.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code winebuild-j batch}: many command lines in one process, output in file order, failures counted. */
class BatchCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return WinebuildJ.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void runsEveryLineAndEachGivesWhatItWouldGiveAlone() throws Exception {
        List<String> lines = new ArrayList<>(List.of("# one command per spec", ""));
        for (int i = 0; i < 40; i++) {
            Files.writeString(dir.resolve("m" + i + ".spec"), "@ stdcall f" + i + "(long)\n@ cdecl g" + i + "()\n");
            lines.add("--dll -E '" + dir.resolve("m" + i + ".spec") + "' -F m" + i + ".dll -o " + dir.resolve("m" + i + ".s"));
        }
        Path list = Files.write(dir.resolve("list.txt"), lines);
        assertThat(run("batch", "-j", "4", list.toString())).as(err.toString()).isZero();
        assertThat(err.toString()).isEmpty();
        for (int i = 0; i < 40; i++) {
            StringWriter alone = new StringWriter();
            assertThat(WinebuildJ.run(new String[] {"--dll", "-E", dir.resolve("m" + i + ".spec").toString(), "-F",
                "m" + i + ".dll"}, new PrintWriter(alone, true), new PrintWriter(new StringWriter(), true))).isZero();
            assertThat(Files.readString(dir.resolve("m" + i + ".s"))).isEqualTo(alone.toString());
        }
    }

    @Test
    void standardOutputInFileOrderAndFailuresNamedByLine() throws Exception {
        Files.writeString(dir.resolve("a.spec"), "@ cdecl a()\n");
        Files.writeString(dir.resolve("b.spec"), "@ cdecl b()\n");
        Path list = Files.write(dir.resolve("list.txt"), List.of(
                "-E " + dir.resolve("a.spec"),
                "-E " + dir.resolve("missing.spec"),
                "-E " + dir.resolve("b.spec")));
        assertThat(run("batch", list.toString())).isEqualTo(1);
        String text = out.toString();
        assertThat(text.indexOf(".string \"a.dll\"")).isPositive().isLessThan(text.indexOf(".string \"b.dll\""));
        assertThat(err.toString()).contains(list + ":2: winebuild-j: " + dir.resolve("missing.spec"))
                .contains("winebuild-j batch: 1 of 3 commands failed");
    }

    @Test
    void usageErrors() throws Exception {
        assertThat(run("batch", dir.resolve("none.txt").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("none.txt: no such file");
        Path bad = Files.write(dir.resolve("bad.txt"), List.of("-E 'x.spec"));
        assertThat(run("batch", bad.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(bad + ":1: unterminated single quote");
        Path nested = Files.write(dir.resolve("nested.txt"), List.of("batch other.txt"));
        assertThat(run("batch", nested.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(nested + ":1: a batch file cannot run another batch");
        assertThat(run("batch", "-j", "0", bad.toString())).isEqualTo(2);
        assertThat(run("batch")).isEqualTo(2);
        assertThat(err.toString()).contains("Try 'winebuild-j batch --help'");
    }
}
