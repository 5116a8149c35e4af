package dev.winelib.sysroot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SysrootCacheTest {

    @TempDir
    Path dir;

    private Path cacheRoot() {
        return dir.resolve("cache");
    }

    private Path debianLike(TarBuilder.Compression compression) throws IOException {
        return TarBuilder.debianLike().write(dir.resolve("archives"), "sniper-sysroot", compression);
    }

    /** The directories of the cache root (lock files are not counted). */
    private List<String> cacheDirectories() throws IOException {
        if (!Files.exists(cacheRoot())) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(cacheRoot())) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @ParameterizedTest
    @EnumSource(TarBuilder.Compression.class)
    void unpacksADebianLikeTreeWithAbsoluteLinksRewrittenInside(TarBuilder.Compression compression) throws Exception {
        Path archive = debianLike(compression);
        Path tree = new SysrootCache(cacheRoot()).unpack(archive);

        assertThat(tree.getParent().getParent()).isEqualTo(cacheRoot().toAbsolutePath());
        assertThat(tree.getParent().getFileName().toString())
                .isEqualTo(Manifest.sha256(archive).substring(0, 32));
        Path loader = tree.resolve("lib64/ld-linux-x86-64.so.2");
        assertThat(Files.readSymbolicLink(loader)).isEqualTo(Path.of("../lib/x86_64-linux-gnu/ld-2.31.so"));
        assertThat(loader.toRealPath()).isEqualTo(tree.resolve("lib/x86_64-linux-gnu/ld-2.31.so").toRealPath());
        assertThat(Files.readString(loader)).isEqualTo("loader");
        assertThat(Files.readSymbolicLink(tree.resolve("usr/lib/x86_64-linux-gnu/libm.so")))
                .isEqualTo(Path.of("../../../lib/x86_64-linux-gnu/libm.so.6"));
        assertThat(Files.readString(tree.resolve("usr/lib/x86_64-linux-gnu/libm.so"))).isEqualTo("libm");
        assertThat(Files.readSymbolicLink(tree.resolve("usr/lib/gcc/x86_64-linux-gnu/10/libgcc_s.so")))
                .isEqualTo(Path.of("../../../../../lib/x86_64-linux-gnu/libgcc_s.so.1"));
        // a chain of absolute links (alternatives), rewritten link by link
        assertThat(Files.readSymbolicLink(tree.resolve("usr/bin/cc"))).isEqualTo(Path.of("../../etc/alternatives/cc"));
        assertThat(Files.readSymbolicLink(tree.resolve("etc/alternatives/cc"))).isEqualTo(Path.of("../../usr/bin/gcc-10"));
        assertThat(tree.resolve("usr/bin/cc").toRealPath())
                .isEqualTo(tree.resolve("usr/bin/x86_64-linux-gnu-gcc-10").toRealPath());
        // relative links are kept; a dangling link inside the tree is kept
        assertThat(Files.readSymbolicLink(tree.resolve("lib/x86_64-linux-gnu/libc.so.6"))).isEqualTo(Path.of("libc-2.31.so"));
        assertThat(Files.readSymbolicLink(tree.resolve("usr/share/doc/libc6-dev"))).isEqualTo(Path.of("libc6"));
        // no absolute link is left anywhere
        assertThat(SysrootView.absoluteLinks(tree)).isEmpty();
        // every link resolves inside the tree (or dangles inside it)
        Path realTree = tree.toRealPath();
        try (Stream<Path> all = Files.walk(tree)) {
            for (Path p : all.filter(Files::isSymbolicLink).toList()) {
                Path target = p.getParent().resolve(Files.readSymbolicLink(p)).normalize();
                assertThat(target.startsWith(tree)).as(p + " -> " + target).isTrue();
                if (Files.exists(p)) {
                    assertThat(p.toRealPath()).as(p.toString()).startsWith(realTree);
                }
            }
        }
        // hard link, permissions (no setuid), fixed timestamps
        assertThat(Files.isSameFile(tree.resolve("usr/bin/x86_64-linux-gnu-cc"),
                tree.resolve("usr/bin/x86_64-linux-gnu-gcc-10"))).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tree.resolve("usr/bin/setuid-helper"))))
                .isEqualTo("rwxr-xr-x");
        assertThat(Files.getAttribute(tree.resolve("usr/bin/setuid-helper"), "unix:mode")).isEqualTo(0100755);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tree.resolve("usr/include/stdio.h"))))
                .isEqualTo("rw-r--r--");
        assertThat(Files.getLastModifiedTime(tree.resolve("usr/include/stdio.h"))).isEqualTo(Manifest.TIMESTAMP);
        assertThat(Files.getLastModifiedTime(tree.resolve("usr/include"))).isEqualTo(Manifest.TIMESTAMP);
        assertThat(Files.readString(tree.resolve("usr/share/doc/" + "a-package-with-a-rather-long-name-".repeat(4)
                + "x/changelog.Debian.gz"))).isEqualTo("changes");
        // the manifest and the markers live next to the tree, not in it
        assertThat(tree.getParent().resolve(SysrootCache.COMPLETE)).isRegularFile();
        assertThat(Files.readString(tree.getParent().resolve(SysrootCache.MANIFEST)))
                .startsWith(Manifest.HEADER)
                .contains("l\t-\t-\t-\tlib64/ld-linux-x86-64.so.2\t../lib/x86_64-linux-gnu/ld-2.31.so\n")
                .contains("f\t0644\t4\t" + Manifest.sha256("crti") + "\tusr/lib/x86_64-linux-gnu/crti.o\n");
        try (Stream<Path> top = Files.list(tree)) {
            assertThat(top.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("usr", "etc", "lib", "lib64");
        }
        assertThat(new SysrootCache(cacheRoot()).verify(tree).ok()).isTrue();
    }

    @Test
    void everyCompressionGivesTheSameTree() throws Exception {
        SysrootCache cache = new SysrootCache(cacheRoot());
        List<String> manifests = new ArrayList<>();
        for (TarBuilder.Compression c : TarBuilder.Compression.values()) {
            Path tree = cache.unpack(debianLike(c));
            manifests.add(Files.readString(tree.getParent().resolve(SysrootCache.MANIFEST)));
        }
        assertThat(manifests).hasSize(4).allMatch(m -> m.equals(manifests.get(0)));
        assertThat(cache.list()).hasSize(4);
    }

    @Test
    void theInspectorUsesAnUnpackedTreeDirectly() throws Exception {
        Path tree = new SysrootCache(cacheRoot()).unpack(debianLike(TarBuilder.Compression.GZIP));
        Path views = dir.resolve("views");
        SysrootLayout layout = new SysrootInspector(views).inspect(Sysroot.directory(tree));
        assertThat(layout.linkRoot()).isEqualTo(tree);
        assertThat(views).doesNotExist();
        assertThat(layout.gccVersion()).isEqualTo("10");
        assertThat(layout.crti()).isEqualTo(tree.resolve("usr/lib/x86_64-linux-gnu/crti.o"));
        assertThat(layout.crtBeginShared()).isEqualTo(tree.resolve("usr/lib/gcc/x86_64-linux-gnu/10/crtbeginS.o"));
        assertThat(layout.libraryDirectories()).first().isEqualTo(tree.resolve("usr/lib/gcc/x86_64-linux-gnu/10"));
        assertThat(layout.libraryDirectories()).allMatch(p -> p.startsWith(tree));
        assertThat(Files.readString(layout.linkRoot().resolve("lib64/ld-linux-x86-64.so.2"))).isEqualTo("loader");
    }

    @Test
    void anUnpackedTreeIsReusedAndListed() throws Exception {
        Path archive = debianLike(TarBuilder.Compression.XZ);
        SysrootCache cache = new SysrootCache(cacheRoot());
        Path tree = cache.unpack(archive, Optional.of(Manifest.sha256(archive).toUpperCase(Locale.ROOT)));
        Object inode = Files.readAttributes(tree.resolve("usr/include/stdio.h"),
                java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        assertThat(cache.unpack(archive)).isEqualTo(tree);
        assertThat(Files.readAttributes(tree.resolve("usr/include/stdio.h"),
                java.nio.file.attribute.BasicFileAttributes.class).fileKey()).isEqualTo(inode);

        List<CachedSysroot> listed = cache.list();
        assertThat(listed).hasSize(1);
        CachedSysroot s = listed.get(0);
        assertThat(s.key()).isEqualTo(tree.getParent().getFileName().toString());
        assertThat(s.tree()).isEqualTo(tree);
        assertThat(s.origin()).containsExactly(archive.toAbsolutePath().toString());
        assertThat(s.archiveSha256()).contains(Manifest.sha256(archive));
        long bytesOnDisk;
        try (Stream<Path> all = Files.walk(tree)) {
            bytesOnDisk = all.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .collect(java.util.stream.Collectors.toMap(p -> {
                        try {
                            return Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }, p -> p.toFile().length(), (a, b) -> a))
                    .values().stream().mapToLong(Long::longValue).sum();
        }
        assertThat(s.sizeBytes()).isPositive().isEqualTo(bytesOnDisk); // a hard link counts once
        assertThat(s.entries()).isGreaterThan(30);
        assertThat(s.notes()).anyMatch(n -> n.contains("absolute symlinks rewritten"));
        assertThat(s.created()).isAfter(java.time.Instant.now().minusSeconds(600));
        assertThat(cacheDirectories()).containsExactly(s.key());
    }

    @Test
    void aWrongSha256IsRefusedNamingBoth() throws Exception {
        Path archive = debianLike(TarBuilder.Compression.GZIP);
        String expected = "0".repeat(64);
        String actual = Manifest.sha256(archive);
        assertThatThrownBy(() -> new SysrootCache(cacheRoot()).unpack(archive, Optional.of(expected)))
                .isInstanceOf(SysrootException.class)
                .hasMessageContaining(archive.toString())
                .hasMessageContaining("has sha256 " + actual)
                .hasMessageContaining("expected " + expected);
        assertThatThrownBy(() -> new SysrootCache(cacheRoot()).unpack(archive, Optional.of("abc")))
                .isInstanceOf(SysrootException.class)
                .hasMessageContaining("not 64 hex digits");
        assertThat(cacheDirectories()).isEmpty();
    }

    @Test
    void aMissingArchiveIsNamed() {
        Path missing = dir.resolve("nothing.tar.gz");
        assertThatThrownBy(() -> new SysrootCache(cacheRoot()).unpack(missing))
                .isInstanceOf(SysrootException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist");
    }

    /** An archive of a few MB, so that concurrent unpacks overlap. */
    private Path biggerArchive() throws IOException {
        TarBuilder b = TarBuilder.debianLike();
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            byte[] data = new byte[32 * 1024];
            random.nextBytes(data);
            b.file("./usr/lib/x86_64-linux-gnu/blob" + i + ".so", data, 0644);
        }
        return b.write(dir.resolve("archives"), "big-sysroot", TarBuilder.Compression.GZIP);
    }

    @Test
    void fourThreadsUnpackingIntoAnEmptyCacheAllGetTheSameTree() throws Exception {
        Path archive = biggerArchive();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Path>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Callable<Path> task = () -> {
                    start.await();
                    return new SysrootCache(cacheRoot()).unpack(archive);
                };
                results.add(pool.submit(task));
            }
            start.countDown();
            Path tree = results.get(0).get(60, TimeUnit.SECONDS);
            for (Future<Path> f : results) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(tree);
            }
            assertThat(cacheDirectories()).containsExactly(tree.getParent().getFileName().toString());
            assertThat(new SysrootCache(cacheRoot()).verify(tree).problems()).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoProcessesUnpackingIntoAnEmptyCacheBothSucceedWithOneTree() throws Exception {
        Path archive = biggerArchive();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            processes.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    UnpackMain.class.getName(), cacheRoot().toString(), archive.toString())
                    .redirectErrorStream(true).start());
        }
        // and this JVM at the same time
        Path here = new SysrootCache(cacheRoot()).unpack(archive);
        List<String> outputs = new ArrayList<>();
        for (Process p : processes) {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            outputs.add(out);
        }
        assertThat(outputs).containsOnly(here.toString());
        assertThat(cacheDirectories()).containsExactly(here.getParent().getFileName().toString());
        assertThat(new SysrootCache(cacheRoot()).verify(here).ok()).isTrue();
    }

    @Test
    void aModifiedFileIsReportedAndTheTreeRebuilt() throws Exception {
        Path archive = debianLike(TarBuilder.Compression.GZIP);
        SysrootCache cache = new SysrootCache(cacheRoot());
        Path tree = cache.unpack(archive);
        Path crti = tree.resolve("usr/lib/x86_64-linux-gnu/crti.o");
        Files.writeString(crti, "evil"); // same size, new time

        VerifyResult result = cache.verify(tree);
        assertThat(result.ok()).isFalse();
        assertThat(result.problems()).singleElement().asString()
                .startsWith("usr/lib/x86_64-linux-gnu/crti.o: modified");

        assertThat(cache.unpack(archive)).isEqualTo(tree);
        assertThat(Files.readString(crti)).isEqualTo("crti");
        assertThat(cache.verify(tree).ok()).isTrue();
        assertThat(cacheDirectories()).containsExactly(tree.getParent().getFileName().toString());
    }

    /** R22: a read-only, fully populated cache serves its trees (the lock file cannot be opened for writing). */
    @Test
    void r22AReadOnlyPopulatedCacheIsUsable() throws Exception {
        Path archive = debianLike(TarBuilder.Compression.GZIP);
        Path tree = new SysrootCache(cacheRoot()).unpack(archive);
        List<Path> locked;
        try (var s = Files.list(cacheRoot())) {
            locked = new java.util.ArrayList<>(s.filter(p -> p.getFileName().toString().endsWith(".lock")).toList());
        }
        locked.add(cacheRoot());
        // immutable, so that even root cannot write (chmod does not stop root)
        if (!chattr("+i", locked)) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("this test needs chattr (Debian package e2fsprogs) on a file system with"
                        + " the immutable flag");
            }
            org.junit.jupiter.api.Assumptions.assumeTrue(false, "chattr +i is not available here");
        }
        try {
            assertThat(new SysrootCache(cacheRoot()).unpack(archive)).isEqualTo(tree);
        } finally {
            chattr("-i", locked);
        }
    }

    private static boolean chattr(String flag, List<Path> paths) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("chattr", flag));
        paths.forEach(p -> command.add(p.toString()));
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).start().waitFor() == 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** R13: a file rewritten with the same size and time is found by the quick check too (its change time). */
    @Test
    void r13AChangeThatKeepsSizeAndTimeIsFoundByVerifyAndByEveryReuseCheck() throws Exception {
        Path archive = debianLike(TarBuilder.Compression.GZIP);
        SysrootCache quick = new SysrootCache(cacheRoot());
        Path tree = quick.unpack(archive);
        Path crti = tree.resolve("usr/lib/x86_64-linux-gnu/crti.o");
        rewriteKeepingSizeAndTime(crti);

        assertThat(quick.verify(tree).problems()).singleElement().asString()
                .startsWith("usr/lib/x86_64-linux-gnu/crti.o: content changed (sha256 was " + Manifest.sha256("crti"));
        // the quick reuse check sees the inode change time, which cannot be set back
        assertThat(quick.unpack(archive)).isEqualTo(tree);
        assertThat(Files.readString(crti)).isEqualTo("crti");
        assertThat(quick.verify(tree).ok()).isTrue();
        // the content check reads everything
        rewriteKeepingSizeAndTime(crti);
        SysrootCache thorough = new SysrootCache(cacheRoot(), UnpackPolicy.defaults(), SysrootCache.ReuseCheck.CONTENT);
        assertThat(thorough.unpack(archive)).isEqualTo(tree);
        assertThat(Files.readString(crti)).isEqualTo("crti");
        assertThat(thorough.verify(tree).ok()).isTrue();
    }

    @Test
    void deletedAddedAndRetargetedEntriesAreReportedAndRebuilt() throws Exception {
        Path archive = debianLike(TarBuilder.Compression.GZIP);
        SysrootCache cache = new SysrootCache(cacheRoot());
        Path tree = cache.unpack(archive);
        Files.delete(tree.resolve("usr/include/stdio.h"));
        Files.writeString(tree.resolve("usr/include/extra.h"), "");
        Files.delete(tree.resolve("lib64/ld-linux-x86-64.so.2"));
        Files.createSymbolicLink(tree.resolve("lib64/ld-linux-x86-64.so.2"), Path.of("/lib/x86_64-linux-gnu/ld-2.31.so"));
        Files.setPosixFilePermissions(tree.resolve("usr/lib/x86_64-linux-gnu/crtn.o"),
                PosixFilePermissions.fromString("rw-rw-rw-"));

        assertThat(cache.verify(tree).problems()).containsExactlyInAnyOrder(
                "usr/include/stdio.h: missing",
                "usr/include/extra.h: not in the manifest (added after unpacking)",
                "lib64/ld-linux-x86-64.so.2: link target changed (was ../lib/x86_64-linux-gnu/ld-2.31.so,"
                        + " is /lib/x86_64-linux-gnu/ld-2.31.so)",
                "usr/lib/x86_64-linux-gnu/crtn.o: permissions changed (were 0644, are 0666)");

        assertThat(cache.unpack(archive)).isEqualTo(tree);
        assertThat(tree.resolve("usr/include/stdio.h")).hasContent("/* stdio */");
        assertThat(tree.resolve("usr/include/extra.h")).doesNotExist();
        assertThat(cache.verify(tree).ok()).isTrue();
    }

    @Test
    void anEntryWithoutItsCompleteMarkerIsReportedAndRebuilt() throws Exception {
        Path archive = debianLike(TarBuilder.Compression.GZIP);
        SysrootCache cache = new SysrootCache(cacheRoot());
        Path tree = cache.unpack(archive);
        Files.delete(tree.getParent().resolve(SysrootCache.COMPLETE));
        assertThat(cache.verify(tree).problems()).containsExactly("not marked complete (.complete is missing)");
        assertThat(cache.list()).isEmpty();
        assertThat(cache.unpack(archive)).isEqualTo(tree);
        assertThat(cache.verify(tree).ok()).isTrue();

        // a manifest edited to match a changed file does not match the marker
        Path manifest = tree.getParent().resolve(SysrootCache.MANIFEST);
        Files.writeString(manifest, Files.readString(manifest).replace("\tusr/include/stdio.h\n", "\tusr/include/other.h\n"));
        assertThat(cache.verify(tree).problems()).contains("manifest was changed after unpacking (it does not match .complete)");
        assertThat(cache.unpack(archive)).isEqualTo(tree);
        assertThat(cache.verify(tree).ok()).isTrue();
    }

    @Test
    void leftoversOfAKilledUnpackAreRemoved() throws Exception {
        Path archive = debianLike(TarBuilder.Compression.GZIP);
        String key = Manifest.sha256(archive).substring(0, 32);
        Path stale = Files.createDirectories(cacheRoot().resolve(".tmp-" + key + "-12345/tree/usr"));
        Files.writeString(stale.resolve("half"), "x");
        Files.setPosixFilePermissions(stale, PosixFilePermissions.fromString("r-x------"));
        Path tree = new SysrootCache(cacheRoot()).unpack(archive);
        assertThat(cacheDirectories()).containsExactly(key);
        assertThat(tree).isDirectory();
    }

    @Test
    void verifyRefusesADirectoryThatIsNotACachedTree() throws Exception {
        Path plain = Files.createDirectories(dir.resolve("some/tree"));
        assertThatThrownBy(() -> new SysrootCache(cacheRoot()).verify(plain))
                .isInstanceOf(SysrootException.class)
                .hasMessageContaining("is not a tree of the sysroot cache");
    }

    @Test
    void assemblesSeveralTarStreamsIntoOneTree() throws Exception {
        byte[] base = new TarBuilder()
                .dir("./").dir("./lib").dir("./lib/x86_64-linux-gnu")
                .file("./lib/x86_64-linux-gnu/libc.so.6", "libc")
                .dir("./usr").dir("./usr/lib").dir("./usr/lib/x86_64-linux-gnu")
                .symlink("./usr/lib/x86_64-linux-gnu/libgcc_s.so", "/lib/x86_64-linux-gnu/libgcc_s.so.1") // from part 2
                .file("./usr/lib/x86_64-linux-gnu/replaced.h", "old")
                .build(TarBuilder.Compression.XZ);
        byte[] gcc = new TarBuilder()
                .dir("./").dir("./lib").dir("./lib/x86_64-linux-gnu", 0750)
                .file("./lib/x86_64-linux-gnu/libgcc_s.so.1", "libgcc_s")
                .dir("./usr").dir("./usr/lib").dir("./usr/lib/x86_64-linux-gnu")
                .file("./usr/lib/x86_64-linux-gnu/replaced.h", "new")
                .build(TarBuilder.Compression.NONE);
        AtomicInteger opened = new AtomicInteger();
        List<ArchiveSource> parts = List.of(
                ArchiveSource.of("libc6_2.31-13_amd64.deb", () -> {
                    opened.incrementAndGet();
                    return new ByteArrayInputStream(base);
                }),
                ArchiveSource.of("libgcc-s1_10.2.1-6_amd64.deb", () -> {
                    opened.incrementAndGet();
                    return new ByteArrayInputStream(gcc);
                }));
        SysrootCache cache = new SysrootCache(cacheRoot());
        Path tree = cache.assemble("bullseye-abc123", parts);
        assertThat(tree).isEqualTo(cacheRoot().toAbsolutePath().resolve("bullseye-abc123/tree"));
        assertThat(tree.resolve("usr/lib/x86_64-linux-gnu/libgcc_s.so")).hasContent("libgcc_s");
        assertThat(Files.readSymbolicLink(tree.resolve("usr/lib/x86_64-linux-gnu/libgcc_s.so")))
                .isEqualTo(Path.of("../../../lib/x86_64-linux-gnu/libgcc_s.so.1"));
        assertThat(tree.resolve("usr/lib/x86_64-linux-gnu/replaced.h")).hasContent("new");
        assertThat(tree.resolve("lib/x86_64-linux-gnu/libc.so.6")).hasContent("libc");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tree.resolve("lib/x86_64-linux-gnu"))))
                .isEqualTo("rwxr-x---");
        assertThat(opened).hasValue(2);
        assertThat(cache.verify(tree).ok()).isTrue();

        // reused without opening the parts again
        assertThat(cache.assemble("bullseye-abc123", parts)).isEqualTo(tree);
        assertThat(opened).hasValue(2);
        assertThat(cache.list()).singleElement().satisfies(s -> {
            assertThat(s.key()).isEqualTo("bullseye-abc123");
            assertThat(s.origin()).containsExactly("libc6_2.31-13_amd64.deb", "libgcc-s1_10.2.1-6_amd64.deb");
            assertThat(s.archiveSha256()).isEmpty();
        });
    }

    @Test
    void assembledPartsCannotWriteThroughEachOthersLinks() throws Exception {
        byte[] first = new TarBuilder().symlink("./escape", "/etc").build(TarBuilder.Compression.GZIP);
        byte[] second = new TarBuilder().file("./escape/passwd", "root::0:0::/:/bin/sh").build(TarBuilder.Compression.GZIP);
        assertThatThrownBy(() -> new SysrootCache(cacheRoot()).assemble("k", List.of(
                ArchiveSource.of("first.deb", () -> new ByteArrayInputStream(first)),
                ArchiveSource.of("second.deb", () -> new ByteArrayInputStream(second)))))
                .isInstanceOf(SysrootException.class)
                .hasMessage("refused sysroot archive second.deb: entry './escape/passwd' would be written through the"
                        + " symlink escape -> etc (nothing is written through symlinks)");
        assertThat(cacheDirectories()).isEmpty();
    }

    @Test
    void assembleNeedsAUsableKey() {
        for (String key : List.of("", ".hidden", "../up", "a/b", "x".repeat(129))) {
            assertThatThrownBy(() -> new SysrootCache(cacheRoot()).assemble(key, List.of()))
                    .as(key)
                    .isInstanceOf(SysrootException.class)
                    .hasMessageContaining("is not usable");
        }
    }

    @Test
    void theDefaultRootIsInTheUsersCache() {
        Path root = SysrootCache.defaultRoot();
        assertThat(root.endsWith(Path.of("winebuild-j", "sysroots"))).isTrue();
        assertThat(root.isAbsolute()).isTrue();
    }

    @Test
    void unpackedTimesAreFixed() throws Exception {
        Path tree = new SysrootCache(cacheRoot()).unpack(debianLike(TarBuilder.Compression.NONE));
        try (Stream<Path> all = Files.walk(tree)) {
            for (Path p : all.filter(p -> !Files.isSymbolicLink(p)).toList()) {
                assertThat(Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS)).as(p.toString())
                        .isEqualTo(FileTime.from(java.time.Instant.parse("1980-01-01T00:00:00Z")));
            }
        }
    }

    /**
     * Issue 18 (also seen): temporary trees of unpacks that were killed, and trash of discarded entries,
     * are removed by the next unpack of any archive once no process holds their key's lock; those of
     * an unpack another process is running stay.
     */
    @Test
    void leftoversOfKilledUnpacksAreSweptOnceNoProcessHoldsTheirLock() throws Exception {
        Path archive = debianLike(TarBuilder.Compression.GZIP);
        SysrootCache cache = new SysrootCache(cacheRoot());
        cache.unpack(archive);
        Path dead = Files.createDirectories(cacheRoot().resolve(".tmp-0123abcd-4242/tree/usr"));
        Files.writeString(dead.resolve("half-written"), "x");
        Path trash = Files.createDirectories(cacheRoot().resolve(".trash-0123abcd-" + "5".repeat(32) + "/tree"));
        Path live = Files.createDirectories(cacheRoot().resolve(".tmp-live-key-77/tree"));
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SysrootLockHolder.class.getName(),
                cacheRoot().toString(), "live-key").redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            String said = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8)).readLine();
            assertThat(said).isEqualTo("locked");

            cache.unpack(TarBuilder.debianLike().file("./etc/other", "other".getBytes(), 0644)
                    .write(dir.resolve("archives"), "other-sysroot", TarBuilder.Compression.GZIP));
            assertThat(cacheRoot().resolve(".tmp-0123abcd-4242")).doesNotExist();
            assertThat(trash.getParent()).doesNotExist();
            assertThat(live).as("another process is unpacking it").exists();
        } finally {
            holder.getOutputStream().close();
            assertThat(holder.waitFor()).isZero();
        }
        cache.unpack(archive);
        assertThat(live.getParent()).doesNotExist();
    }

    /** Issue 18 (also seen): however many archives were tried, the cache has one lock file. */
    @Test
    void oneLockFileServesEveryKey() throws Exception {
        SysrootCache cache = new SysrootCache(cacheRoot());
        cache.unpack(debianLike(TarBuilder.Compression.GZIP));
        cache.unpack(TarBuilder.debianLike().file("./etc/other", "other".getBytes(), 0644)
                .write(dir.resolve("archives"), "other-sysroot", TarBuilder.Compression.GZIP));
        assertThatThrownBy(() -> cache.unpack(dir.resolve("missing.tar.gz"))).isInstanceOf(SysrootException.class);
        // a named lock, taken inside another one
        assertThat(cache.underLock("provisioning", () -> cache.underLock("other", () -> "nested")))
                .isEqualTo("nested");
        try (Stream<Path> s = Files.list(cacheRoot())) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList())
                    .containsExactly(SysrootCache.LOCK_FILE);
        }
    }

    /** Writes {@code evil} over a 4-byte file and sets its time back: only its inode change time shows it. */
    private static void rewriteKeepingSizeAndTime(Path file) throws IOException {
        Files.writeString(file, "evil");
        Files.setLastModifiedTime(file, Manifest.TIMESTAMP);
    }

    /** A cache whose clock is past the settling time, so that the quick check records statuses at once. */
    private SysrootCache settledCache() {
        return new SysrootCache(cacheRoot(), UnpackPolicy.defaults(), SysrootCache.ReuseCheck.METADATA,
                java.time.Clock.offset(java.time.Clock.systemUTC(), java.time.Duration.ofMinutes(1)));
    }

    /** Unpacks the archive and reuses it once, which records the statuses of the checked entry. */
    private Path unpackedAndRecorded(SysrootCache cache, Path archive) throws Exception {
        Path tree = cache.unpack(archive);
        Path record = tree.getParent().resolve(VerifiedStatus.FILE);
        assertThat(record).doesNotExist(); // just unpacked: not settled
        assertThat(cache.unpack(archive)).isEqualTo(tree);
        assertThat(record).isRegularFile();
        assertThat(VerifiedStatus.matches(tree.getParent())).isTrue();
        return tree;
    }

    @Test
    void aFreshTreeIsNotRecordedUntilItHasSettled() throws Exception {
        Path archive = debianLike(TarBuilder.Compression.GZIP);
        SysrootCache cache = new SysrootCache(cacheRoot());
        Path tree = cache.unpack(archive);
        assertThat(cache.unpack(archive)).isEqualTo(tree);
        assertThat(tree.getParent().resolve(VerifiedStatus.FILE)).doesNotExist();
    }

    @Test
    void aRewriteKeepingSizeAndTimeIsCaughtDespiteTheRecord() throws Exception {
        Path archive = debianLike(TarBuilder.Compression.GZIP);
        SysrootCache cache = settledCache();
        Path tree = unpackedAndRecorded(cache, archive);
        Path crti = tree.resolve("usr/lib/x86_64-linux-gnu/crti.o");
        rewriteKeepingSizeAndTime(crti);

        assertThat(VerifiedStatus.matches(tree.getParent())).isFalse();
        assertThat(cache.unpack(archive)).isEqualTo(tree);
        assertThat(crti).hasContent("crti");
        assertThat(cache.verify(tree).ok()).isTrue();
    }

    @Test
    void aDeletedFileIsCaughtDespiteTheRecord() throws Exception {
        Path archive = debianLike(TarBuilder.Compression.GZIP);
        SysrootCache cache = settledCache();
        Path tree = unpackedAndRecorded(cache, archive);
        Files.delete(tree.resolve("usr/include/stdio.h"));

        assertThat(VerifiedStatus.matches(tree.getParent())).isFalse();
        assertThat(cache.unpack(archive)).isEqualTo(tree);
        assertThat(tree.resolve("usr/include/stdio.h")).hasContent("/* stdio */");
    }

    @Test
    void anAddedFileIsCaughtDespiteTheRecordAndRemovedByTheRebuild() throws Exception {
        Path archive = debianLike(TarBuilder.Compression.GZIP);
        SysrootCache cache = settledCache();
        Path tree = unpackedAndRecorded(cache, archive);
        Files.writeString(tree.resolve("usr/include/extra.h"), "");

        assertThat(VerifiedStatus.matches(tree.getParent())).isFalse();
        assertThat(cache.verify(tree).problems())
                .containsExactly("usr/include/extra.h: not in the manifest (added after unpacking)");
        assertThat(cache.unpack(archive)).isEqualTo(tree);
        assertThat(tree.resolve("usr/include/extra.h")).doesNotExist();
        assertThat(cache.verify(tree).ok()).isTrue();
    }

    @Test
    void aDamagedOrForgedRecordLeadsToTheFullCheck() throws Exception {
        Path archive = debianLike(TarBuilder.Compression.GZIP);
        SysrootCache cache = settledCache();
        Path tree = unpackedAndRecorded(cache, archive);
        Path entry = tree.getParent();
        Path record = entry.resolve(VerifiedStatus.FILE);
        String good = Files.readString(record);
        String body = good.substring(good.indexOf('\n', good.indexOf('\n') + 1) + 1);
        // the tree is damaged; each record below would hide it if it were trusted
        Path crti = tree.resolve("usr/lib/x86_64-linux-gnu/crti.o");
        String crtiLine = body.lines().filter(l -> l.startsWith("tree/usr/lib/x86_64-linux-gnu/crti.o\t"))
                .findFirst().orElseThrow();
        String dirLine = body.lines().filter(l -> l.startsWith("tree/usr/lib/x86_64-linux-gnu\t"))
                .findFirst().orElseThrow();
        rewriteKeepingSizeAndTime(crti);
        String damagedBody = body.replace(crtiLine + "\n", "").replace(dirLine + "\n", "");
        List<String> records = List.of(
                good.replace(crtiLine, crtiLine + "x"), // damaged: the checksum no longer matches
                VerifiedStatus.HEADER + "\ncrc32 " + VerifiedStatus.crc32(damagedBody) + "\n" + damagedBody
                        .replace("manifest\t", "manifest\tX"), // a status that is not one
                VerifiedStatus.HEADER + "\ncrc32 " + VerifiedStatus.crc32("tree/../x\t1:1:1:1.0:1.0:1\n")
                        + "\ntree/../x\t1:1:1:1.0:1.0:1\n", // a path outside the entry
                "# winebuild-j sysroot verified 2\n" + good.substring(good.indexOf('\n') + 1), // another version
                VerifiedStatus.HEADER + "\ncrc32 " + VerifiedStatus.crc32("") + "\n", // no paths
                "");
        for (String forged : records) {
            Files.writeString(record, forged);
            assertThat(VerifiedStatus.matches(entry)).as(forged).isFalse();
            assertThat(cache.unpack(archive)).isEqualTo(tree);
            assertThat(crti).as(forged).hasContent("crti");
            rewriteKeepingSizeAndTime(crti);
        }
        assertThat(VerifiedStatus.wellFormed("65024:16042467:319296:1796415207.69532552:-1.5:33188")).isTrue();
        for (String bad : List.of("", "1:2:3:4:5:6", "1:2:3:4.5:6.7", "1:2:3:4.5:6.7:8:9", "1:2:3:.5:6.7:8",
                "1:2:3:4.5:6.7:", "a:2:3:4.5:6.7:8", "1:2:3:4.5.6:7.8:9", "1:-2:3:4.5:6.7:8")) {
            assertThat(VerifiedStatus.wellFormed(bad)).as(bad).isFalse();
        }
        // a record without the damaged file's lines, but well formed: its directory is not listed
        // either, yet the required entries are, so it is trusted: writing it takes write access to the
        // cache, which also allows rewriting the manifest and its marker (see docs/sysroots.md)
        assertThat(VerifiedStatus.parse(VerifiedStatus.HEADER + "\ncrc32 " + VerifiedStatus.crc32(damagedBody) + "\n"
                + damagedBody)).isPresent();
    }
}
