package dev.winelib.sysroot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What an unpacked tree holds: one line per directory, regular file and symlink, with the
 * permission bits, and for files the size and sha256, for links the target as written to disk.
 *
 * <p>The text form, sorted by path, tab-separated (paths never contain control characters: the
 * unpacker refuses such names):
 *
 * <pre>
 * # winebuild-j sysroot manifest 1
 * d  0755  -     -       usr
 * f  0644  1234  SHA256  usr/lib/x86_64-linux-gnu/crti.o
 * l  -     -     -       lib64/ld-linux-x86-64.so.2  ../lib/x86_64-linux-gnu/ld-2.31.so
 * </pre>
 */
final class Manifest {

    static final String HEADER = "# winebuild-j sysroot manifest 1";

    /**
     * The modification time of every regular file and directory of an unpacked tree, whatever the
     * archive says: trees are reproducible, and a file edited in place gets a newer time, which
     * the quick check on reuse notices. 1980-01-01 is representable in every archive format.
     */
    static final FileTime TIMESTAMP = FileTime.from(Instant.parse("1980-01-01T00:00:00Z"));

    enum Type {
        DIRECTORY('d'), FILE('f'), LINK('l');

        final char code;

        Type(char code) {
            this.code = code;
        }

        static Type of(char code) {
            for (Type t : values()) {
                if (t.code == code) {
                    return t;
                }
            }
            throw new IllegalArgumentException("unknown manifest entry type '" + code + "'");
        }
    }

    /** One path of the tree; {@code mode} is the permission bits (0 for links). */
    record Entry(Type type, int mode, long size, String sha256, String target) {

        static Entry directory(int mode) {
            return new Entry(Type.DIRECTORY, mode, 0, null, null);
        }

        static Entry file(int mode, long size, String sha256) {
            return new Entry(Type.FILE, mode, size, Objects.requireNonNull(sha256), null);
        }

        static Entry link(String target) {
            return new Entry(Type.LINK, 0, 0, null, Objects.requireNonNull(target));
        }
    }

    private final TreeMap<String, Entry> entries;

    Manifest(Map<String, Entry> entries) {
        this.entries = new TreeMap<>(entries);
    }

    SortedMap<String, Entry> entries() {
        return java.util.Collections.unmodifiableSortedMap(entries);
    }

    long totalFileBytes() {
        return entries.values().stream().filter(e -> e.type == Type.FILE).mapToLong(Entry::size).sum();
    }

    String toText() {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        entries.forEach((path, e) -> {
            sb.append(e.type.code).append('\t');
            sb.append(e.type == Type.LINK ? "-" : String.format("%04o", e.mode)).append('\t');
            sb.append(e.type == Type.FILE ? Long.toString(e.size) : "-").append('\t');
            sb.append(e.type == Type.FILE ? e.sha256 : "-").append('\t');
            sb.append(path);
            if (e.type == Type.LINK) {
                sb.append('\t').append(e.target);
            }
            sb.append('\n');
        });
        return sb.toString();
    }

    static Manifest parse(String text) throws IOException {
        String[] lines = text.split("\n", -1);
        if (lines.length == 0 || !lines[0].equals(HEADER)) {
            throw new IOException("not a sysroot manifest (first line is not '" + HEADER + "')");
        }
        TreeMap<String, Entry> entries = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                if (i == lines.length - 1) {
                    break;
                }
                throw new IOException("manifest line " + (i + 1) + " is empty");
            }
            String[] f = line.split("\t", -1);
            try {
                Type type = Type.of(f[0].length() == 1 ? f[0].charAt(0) : '?');
                int expectedFields = type == Type.LINK ? 6 : 5;
                if (f.length != expectedFields || f[4].isEmpty()) {
                    throw new IllegalArgumentException("expected " + expectedFields + " fields");
                }
                Entry e = switch (type) {
                    case DIRECTORY -> Entry.directory(Integer.parseInt(f[1], 8));
                    case FILE -> Entry.file(Integer.parseInt(f[1], 8), Long.parseLong(f[2]), f[3]);
                    case LINK -> Entry.link(f[5]);
                };
                if (entries.put(f[4], e) != null) {
                    throw new IllegalArgumentException("duplicate path");
                }
            } catch (IllegalArgumentException e) {
                throw new IOException("malformed manifest line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return new Manifest(entries);
    }

    /**
     * Differences between the tree on disk and this manifest, one line each. Always compared:
     * which paths exist, their types, permission bits, file sizes and modification times, link
     * targets. With {@code hashContents} also the sha256 of every regular file.
     */
    List<String> compare(Path tree, boolean hashContents) throws IOException {
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Files.walkFileTree(tree, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(tree)) {
                    check(dir);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                check(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                String rel = tree.relativize(file).toString();
                seen.add(rel);
                problems.add(rel + ": cannot be read (" + exc.getMessage() + ")");
                return FileVisitResult.CONTINUE;
            }

            private void check(Path p) throws IOException {
                String rel = tree.relativize(p).toString();
                seen.add(rel);
                Entry e = entries.get(rel);
                PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                Type actual = a.isDirectory() ? Type.DIRECTORY : a.isRegularFile() ? Type.FILE
                        : a.isSymbolicLink() ? Type.LINK : null;
                if (e == null) {
                    problems.add(rel + ": not in the manifest (added after unpacking)");
                    return;
                }
                if (actual != e.type) {
                    problems.add(rel + ": is " + describe(actual) + ", was " + describe(e.type));
                    return;
                }
                if (actual != Type.LINK) {
                    int mode = mode(a.permissions());
                    if (mode != e.mode) {
                        problems.add(String.format("%s: permissions changed (were %04o, are %04o)", rel, e.mode, mode));
                    }
                }
                if (actual == Type.FILE) {
                    if (a.size() != e.size) {
                        problems.add(rel + ": size changed (was " + e.size + " bytes, is " + a.size() + ")");
                    } else if (!a.lastModifiedTime().equals(TIMESTAMP)) {
                        problems.add(rel + ": modified (its timestamp is " + a.lastModifiedTime() + ", not "
                                + TIMESTAMP + ")");
                    } else if (hashContents) {
                        String sha = sha256(p);
                        if (!sha.equals(e.sha256)) {
                            problems.add(rel + ": content changed (sha256 was " + e.sha256 + ", is " + sha + ")");
                        }
                    }
                } else if (actual == Type.LINK) {
                    String target = Files.readSymbolicLink(p).toString();
                    if (!target.equals(e.target)) {
                        problems.add(rel + ": link target changed (was " + e.target + ", is " + target + ")");
                    }
                }
            }
        });
        for (String path : entries.keySet()) {
            if (!seen.contains(path)) {
                problems.add(path + ": missing");
            }
        }
        return problems;
    }

    private static String describe(Type t) {
        if (t == null) {
            return "a special file";
        }
        return switch (t) {
            case DIRECTORY -> "a directory";
            case FILE -> "a regular file";
            case LINK -> "a symlink";
        };
    }

    static int mode(Set<PosixFilePermission> perms) {
        int mode = 0;
        for (PosixFilePermission p : perms) {
            mode |= 1 << (8 - p.ordinal());
        }
        return mode;
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission p : PosixFilePermission.values()) {
            if ((mode & (1 << (8 - p.ordinal()))) != 0) {
                perms.add(p);
            }
        }
        return perms;
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest sha = newSha256();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                sha.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    static String sha256(String text) {
        return HexFormat.of().formatHex(newSha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
