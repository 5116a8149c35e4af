package dev.winelib.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18's cases at the command line: what -o may replace or delete, bounded inputs, error text. */
class OutputAndInputSafetyTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return WinebuildJ.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private Path spec(String text) throws Exception {
        return Files.writeString(dir.resolve("hello.spec"), text);
    }

    private static void mkfifo(Path p) throws Exception {
        assertThat(new ProcessBuilder("mkfifo", p.toString()).inheritIO().start().waitFor()).isZero();
    }

    /** R01: a character device named by -o is written through, not replaced by a regular file. */
    @Test
    void r01OutputToADeviceWritesThroughIt() throws Exception {
        Path spec = spec("@ stdcall f()\n");
        Path link = Files.createSymbolicLink(dir.resolve("null"), Path.of("/dev/null"));
        assertThat(run("--def", "-E", spec.toString(), "-o", link.toString())).as(err.toString()).isZero();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.isRegularFile(link)).isFalse();
        assertThat(Files.isRegularFile(Path.of("/dev/null"))).isFalse();
    }

    /** R02: a FIFO named by -o gets the output through it and stays a FIFO. */
    @Test
    void r02OutputToAFifoWritesThroughIt() throws Exception {
        Path spec = spec("@ stdcall f()\n");
        Path fifo = dir.resolve("fifo");
        mkfifo(fifo);
        Process reader = new ProcessBuilder("cat", fifo.toString()).start();
        assertThat(run("--def", "-E", spec.toString(), "-o", fifo.toString())).as(err.toString()).isZero();
        String received = new String(reader.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(reader.waitFor()).isZero();
        assertThat(received).contains("LIBRARY hello.dll", "f");
        assertThat(Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(Files.exists(fifo)).isTrue();
    }

    /** R03: -o naming the input is refused before anything runs; the spec is neither replaced nor deleted. */
    @Test
    void r03OutputNamingTheInputIsRefusedAndTheInputKept() throws Exception {
        Path good = spec("@ stdcall f()\n");
        assertThat(run("--def", "-E", good.toString(), "-o", good.toString())).isEqualTo(2);
        assertThat(Files.readString(good)).isEqualTo("@ stdcall f()\n");
        assertThat(err.toString()).contains("is the input file", "name another output file");
        Path bad = Files.writeString(dir.resolve("bad.spec"), "@ stdcall\n");
        assertThat(run("--def", "-E", bad.toString(), "-o", dir.resolve(".").resolve("bad.spec").toString()))
                .isEqualTo(2);
        assertThat(Files.readString(bad)).isEqualTo("@ stdcall\n");
    }

    /** R05: -o naming a directory is refused, and a failed run does not delete it. */
    @Test
    void r05OutputNamingADirectoryIsRefusedAndKept() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertThat(run("--def", "-E", dir.resolve("missing.spec").toString(), "-o", empty.toString())).isEqualTo(2);
        assertThat(Files.isDirectory(empty)).isTrue();
        assertThat(err.toString()).contains("is a directory");
    }

    /** R14: a write error on standard output fails the run. */
    @Test
    void r14AWriteErrorOnStandardOutputFailsTheRun() {
        PrintWriter broken = new PrintWriter(new OutputStream() {
            @Override
            public void write(int b) throws java.io.IOException {
                throw new java.io.IOException("No space left on device");
            }
        }, true);
        broken.print("x");
        assertThat(WinebuildJ.withOutputChecked(0, broken, new PrintWriter(err, true))).isEqualTo(1);
        assertThat(err.toString()).contains("error writing to standard output");
    }

    /** R07/R21: a device or FIFO given as the spec is refused at once, naming the file. */
    @Test
    void r07r21EndlessOrBlockingSpecsAreRefused() throws Exception {
        assertThat(run("--def", "-E", "/dev/zero")).isEqualTo(1);
        assertThat(err.toString()).contains("/dev/zero: cannot read the spec file: is not a regular file");
        Path fifo = dir.resolve("fifo.spec");
        mkfifo(fifo);
        assertThat(run("--def", "-E", fifo.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("fifo.spec: cannot read the spec file: is not a regular file");
    }

    /** R17: a huge token or escape sequences are shortened and escaped in the error. */
    @Test
    void r17TokensInErrorsAreShortenedAndEscaped() throws Exception {
        Path spec = spec("@ stdcall \u001b[31m" + "x".repeat(100_000) + "()\n" + "\0".repeat(1_000_000) + "\n");
        assertThat(run("--def", "-E", spec.toString())).isEqualTo(1);
        assertThat(err.toString()).doesNotContain("\u001b").doesNotContain("\0").contains("\\x1b");
        assertThat(err.toString().length()).isLessThan(500);
    }

    /** R20: a non-UTF-8 byte in a batch comment is accepted; in a command line it is refused with the line. */
    @Test
    void r20BatchFilesWithNonUtf8BytesReportTheLine() throws Exception {
        Path spec = spec("@ stdcall f()\n");
        byte[] comment = "# caf\u00e9 in Latin-1\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] command = ("--def -E " + spec + "\n").getBytes(StandardCharsets.UTF_8);
        Path list = dir.resolve("list.txt");
        Files.write(list, concat(comment, command));
        assertThat(run("batch", list.toString())).as(err.toString()).isZero();
        Files.write(list, concat(command, "--def -E caf\u00e9.spec\n".getBytes(StandardCharsets.ISO_8859_1)));
        assertThat(run("batch", list.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(list + ":2: the line is not valid UTF-8");
    }

    /** R16: an error about a file names the user's file, not the temporary copy it was read from. */
    @Test
    void r16ErrorsNameTheUsersFile() throws Exception {
        Path notElf = Files.writeString(dir.resolve("hello.dll.so"), "not an ELF file at all, but long enough to try");
        assertThat(run("--fixup-ctors", notElf.toString())).isEqualTo(1);
        assertThat(err.toString()).contains(notElf.toString()).doesNotContain(".tmp");
        assertThat(Files.readString(notElf)).startsWith("not an ELF");
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("hello.dll.so");
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
