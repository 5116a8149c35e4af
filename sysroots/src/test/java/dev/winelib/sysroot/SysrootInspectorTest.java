package dev.winelib.sysroot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysrootInspectorTest {

    @TempDir
    Path dir;

    /** A tree with empty stand-ins for the files the inspector looks for, plus absolute links. */
    private Path tree(String gccVersion) throws Exception {
        Path root = dir.resolve("root");
        Path gcc = Files.createDirectories(root.resolve("usr/lib/gcc/x86_64-linux-gnu/" + gccVersion));
        Files.createFile(gcc.resolve("crtbeginS.o"));
        Files.createFile(gcc.resolve("crtendS.o"));
        Path lib = Files.createDirectories(root.resolve("usr/lib/x86_64-linux-gnu"));
        Files.createFile(lib.resolve("crti.o"));
        Files.createFile(lib.resolve("crtn.o"));
        Files.writeString(lib.resolve("libc.so"), "GROUP ( /lib/x86_64-linux-gnu/libc.so.6 )\n");
        Path realLib = Files.createDirectories(root.resolve("lib/x86_64-linux-gnu"));
        Files.writeString(realLib.resolve("ld-2.31.so"), "loader");
        Files.writeString(realLib.resolve("libpthread.so.0"), "pthread");
        Files.createDirectories(root.resolve("lib64"));
        Files.createSymbolicLink(root.resolve("lib64/ld-linux-x86-64.so.2"), Path.of("/lib/x86_64-linux-gnu/ld-2.31.so"));
        Files.createSymbolicLink(lib.resolve("libpthread.so"), Path.of("/lib/x86_64-linux-gnu/libpthread.so.0"));
        Files.createSymbolicLink(lib.resolve("libc.so.6"), Path.of("../../../lib/x86_64-linux-gnu/libc.so.6"));
        Files.createDirectories(root.resolve("usr/include"));
        Files.writeString(root.resolve("usr/include/stdio.h"), "/* */");
        return root;
    }

    @Test
    void findsStartFilesAndLibraryDirectories() throws Exception {
        Path root = tree("10");
        SysrootLayout layout = new SysrootInspector(dir.resolve("views")).inspect(Sysroot.directory(root));
        assertThat(layout.gccVersion()).isEqualTo("10");
        Path view = layout.linkRoot();
        assertThat(view).isNotEqualTo(root).startsWith(dir.resolve("views"));
        assertThat(layout.crti()).isEqualTo(view.resolve("usr/lib/x86_64-linux-gnu/crti.o"));
        assertThat(layout.crtBeginShared()).isEqualTo(view.resolve("usr/lib/gcc/x86_64-linux-gnu/10/crtbeginS.o"));
        assertThat(layout.libraryDirectories()).containsExactly(
                view.resolve("usr/lib/gcc/x86_64-linux-gnu/10"),
                view.resolve("usr/lib/x86_64-linux-gnu"),
                view.resolve("lib/x86_64-linux-gnu"),
                view.resolve("lib64"),
                view.resolve("usr/lib"),
                view.resolve("lib"));
    }

    @Test
    void viewResolvesAbsoluteLinksInsideTheTreeAndLeavesTheTreeAlone() throws Exception {
        Path root = tree("10");
        Path view = new SysrootInspector(dir.resolve("views")).inspect(Sysroot.directory(root)).linkRoot();
        assertThat(Files.readString(view.resolve("lib64/ld-linux-x86-64.so.2"))).isEqualTo("loader");
        assertThat(Files.readString(view.resolve("usr/lib/x86_64-linux-gnu/libpthread.so"))).isEqualTo("pthread");
        assertThat(view.resolve("usr/lib/x86_64-linux-gnu/libpthread.so").toRealPath())
                .isEqualTo(root.resolve("lib/x86_64-linux-gnu/libpthread.so.0").toRealPath());
        assertThat(Files.readString(view.resolve("usr/include/stdio.h"))).isEqualTo("/* */");
        assertThat(Files.readSymbolicLink(view.resolve("usr/lib/x86_64-linux-gnu/libc.so.6")))
                .isEqualTo(Path.of("../../../lib/x86_64-linux-gnu/libc.so.6"));
        // the user's tree is untouched
        assertThat(Files.readSymbolicLink(root.resolve("lib64/ld-linux-x86-64.so.2")))
                .isEqualTo(Path.of("/lib/x86_64-linux-gnu/ld-2.31.so"));
        try (var entries = Files.list(root)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("usr", "lib", "lib64");
        }
    }

    /** R12: a library added to a directory the view mirrors is seen at once, without copying the sysroot. */
    @Test
    void r12ALibraryAddedToAMirroredDirectoryIsInTheView() throws Exception {
        Path root = tree("10");
        SysrootInspector inspector = new SysrootInspector(dir.resolve("views"));
        inspector.inspect(Sysroot.directory(root));
        Files.writeString(root.resolve("usr/lib/x86_64-linux-gnu/libnew.so"), "new");
        Path view = inspector.inspect(Sysroot.directory(root)).linkRoot();
        assertThat(Files.readString(view.resolve("usr/lib/x86_64-linux-gnu/libnew.so"))).isEqualTo("new");
    }

    @Test
    void viewIsReusedAndRebuiltWhenTheLinksChange() throws Exception {
        Path root = tree("10");
        SysrootInspector inspector = new SysrootInspector(dir.resolve("views"));
        Path first = inspector.inspect(Sysroot.directory(root)).linkRoot();
        assertThat(inspector.inspect(Sysroot.directory(root)).linkRoot()).isEqualTo(first);
        Files.delete(root.resolve("lib64/ld-linux-x86-64.so.2"));
        Files.createSymbolicLink(root.resolve("lib64/ld-linux-x86-64.so.2"), Path.of("/lib/x86_64-linux-gnu/libpthread.so.0"));
        Path second = inspector.inspect(Sysroot.directory(root)).linkRoot();
        assertThat(second).isNotEqualTo(first);
        assertThat(Files.readString(second.resolve("lib64/ld-linux-x86-64.so.2"))).isEqualTo("pthread");
    }

    /**
     * A scan of a tree whose directories are older than the racy margin is kept, trusted while no directory
     * changes, and not trusted once one does: a symlink added in a sub-directory, a link re-aimed, a library
     * added to a mirrored directory, or a damaged kept file all make the next inspection walk the tree again.
     */
    @Test
    void keptScanIsUsedOnlyWhileNoDirectoryOfTheTreeChanges() throws Exception {
        Path root = tree("10");
        Files.createDirectories(root.resolve("usr/share/doc/pkg"));
        Files.writeString(root.resolve("usr/share/doc/pkg/README"), "doc");
        Thread.sleep(KeptSysrootScan.RACY_MARGIN_MILLIS + 200);
        SysrootInspector inspector = new SysrootInspector(dir.resolve("views"));
        Path first = inspector.inspect(Sysroot.directory(root)).linkRoot();
        Path kept = KeptSysrootScan.fileFor(dir.resolve("views"), root);
        assertThat(KeptSysrootScan.unchangedViewKey(kept, root)).isEqualTo(first.getFileName().toString());
        assertThat(KeptSysrootScan.unchangedViewKey(kept, dir.resolve("other"))).isNull();
        assertThat(inspector.inspect(Sysroot.directory(root)).linkRoot()).isEqualTo(first);

        // an absolute link added deep in the tree, in a directory the view does not mirror
        Files.createSymbolicLink(root.resolve("usr/share/doc/pkg/loader"), Path.of("/lib/x86_64-linux-gnu/ld-2.31.so"));
        assertThat(KeptSysrootScan.unchangedViewKey(kept, root)).isNull();
        Path second = inspector.inspect(Sysroot.directory(root)).linkRoot();
        assertThat(second).isNotEqualTo(first);
        assertThat(Files.readString(second.resolve("usr/share/doc/pkg/loader"))).isEqualTo("loader");

        // a link re-aimed in place (ln -sf: a new link renamed over the old one)
        Path newLink = root.resolve("usr/share/doc/pkg/.loader.new");
        Files.createSymbolicLink(newLink, Path.of("/lib/x86_64-linux-gnu/libpthread.so.0"));
        Files.move(newLink, root.resolve("usr/share/doc/pkg/loader"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Path third = inspector.inspect(Sysroot.directory(root)).linkRoot();
        assertThat(Files.readString(third.resolve("usr/share/doc/pkg/loader"))).isEqualTo("pthread");

        // a library added to a mirrored directory
        Files.writeString(root.resolve("usr/lib/x86_64-linux-gnu/libnew.so"), "new");
        Path fourth = inspector.inspect(Sysroot.directory(root)).linkRoot();
        assertThat(Files.readString(fourth.resolve("usr/lib/x86_64-linux-gnu/libnew.so"))).isEqualTo("new");

        // a damaged kept file (these changes were too recent to be kept, so keep an aged scan first)
        Thread.sleep(KeptSysrootScan.RACY_MARGIN_MILLIS + 200);
        assertThat(inspector.inspect(Sysroot.directory(root)).linkRoot()).isEqualTo(fourth);
        assertThat(KeptSysrootScan.unchangedViewKey(kept, root)).isEqualTo(fourth.getFileName().toString());
        byte[] bytes = Files.readAllBytes(kept);
        Files.write(kept, java.util.Arrays.copyOf(bytes, bytes.length - 3));
        assertThat(KeptSysrootScan.unchangedViewKey(kept, root)).isNull();
        assertThat(inspector.inspect(Sysroot.directory(root)).linkRoot()).isEqualTo(fourth);
        assertThat(KeptSysrootScan.unchangedViewKey(kept, root)).isEqualTo(fourth.getFileName().toString());
    }

    /** A tree changed shortly before the scan is walked again next time: its times may not show a change yet. */
    @Test
    void aScanOfARecentlyChangedTreeIsNotKept() throws Exception {
        Path root = tree("10");
        new SysrootInspector(dir.resolve("views")).inspect(Sysroot.directory(root));
        assertThat(KeptSysrootScan.fileFor(dir.resolve("views"), root)).doesNotExist();
    }

    @Test
    void concurrentBuildsShareOneView() throws Exception {
        Path root = tree("10");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Path>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Callable<Path> task = () -> new SysrootInspector(dir.resolve("views")).inspect(Sysroot.directory(root))
                        .linkRoot();
                results.add(pool.submit(task));
            }
            Path expected = results.get(0).get();
            for (Future<Path> f : results) {
                assertThat(f.get()).isEqualTo(expected);
            }
            assertThat(Files.readString(expected.resolve("lib64/ld-linux-x86-64.so.2"))).isEqualTo("loader");
            try (var views = Files.list(dir.resolve("views"))) {
                assertThat(views.toList()).containsExactly(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void treeWithoutAbsoluteLinksIsUsedDirectly() throws Exception {
        Path root = tree("10");
        Files.delete(root.resolve("lib64/ld-linux-x86-64.so.2"));
        Files.delete(root.resolve("usr/lib/x86_64-linux-gnu/libpthread.so"));
        assertThat(new SysrootInspector(dir.resolve("views")).inspect(Sysroot.directory(root)).linkRoot())
                .isEqualTo(root);
    }

    @Test
    void picksTheHighestGccVersion() throws Exception {
        Path root = tree("9");
        Path gcc10 = Files.createDirectories(root.resolve("usr/lib/gcc/x86_64-linux-gnu/10"));
        Files.createFile(gcc10.resolve("crtbeginS.o"));
        Files.createFile(gcc10.resolve("crtendS.o"));
        Files.createDirectories(root.resolve("usr/lib/gcc/x86_64-linux-gnu/11")); // no start files
        assertThat(new SysrootInspector(dir.resolve("views")).inspect(Sysroot.directory(root)).gccVersion())
                .isEqualTo("10");
    }

    @Test
    void missingPiecesAreNamedWithThePackageToAdd() throws Exception {
        Path root = tree("10");
        Files.delete(root.resolve("usr/lib/gcc/x86_64-linux-gnu/10/crtendS.o"));
        assertThatThrownBy(() -> new SysrootInspector(dir.resolve("views")).inspect(Sysroot.directory(root)))
                .isInstanceOf(SysrootException.class)
                .hasMessageContaining("has no gcc start files")
                .hasMessageContaining("libgcc-N-dev");
        assertThatThrownBy(() -> new SysrootInspector(dir.resolve("views"))
                .inspect(Sysroot.directory(dir.resolve("missing"))))
                .isInstanceOf(SysrootException.class)
                .hasMessageContaining("is not a directory");
    }

    @Test
    void hostIsTheRunningSystem() {
        assertThat(Sysroot.parse("host").isHost()).isTrue();
        assertThat(Sysroot.parse("/").isHost()).isTrue();
        assertThat(Sysroot.parse("/opt/sniper").root()).isEqualTo(Path.of("/opt/sniper"));
        assertThat(SysrootInspector.compareVersions("10", "9")).isPositive();
        assertThat(SysrootInspector.compareVersions("12.2", "12.10")).isNegative();
    }
}
