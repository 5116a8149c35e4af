package dev.winelib.sysroot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Archives that try to reach outside the tree, or to exhaust the disk, are refused and leave nothing. */
class HostileArchiveTest {

    @TempDir
    Path dir;

    /** A few harmless entries first, so that a refusal has something to clean up. */
    private static TarBuilder start() {
        return new TarBuilder().dir("./").dir("./usr").dir("./usr/lib").file("./usr/lib/ok.o", "ok")
                .dir("./etc").file("./etc/hostname", "sysroot");
    }

    static Stream<Arguments> hostile() {
        return Stream.of(
                Arguments.of("dot-dot name", start().file("../evil", "x"),
                        "../evil", "escapes the sysroot: its name has a '..' component"),
                Arguments.of("dot-dot inside a name", start().file("./usr/../../evil", "x"),
                        "./usr/../../evil", "escapes the sysroot: its name has a '..' component"),
                Arguments.of("dot-dot directory", start().dir("usr/lib/../../../up"),
                        "usr/lib/../../../up/", "escapes the sysroot: its name has a '..' component"),
                Arguments.of("absolute name", start().file("/etc/evil", "x"),
                        "/etc/evil", "escapes the sysroot: its name is an absolute path"),
                Arguments.of("absolute name after ./", start().file(".//etc/evil", "x"),
                        ".//etc/evil", "escapes the sysroot: its name is an absolute path"),
                Arguments.of("relative symlink escaping", start().symlink("./usr/lib/passwd", "../../../etc/passwd"),
                        "./usr/lib/passwd", "is a symlink to ../../../etc/passwd, which points outside the sysroot"),
                Arguments.of("absolute symlink escaping with ..", start().symlink("./usr/host", "/../../etc/shadow"),
                        "./usr/host", "is a symlink to /../../etc/shadow (rewritten as ../../../etc/shadow),"
                                + " which points outside the sysroot"),
                Arguments.of("symlink escaping through another link", start()
                                .symlink("./here", ".")
                                .symlink("./usr/lib/up", "../../here/.."),
                        "./usr/lib/up", "is a symlink to ../../here/.., which leads outside the sysroot once the"
                                + " links inside it are followed"),
                Arguments.of("symlink escaping through a link made later", start()
                                .symlink("./usr/lib/up", "../x/../..")
                                .symlink("./usr/x", "."),
                        "./usr/lib/up", "is a symlink to ../x/../.., which leads outside the sysroot once the"
                                + " links inside it are followed"),
                Arguments.of("hard link escaping", start().hardLink("./usr/lib/passwd", "../etc/passwd"),
                        "./usr/lib/passwd", "escapes the sysroot: its hard link target '../etc/passwd' has a '..'"
                                + " component"),
                Arguments.of("hard link to an absolute path", start().hardLink("./usr/lib/shadow", "/etc/shadow"),
                        "./usr/lib/shadow", "escapes the sysroot: its hard link target '/etc/shadow' is an absolute path"),
                Arguments.of("hard link to nothing", start().hardLink("./usr/lib/gone", "./usr/lib/missing.o"),
                        "./usr/lib/gone", "is a hard link to ./usr/lib/missing.o, which does not exist"),
                Arguments.of("hard link to a directory", start().hardLink("./usr/lib/dir", "./etc"),
                        "./usr/lib/dir", "is a hard link to ./etc, which is not a regular file"),
                Arguments.of("hard link through a symlink", start()
                                .symlink("./hosts", "/etc")
                                .hardLink("./usr/lib/hostname", "./hosts/hostname"),
                        "./usr/lib/hostname", "is a hard link to ./hosts/hostname, which is reached through the"
                                + " symlink hosts -> etc"),
                Arguments.of("write through an absolute symlink", start()
                                .symlink("./a", "/etc")
                                .file("./a/passwd", "root::0:0::/:/bin/sh"),
                        "./a/passwd", "would be written through the symlink a -> etc (nothing is written through"
                                + " symlinks)"),
                Arguments.of("write through a relative symlink", start()
                                .symlink("./usr/lib64", "lib")
                                .file("./usr/lib64/libc.so", "x"),
                        "./usr/lib64/libc.so", "would be written through the symlink usr/lib64 -> lib"),
                Arguments.of("directory through a symlink", start()
                                .symlink("./usr/share", "/usr/lib")
                                .dir("./usr/share/doc"),
                        "./usr/share/doc/", "would be written through the symlink usr/share -> lib"),
                Arguments.of("symlink through a symlink", start()
                                .symlink("./usr/share", "/etc")
                                .symlink("./usr/share/x", "hostname"),
                        "./usr/share/x", "would be written through the symlink usr/share -> ../etc"),
                Arguments.of("directory replacing a symlink", start()
                                .symlink("./usr/share", "/etc")
                                .dir("./usr/share"),
                        "./usr/share/", "is a directory that would replace the symlink usr/share -> ../etc"),
                Arguments.of("file replacing a directory", start().file("./usr/lib", "x"),
                        "./usr/lib", "would replace the directory usr/lib"),
                Arguments.of("file inside a file", start().file("./etc/hostname/x", "x"),
                        "./etc/hostname/x", "is inside etc/hostname, which is not a directory"),
                Arguments.of("character device", start().special("./dev/null", TarConstants.LF_CHR),
                        "./dev/null", "is a character device: device files and FIFOs do not belong in a sysroot"),
                Arguments.of("block device", start().special("./dev/sda", TarConstants.LF_BLK),
                        "./dev/sda", "is a block device: device files and FIFOs do not belong in a sysroot"),
                Arguments.of("FIFO", start().special("./run/initctl", TarConstants.LF_FIFO),
                        "./run/initctl", "is a FIFO: device files and FIFOs do not belong in a sysroot"),
                Arguments.of("unknown entry type", start().special("./volume", (byte) 'V'),
                        "./volume", "has tar entry type 'V', which is not unpacked"),
                Arguments.of("control characters in a name", start().file("./usr/lib/evil\n.o", "x"),
                        "./usr/lib/evil\n.o", "is refused: its name contains control characters"),
                Arguments.of("empty symlink target", start().symlink("./usr/empty", ""),
                        "./usr/empty", "is a symlink with an empty target"),
                Arguments.of("root replaced by a file", start().file(".", "x"),
                        ".", "would replace the root of the sysroot"),
                Arguments.of("root replaced by a symlink", start().symlink("./", "/"),
                        "./", "would replace the root of the sysroot"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void isRefusedAndLeavesNothing(String description, TarBuilder archive, String entry, String why) throws Exception {
        Path file = archive.write(dir.resolve("archives"), "hostile", TarBuilder.Compression.GZIP);
        assertThatThrownBy(() -> new SysrootCache(dir.resolve("cache")).unpack(file))
                .isInstanceOf(SysrootException.class)
                .hasMessageStartingWith("refused sysroot archive " + file + ": entry '" + entry + "' ")
                .hasMessageContaining(why);
        assertNothingLeftBehind();
    }

    @Test
    void tooManyEntriesAreRefused() throws Exception {
        Path file = start().file("./usr/lib/a", "a").file("./usr/lib/b", "b")
                .write(dir.resolve("archives"), "many", TarBuilder.Compression.XZ);
        SysrootCache cache = new SysrootCache(dir.resolve("cache"), UnpackPolicy.defaults().withMaxEntries(7),
                SysrootCache.ReuseCheck.METADATA);
        assertThatThrownBy(() -> cache.unpack(file))
                .isInstanceOf(SysrootException.class)
                .hasMessage("refused sysroot archive " + file + ": entry './usr/lib/b' is one entry too many: the limit"
                        + " is 7 entries");
        assertNothingLeftBehind();
        // the same archive within the limit
        assertThat(new SysrootCache(dir.resolve("cache"), UnpackPolicy.defaults().withMaxEntries(8),
                SysrootCache.ReuseCheck.METADATA).unpack(file).resolve("usr/lib/b")).hasContent("b");
    }

    @Test
    void tooManyBytesAreRefused() throws Exception {
        Path file = start().file("./usr/lib/big1", new byte[600], 0644).file("./usr/lib/big2", new byte[600], 0644)
                .write(dir.resolve("archives"), "large", TarBuilder.Compression.GZIP);
        SysrootCache cache = new SysrootCache(dir.resolve("cache"), UnpackPolicy.defaults().withMaxTotalBytes(1000),
                SysrootCache.ReuseCheck.METADATA);
        assertThatThrownBy(() -> cache.unpack(file))
                .isInstanceOf(SysrootException.class)
                .hasMessage("refused sysroot archive " + file + ": entry './usr/lib/big2' is too large: the sysroot"
                        + " would hold more than 1000 bytes (the limit)");
        assertNothingLeftBehind();

        Path one = start().file("./usr/lib/huge", new byte[5000], 0644)
                .write(dir.resolve("archives"), "huge", TarBuilder.Compression.NONE);
        assertThatThrownBy(() -> cache.unpack(one))
                .isInstanceOf(SysrootException.class)
                .hasMessageContaining("entry './usr/lib/huge' is too large");
        assertNothingLeftBehind();
    }

    @Test
    void devicesCanBeSkippedWithANoteInstead() throws Exception {
        Path file = start().special("./dev/null", TarConstants.LF_CHR).special("./run/fifo", TarConstants.LF_FIFO)
                .write(dir.resolve("archives"), "devices", TarBuilder.Compression.GZIP);
        SysrootCache cache = new SysrootCache(dir.resolve("cache"), UnpackPolicy.defaults().withSkipSpecialFiles(true),
                SysrootCache.ReuseCheck.METADATA);
        Path tree = cache.unpack(file);
        assertThat(tree.resolve("dev")).doesNotExist();
        assertThat(tree.resolve("usr/lib/ok.o")).hasContent("ok");
        assertThat(cache.list()).singleElement().satisfies(s -> assertThat(s.notes()).containsExactly(
                "skipped a character device dev/null (" + file + ")",
                "skipped a FIFO run/fifo (" + file + ")"));
    }

    @Test
    void somethingThatIsNotATarIsRefused() throws Exception {
        Path garbage = Files.write(dir.resolve("garbage.tar.gz"), "<html>404 Not Found</html>".repeat(40).getBytes());
        assertThatThrownBy(() -> new SysrootCache(dir.resolve("cache")).unpack(garbage))
                .isInstanceOf(SysrootException.class)
                .hasMessageContaining("cannot read sysroot archive " + garbage);
        Path zstd = Files.write(dir.resolve("sysroot.tar.zst"), new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 0, 0});
        assertThatThrownBy(() -> new SysrootCache(dir.resolve("cache")).unpack(zstd))
                .isInstanceOf(SysrootException.class)
                .hasMessageContaining("compressed with zstd, which is not supported");
        byte[] gz = start().build(TarBuilder.Compression.GZIP);
        Path truncated = Files.write(dir.resolve("truncated.tar.gz"), java.util.Arrays.copyOf(gz, gz.length / 2));
        assertThatThrownBy(() -> new SysrootCache(dir.resolve("cache")).unpack(truncated))
                .isInstanceOf(SysrootException.class)
                .hasMessageContaining("cannot read sysroot archive " + truncated);
        assertNothingLeftBehind();
    }

    @Test
    void absoluteTargetsAreRewrittenRelativeToTheLinksDirectory() {
        assertThat(TarUnpacker.relativeTarget(List.of("lib64"), "/lib/x86_64-linux-gnu/ld-2.31.so"))
                .isEqualTo("../lib/x86_64-linux-gnu/ld-2.31.so");
        assertThat(TarUnpacker.relativeTarget(List.of(), "/etc")).isEqualTo("etc");
        assertThat(TarUnpacker.relativeTarget(List.of(), "/")).isEqualTo(".");
        assertThat(TarUnpacker.relativeTarget(List.of("usr", "lib"), "/")).isEqualTo("../..");
        assertThat(TarUnpacker.relativeTarget(List.of("usr", "lib", "x86_64-linux-gnu"),
                "/usr/lib/x86_64-linux-gnu/libfoo.so.1")).isEqualTo("libfoo.so.1");
        assertThat(TarUnpacker.relativeTarget(List.of("usr", "lib"), "//usr/./lib/../share/")).isEqualTo("../share");
        assertThat(TarUnpacker.relativeTarget(List.of("usr", "lib"), "/usr/lib")).isEqualTo(".");
    }

    private void assertNothingLeftBehind() throws IOException {
        Path cache = dir.resolve("cache");
        if (!Files.exists(cache)) {
            return;
        }
        try (Stream<Path> s = Files.list(cache)) {
            // only the lock file remains
            assertThat(s.map(p -> p.getFileName().toString()).toList()).allMatch(n -> n.equals(SysrootCache.LOCK_FILE));
        }
    }
}
