package dev.winelib.sysroot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The status of every path of a cache entry (its {@code manifest}, {@code .complete} marker and
 * every directory, file and link of its tree) as it was when a full check found the entry right,
 * kept in the entry's {@code verified} file. A later reuse whose paths all still have that status
 * needs only one {@code lstat} per path, not the comparison with the manifest: any write to a path
 * changes its status-change time (ctime), which no program can set back; adding or removing a name
 * changes its directory's; replacing a path changes its inode. A record that is missing, damaged or
 * does not match leads to the full check, which writes a new one when it passes.
 *
 * <p>Text form: a header, the CRC-32 of the lines after it (against damage, such as a record cut
 * short: a forged record is no more a threat than a forged manifest, see docs/sysroots.md), then
 * {@code PATH<TAB>STATUS} per path, paths relative to the entry, {@code STATUS} being {@code dev:ino:size:mtime:ctime:mode} (times
 * as seconds.nanoseconds).
 */
final class VerifiedStatus {

    static final String FILE = "verified";
    static final String HEADER = "# winebuild-j sysroot verified 1";

    /**
     * How old every change must be before statuses are recorded: a path changed more recently could
     * still be written to within the same tick of the file system's clock.
     */
    static final Duration SETTLE = Duration.ofSeconds(2);

    private static final String ATTRIBUTES = "unix:dev,ino,size,lastModifiedTime,ctime,mode";
    private static final Pattern CHECKSUM = Pattern.compile("crc32 [0-9a-f]{8}");
    /** Paths that every record must name. */
    private static final List<String> REQUIRED = List.of(SysrootCache.MANIFEST, SysrootCache.COMPLETE,
            SysrootCache.TREE);

    /** Status text by entry-relative path, in the order they were taken. */
    private final Map<String, String> statuses;
    /** The latest status-change time among them. */
    private final Instant latestChange;

    private VerifiedStatus(Map<String, String> statuses, Instant latestChange) {
        this.statuses = statuses;
        this.latestChange = latestChange;
    }

    /** The statuses of an entry's paths now (take them before the full check, so that a later change shows). */
    static VerifiedStatus take(Path entry) throws IOException {
        Map<String, String> statuses = new LinkedHashMap<>();
        Instant[] latest = {Instant.EPOCH};
        for (String name : List.of(SysrootCache.MANIFEST, SysrootCache.COMPLETE)) {
            Path p = entry.resolve(name);
            statuses.put(name, status(p, latest));
        }
        Path tree = entry.resolve(SysrootCache.TREE);
        Files.walkFileTree(tree, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                statuses.put(name(entry, dir), status(dir, latest));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                statuses.put(name(entry, file), status(file, latest));
                return FileVisitResult.CONTINUE;
            }
        });
        return new VerifiedStatus(statuses, latest[0]);
    }

    /**
     * Writes the record into {@code entry} (atomically) if every status is older than {@link #SETTLE}
     * at {@code now}; a cache that cannot be written keeps no record (each reuse then checks fully).
     */
    void writeIfSettled(Path entry, Instant now) {
        if (!latestChange.isBefore(now.minus(SETTLE))) {
            return;
        }
        StringBuilder body = new StringBuilder();
        statuses.forEach((path, status) -> body.append(path).append('\t').append(status).append('\n'));
        String text = HEADER + "\ncrc32 " + crc32(body.toString()) + "\n" + body;
        Path tmp = null;
        try {
            tmp = Files.createTempFile(entry, "." + FILE, ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, entry.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | UnsupportedOperationException e) {
            try {
                if (tmp != null) {
                    Files.deleteIfExists(tmp);
                }
            } catch (IOException ignored) {
                // nothing was recorded; the next reuse checks fully
            }
        }
    }

    /**
     * Whether {@code entry} has a well-formed record and every path in it has the recorded status;
     * false on any doubt.
     */
    static boolean matches(Path entry) {
        try {
            String text = Files.readString(entry.resolve(FILE), StandardCharsets.UTF_8);
            Optional<List<String[]>> lines = parse(text);
            if (lines.isEmpty()) {
                return false;
            }
            Instant[] unused = {Instant.EPOCH};
            for (String[] line : lines.get()) {
                if (!status(entry.resolve(line[0]), unused).equals(line[1])) {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Removes the record (after a check that failed), if there is one. */
    static void forget(Path entry) {
        try {
            Files.deleteIfExists(entry.resolve(FILE));
        } catch (IOException e) {
            // a record that no longer matches is not trusted anyway
        }
    }

    /** The path and status of each line, or empty if the text is not a record this version wrote. */
    static Optional<List<String[]>> parse(String text) {
        String[] lines = text.split("\n", -1);
        if (lines.length < 3 + REQUIRED.size() || !lines[0].equals(HEADER) || !CHECKSUM.matcher(lines[1]).matches()
                || !lines[lines.length - 1].isEmpty()) {
            return Optional.empty();
        }
        int bodyStart = lines[0].length() + lines[1].length() + 2;
        if (!lines[1].substring("crc32 ".length()).equals(crc32(text.substring(bodyStart)))) {
            return Optional.empty();
        }
        List<String[]> result = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 2; i < lines.length - 1; i++) {
            String[] f = lines[i].split("\t", -1);
            if (f.length != 2 || !usable(f[0]) || !wellFormed(f[1]) || !seen.add(f[0])) {
                return Optional.empty();
            }
            result.add(f);
        }
        return seen.containsAll(REQUIRED) ? Optional.of(result) : Optional.empty();
    }

    /** A path inside the entry: relative, no empty, {@code .} or {@code ..} component. */
    private static boolean usable(String path) {
        if (path.isEmpty() || path.startsWith("/")) {
            return false;
        }
        for (String part : path.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /** The CRC-32 of the text, 8 hex digits (native code: cheap even before the JIT compiler starts). */
    static String crc32(String text) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", crc.getValue());
    }

    /**
     * Whether a status has the form {@code dev:ino:size:S.N:S.N:mode} (digits; times may be negative):
     * checked by hand rather than with a regular expression, which costs more than the whole check
     * while the JVM is still interpreting.
     */
    static boolean wellFormed(String status) {
        int field = 0;
        int digits = 0;
        boolean dot = false;
        for (int i = 0; i < status.length(); i++) {
            char c = status.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == ':' && digits > 0 && (field != 3 && field != 4 || dot)) {
                field++;
                digits = 0;
                dot = false;
            } else if (c == '.' && digits > 0 && (field == 3 || field == 4) && !dot) {
                dot = true;
                digits = 0;
            } else if (c == '-' && digits == 0 && !dot && (field == 3 || field == 4)) {
                continue;
            } else {
                return false;
            }
        }
        return field == 5 && digits > 0;
    }

    private static String name(Path entry, Path p) {
        return entry.relativize(p).toString();
    }

    private static String status(Path p, Instant[] latest) throws IOException {
        Map<String, Object> a;
        try {
            a = Files.readAttributes(p, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return "missing";
        }
        Instant changed = ((FileTime) a.get("ctime")).toInstant();
        if (changed.isAfter(latest[0])) {
            latest[0] = changed;
        }
        return a.get("dev") + ":" + a.get("ino") + ":" + a.get("size") + ":" + nanos((FileTime) a.get("lastModifiedTime"))
                + ":" + nanos((FileTime) a.get("ctime")) + ":" + a.get("mode");
    }

    private static String nanos(FileTime time) {
        Instant i = time.toInstant();
        return i.getEpochSecond() + "." + i.getNano();
    }
}
