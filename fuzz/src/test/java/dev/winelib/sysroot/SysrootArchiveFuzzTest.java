package dev.winelib.sysroot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Sysroot archives and cache manifests, the sysroot inputs that come from outside: any bytes given as an
 * archive end in an unpacked tree or a {@link SysrootException}, and a tree that was unpacked holds nothing
 * outside its directory (every entry, every link resolved, is inside it); any manifest text ends in a
 * {@link Manifest} or an {@link IOException} saying what is wrong with it.
 */
class SysrootArchiveFuzzTest {

    /** Small limits, so that a fuzzed size cannot make a run slow; the limits themselves are part of the test. */
    private static final UnpackPolicy POLICY = UnpackPolicy.defaults().withMaxTotalBytes(1 << 20).withMaxEntries(2000);

    @FuzzTest
    void tarArchive(byte[] input) throws IOException {
        Path root = Files.createTempDirectory("fuzz-sysroot");
        try {
            TarUnpacker unpacker = new TarUnpacker(root, POLICY);
            try {
                unpacker.unpack("fuzz.tar", new ByteArrayInputStream(input));
                unpacker.finish();
            } catch (SysrootException expected) {
                return;
            }
            assertEverythingInside(root);
        } finally {
            deleteTree(root);
        }
    }

    @FuzzTest
    void manifest(byte[] input) {
        try {
            Manifest m = Manifest.parse(new String(input, StandardCharsets.UTF_8));
            // what was read can be written and read back
            assertThat(Manifest.parse(m.toText()).toText()).isEqualTo(m.toText());
        } catch (IOException expected) {
            // a damaged manifest: the cache rebuilds the tree
        }
    }

    /** Every path of the tree, links resolved as the kernel would, stays inside {@code root}. */
    private static void assertEverythingInside(Path root) throws IOException {
        Path realRoot = root.toRealPath();
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.toList();
        }
        for (Path p : paths) {
            assertThat(p.normalize().startsWith(root)).as("%s inside %s", p, root).isTrue();
            if (Files.isSymbolicLink(p)) {
                Path target = Files.readSymbolicLink(p);
                assertThat(target.isAbsolute()).as("link %s -> %s", p, target).isFalse();
                if (Files.exists(p)) {
                    assertThat(p.toRealPath().startsWith(realRoot)).as("link %s -> %s", p, target).isTrue();
                } else {
                    // dangling: must at least point inside lexically
                    assertThat(p.getParent().resolve(target).normalize().startsWith(root))
                            .as("link %s -> %s", p, target).isTrue();
                }
            } else {
                assertThat(Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                        || Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).as("%s is a file or directory", p).isTrue();
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
