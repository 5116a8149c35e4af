package dev.winelib.sysroot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A view of a sysroot in which every absolute symlink points inside the tree.
 *
 * <p>Debian-derived sysroots contain links such as {@code lib64/ld-linux-x86-64.so.2 ->
 * /lib/x86_64-linux-gnu/ld-2.31.so}: inside the tree they point at the build machine's files.
 * The user's directory is never changed. Instead the view is a separate directory that mirrors
 * only the directories on the way to such links: every other entry is a symlink to the original,
 * relative links are kept as they are, and absolute links are re-aimed at the same path inside the
 * view. Views are built under a temporary name and renamed into place, and are shared by key.
 */
final class SysrootView {

    private SysrootView() {
    }

    /** Absolute symlinks of the tree, as paths relative to the root, with their targets. */
    static TreeMap<String, String> absoluteLinks(Path root) throws IOException {
        return absoluteLinks(root, new ArrayList<>());
    }

    /**
     * Absolute symlinks of the tree, as {@link #absoluteLinks(Path)}; adds the status of each directory,
     * taken before its entries are read, to {@code directories}, and returns null instead when some
     * directory could not be read (such a scan is not kept).
     */
    private static TreeMap<String, String> absoluteLinks(Path root, List<KeptSysrootScan.DirectoryStatus> directories)
            throws IOException {
        TreeMap<String, String> links = new TreeMap<>();
        boolean[] complete = {true};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                try {
                    directories.add(KeptSysrootScan.DirectoryStatus.of(root, root.relativize(dir).toString()));
                } catch (IOException | RuntimeException e) {
                    complete[0] = false;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isSymbolicLink()) {
                    String target = Files.readSymbolicLink(file).toString();
                    if (target.startsWith("/")) {
                        links.put(root.relativize(file).toString(), target);
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                complete[0] = false;
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) {
                if (exc != null) {
                    complete[0] = false;
                }
                return FileVisitResult.CONTINUE;
            }
        });
        if (!complete[0] || directories.isEmpty()) {
            directories.clear();
        }
        return links;
    }

    /**
     * The directory to link against: {@code root} when it has no absolute link, otherwise a view
     * under {@code viewsDirectory}, made on first use.
     */
    static Path linkRootFor(Path root, Path viewsDirectory) throws IOException {
        Path keptScan = KeptSysrootScan.fileFor(viewsDirectory, root);
        String keptKey = KeptSysrootScan.unchangedViewKey(keptScan, root);
        if (keptKey != null) {
            if (keptKey.isEmpty()) {
                return root;
            }
            Path keptView = viewsDirectory.resolve(keptKey);
            if (Files.isDirectory(keptView.resolve(".complete"))) {
                return keptView;
            }
        }
        long scanStart = System.currentTimeMillis();
        List<KeptSysrootScan.DirectoryStatus> directories = new ArrayList<>();
        TreeMap<String, String> links = absoluteLinks(root, directories);
        if (links.isEmpty()) {
            keep(new KeptSysrootScan("", directories), keptScan, root, scanStart);
            return root;
        }
        String key = key(root, links, mirroredEntries(root, links.keySet()));
        Path view = viewsDirectory.resolve(key);
        if (Files.isDirectory(view.resolve(".complete"))) {
            keep(new KeptSysrootScan(key, directories), keptScan, root, scanStart);
            return view;
        }
        Files.createDirectories(viewsDirectory);
        Path staging = Files.createTempDirectory(viewsDirectory, ".staging-");
        try {
            build(root, staging, view, links.keySet());
            Files.createDirectory(staging.resolve(".complete"));
            try {
                Files.move(staging, view, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot rename " + staging + " to " + view + " atomically", e);
            } catch (IOException e) {
                if (!Files.isDirectory(view.resolve(".complete"))) {
                    throw e;
                }
                // another build made the same view first; use that one
            }
        } finally {
            if (Files.exists(staging, LinkOption.NOFOLLOW_LINKS)) {
                deleteTree(staging);
            }
        }
        if (!Files.isDirectory(view.resolve(".complete"))) {
            throw new IOException("sysroot view " + view + " is incomplete; delete it and build again");
        }
        keep(new KeptSysrootScan(key, directories), keptScan, root, scanStart);
        return view;
    }

    /** Keeps a complete scan (one that read every directory) for the next build. */
    private static void keep(KeptSysrootScan scan, Path file, Path root, long scanStart) {
        if (!scan.directories().isEmpty()) {
            scan.keep(file, root, scanStart);
        }
    }

    /**
     * The entries of the directories the view mirrors: a file added to one of them (a library put in
     * {@code usr/lib/x86_64-linux-gnu}) is missing from an existing view, so it is part of the key.
     */
    private static List<String> mirroredEntries(Path root, Set<String> linkPaths) throws IOException {
        List<String> entries = new ArrayList<>();
        for (String dir : mirroredDirectories(linkPaths)) {
            Path source = dir.isEmpty() ? root : root.resolve(dir);
            List<String> names = new ArrayList<>();
            try (DirectoryStream<Path> children = Files.newDirectoryStream(source)) {
                children.forEach(c -> names.add(c.getFileName().toString()));
            }
            names.sort(Comparator.naturalOrder());
            names.forEach(n -> entries.add(dir + "/" + n));
        }
        return entries;
    }

    private static Set<String> mirroredDirectories(Set<String> linkPaths) {
        Set<String> mirroredDirs = new TreeSet<>();
        mirroredDirs.add("");
        for (String link : linkPaths) {
            Path parent = Path.of(link).getParent();
            while (parent != null) {
                mirroredDirs.add(parent.toString());
                parent = parent.getParent();
            }
        }
        return mirroredDirs;
    }

    private static String key(Path root, TreeMap<String, String> links, List<String> mirroredEntries) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(root.toString().getBytes(StandardCharsets.UTF_8));
            for (String entry : mirroredEntries) {
                sha.update((byte) 1);
                sha.update(entry.getBytes(StandardCharsets.UTF_8));
            }
            links.forEach((path, target) -> {
                sha.update((byte) 0);
                sha.update(path.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(target.getBytes(StandardCharsets.UTF_8));
            });
            return HexFormat.of().formatHex(sha.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Fills {@code staging} with the view; links are written as they must be once the directory
     * has been renamed to {@code finalView}.
     */
    private static void build(Path root, Path staging, Path finalView, Set<String> linkPaths) throws IOException {
        Set<String> mirroredDirs = mirroredDirectories(linkPaths);
        for (String dir : mirroredDirs) {
            Path source = dir.isEmpty() ? root : root.resolve(dir);
            Path target = dir.isEmpty() ? staging : staging.resolve(dir);
            Files.createDirectories(target);
            List<Path> children = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(source)) {
                entries.forEach(children::add);
            }
            children.sort(Comparator.naturalOrder());
            for (Path child : children) {
                String rel = root.relativize(child).toString();
                if (mirroredDirs.contains(rel)) {
                    continue;
                }
                Path placed = target.resolve(child.getFileName().toString());
                if (Files.isSymbolicLink(child)) {
                    Path linkTarget = Files.readSymbolicLink(child);
                    if (linkTarget.isAbsolute()) {
                        Files.createSymbolicLink(placed, finalView.resolve(linkTarget.toString().substring(1)));
                    } else {
                        Files.createSymbolicLink(placed, linkTarget);
                    }
                } else {
                    Files.createSymbolicLink(placed, child.toAbsolutePath());
                }
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> all = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        }
    }
}
