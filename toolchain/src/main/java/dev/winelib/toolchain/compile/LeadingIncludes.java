package dev.winelib.toolchain.compile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.winelib.toolchain.build.AtomicFiles;
import dev.winelib.toolchain.build.FileStatus;

/**
 * The leading include of each source ({@link SourceDirectives#leadingInclude}), kept in a file between
 * builds with the status the source had when it was read ({@link FileStatus}: device, inode, size,
 * modification and status-change time): a source whose status is the kept one has the text it had, so
 * the precompiled-header plan of a build that compiles one changed source of many reads that one
 * source, not all of them. Only a settled status is kept (a source changed less than
 * {@link FileStatus#SETTLE} ago is read again next time), and a source whose status differs, or that
 * has no kept line, is read.
 */
final class LeadingIncludes {

    private static final String HEADER = "winebuild-j leading includes 1";

    /** A source's kept status and leading include (null: it has none). */
    private record Kept(String status, SourceDirectives.LeadingInclude include) {
    }

    private final Path file;
    private final Map<Path, Kept> kept = new HashMap<>();
    /** What this build found, by source; kept for the next build. */
    private final Map<Path, Kept> found = new TreeMap<>();
    /** When this build started reading sources: a status changed less than {@link FileStatus#SETTLE} before is not kept. */
    private final Instant now;
    private boolean changed;

    private LeadingIncludes(Path file, Instant now) {
        this.file = file;
        this.now = now;
    }

    /**
     * The leading includes kept in {@code file} by an earlier build; a missing, unreadable or damaged
     * file (or line) only means the sources concerned are read.
     */
    static LeadingIncludes recall(Path file) {
        return recall(file, Instant.now());
    }

    /** {@link #recall(Path)} for a build that takes {@code now} as the time it reads the sources. */
    static LeadingIncludes recall(Path file, Instant now) {
        LeadingIncludes includes = new LeadingIncludes(file, now);
        for (String line : AtomicFiles.keptLines(file, HEADER)) {
            // STATUS KIND NAME<TAB>PATH, KIND: q (quoted), a (angled) or n (none, NAME empty)
            int space = line.indexOf(' ');
            int tab = line.indexOf('\t');
            if (space < 0 || tab < space + 3 || line.charAt(space + 2) != ' ') {
                continue;
            }
            char kind = line.charAt(space + 1);
            String name = line.substring(space + 3, tab);
            SourceDirectives.LeadingInclude include;
            if (kind == 'n' && name.isEmpty()) {
                include = null;
            } else if ((kind == 'q' || kind == 'a') && !name.isEmpty()) {
                include = new SourceDirectives.LeadingInclude(name, kind == 'a');
            } else {
                continue;
            }
            includes.kept.put(Path.of(line.substring(tab + 1)), new Kept(line.substring(0, space), include));
        }
        return includes;
    }

    /**
     * The leading include of {@code source}, from the kept line when the source still has the kept
     * status, read from the source otherwise; empty when it has none, and null when the source is not
     * a regular file.
     */
    Optional<SourceDirectives.LeadingInclude> of(Path source) throws IOException {
        Path key = source.toAbsolutePath().normalize();
        Optional<FileStatus> status = FileStatus.ofRegularFile(key);
        if (status.isEmpty()) {
            return null;
        }
        String text = status.get().text();
        Kept known = kept.get(key);
        if (known != null && known.status().equals(text)) {
            found.put(key, known);
            return Optional.ofNullable(known.include());
        }
        Optional<SourceDirectives.LeadingInclude> include = SourceDirectives.leadingInclude(
                Files.readString(key, StandardCharsets.ISO_8859_1));
        // read after its status was taken: kept only when that status had settled and is still the file's
        if (status.get().isSettled(now) && status.equals(FileStatus.ofRegularFile(key)) && keepable(key, include)) {
            found.put(key, new Kept(text, include.orElse(null)));
        }
        changed = true;
        return include;
    }

    /**
     * Keeps what this build found for the next (only the sources asked about; atomically, and only when
     * it differs from what was kept; no file when there is nothing to keep).
     */
    void keep() throws IOException {
        if (!changed && found.size() == kept.size() || found.isEmpty() && kept.isEmpty() && !Files.exists(file)) {
            return;
        }
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        for (Map.Entry<Path, Kept> e : found.entrySet()) {
            SourceDirectives.LeadingInclude include = e.getValue().include();
            b.append(e.getValue().status()).append(' ')
                    .append(include == null ? "n " : include.angled() ? "a " + include.name() : "q " + include.name())
                    .append('\t').append(e.getKey()).append('\n');
        }
        Files.createDirectories(file.getParent());
        AtomicFiles.writeIfChanged(file, b.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Whether a line can hold the source's path and include name (no line break, no tab in either). */
    private static boolean keepable(Path source, Optional<SourceDirectives.LeadingInclude> include) {
        String path = source.toString();
        String name = include.isPresent() ? include.get().name() : "";
        return noSeparator(path) && noSeparator(name);
    }

    private static boolean noSeparator(String text) {
        return text.indexOf('\n') < 0 && text.indexOf('\t') < 0 && text.indexOf('\r') < 0;
    }

}
