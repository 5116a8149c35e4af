package dev.winelib.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** R06/R07/R21: the bounded reader behind every input file, and R17's error text. */
class InputFilesTest {

    @TempDir
    Path dir;

    @Test
    void readsARegularFile() throws Exception {
        Path f = Files.writeString(dir.resolve("a.spec"), "@ stdcall f()\n");
        assertThat(InputFiles.readAll(f)).hasSize(14);
    }

    @Test
    void readsAFileOfManySlicesWhole() throws Exception {
        // larger than one read's slice, and not a multiple of it
        byte[] content = new byte[(1 << 20) + 12345];
        new java.util.Random(21).nextBytes(content);
        Path file = dir.resolve("module.so");
        Files.write(file, content);
        assertThat(InputFiles.readAll(file, InputFiles.BINARY_LIMIT)).isEqualTo(content);
        Files.write(file, new byte[0]);
        assertThat(InputFiles.readAll(file)).isEmpty();
    }

    @Test
    void r06RefusesAFileOverTheLimitNamingIt() throws Exception {
        Path f = Files.write(dir.resolve("big.spec"), new byte[2048]);
        assertThatThrownBy(() -> InputFiles.readAll(f, 1024)).isInstanceOf(FileSystemException.class)
                .hasMessageContaining("big.spec").hasMessageContaining("is larger than");
    }

    @Test
    void r06SpecsOverTheLimitGiveAnErrorNotOutOfMemory() throws Exception {
        Path f = dir.resolve("huge.spec");
        try (var file = new java.io.RandomAccessFile(f.toFile(), "rw")) {
            file.setLength(InputFiles.LIMIT + 1); // sparse: no disk space used
        }
        assertThatThrownBy(() -> SpecParser.parse(f)).isInstanceOf(FileSystemException.class)
                .hasMessageContaining("huge.spec: is larger than 256 MiB");
    }

    @Test
    void r07r21RefusesDevicesAndFifosWithoutReading() throws Exception {
        assertThatThrownBy(() -> InputFiles.readAll(Path.of("/dev/zero"))).hasMessageContaining("not a regular file");
        Path fifo = dir.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        assertThatThrownBy(() -> DefParser.parse(fifo, java.util.Optional.empty()))
                .hasMessageContaining("not a regular file");
    }

    @Test
    void r17QuotedTokensAreShortAndEscaped() {
        assertThat(ErrorText.quote("\u001b[31mred")).isEqualTo("'\\x1b[31mred'");
        assertThat(ErrorText.quote("x".repeat(1000))).hasSize(ErrorText.TOKEN_LIMIT + 3).endsWith("…'");
        assertThat(ErrorText.message("a\nb\0" + "y".repeat(10_000))).startsWith("a\nb\\x00")
                .hasSize(ErrorText.MESSAGE_LIMIT + 4);
        SpecException e = new SpecException(new SourceLocation("a.spec", 1, 1), "bad \u0007" + "z".repeat(50_000));
        assertThat(e.getMessage()).doesNotContain("\u0007").hasSizeLessThan(ErrorText.MESSAGE_LIMIT + 50);
    }
}
