package dev.winelib.toolchain.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** R01/R02/R05: the one output mechanism never replaces a device, a link or a directory. */
class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void replacesARegularFile() throws Exception {
        Path target = Files.writeString(dir.resolve("out.txt"), "old");
        AtomicFiles.write(target, "new".getBytes());
        assertThat(Files.readString(target)).isEqualTo("new");
        assertThat(dir.toFile().list()).containsExactly("out.txt");
    }

    @Test
    void r01WritesThroughADeviceInsteadOfReplacingIt() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("sink"), Path.of("/dev/null"));
        AtomicFiles.write(link, "data".getBytes());
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.isRegularFile(Path.of("/dev/null"))).isFalse();
        assertThat(dir.toFile().list()).containsExactly("sink");
    }

    @Test
    void r02ALinkToARegularFileStaysALink() throws Exception {
        Path real = Files.writeString(dir.resolve("real.txt"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.txt"), real);
        AtomicFiles.write(link, "new".getBytes());
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("new");
    }

    @Test
    void r05ADirectoryIsNeverReplaced() throws Exception {
        Path target = Files.createDirectory(dir.resolve("out"));
        assertThatThrownBy(() -> AtomicFiles.write(target, "x".getBytes())).isInstanceOf(FileSystemException.class)
                .hasMessageContaining("is a directory");
        assertThat(Files.isDirectory(target)).isTrue();
        assertThat(dir.toFile().list()).containsExactly("out");
    }
}
