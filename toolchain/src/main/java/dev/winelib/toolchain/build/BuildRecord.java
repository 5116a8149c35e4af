package dev.winelib.toolchain.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The record of a whole build that succeeded: a key (everything that is not a file: the goal's
 * configuration, the environment, the tools' versions) and the status of every file the build read
 * and wrote: device, inode, size, modification and status-change time, all to the nanosecond. While
 * the key is the same and every file still has its recorded status, the build's result is what it
 * was, and a no-op build reads this record and stats the files: it parses no spec, checks no sysroot
 * tree, hashes no file and starts no process.
 *
 * <p>Any write to a file changes its status-change time (ctime), which no program can set back, so
 * an edit, a checkout or a copy over an input is always seen, also when it keeps the size and
 * modification time. A build whose input was changed shortly before it started (less than
 * {@link ContentHashes#SETTLE}: it could still be written to within the same tick of the file system's
 * clock) or while it ran writes no record: the next build checks everything again, by content.
 */
public final class BuildRecord {

    private static final String HEADER = "winebuild-j build record 1";

    /**
     * The files of a build: the inputs it read and the outputs it wrote, and notes the goal wants
     * back on a no-op (what it attaches, what it reports).
     */
    public record Files(Set<Path> inputs, Set<Path> outputs, List<String> notes) {
        public Files {
            inputs = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(inputs));
            outputs = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(outputs));
            notes = List.copyOf(notes);
        }

        /** These files and {@code more}'s. */
        public Files and(Files more) {
            Set<Path> in = new LinkedHashSet<>(inputs);
            in.addAll(more.inputs());
            Set<Path> out = new LinkedHashSet<>(outputs);
            out.addAll(more.outputs());
            List<String> n = new ArrayList<>(notes);
            n.addAll(more.notes());
            return new Files(in, out, n);
        }

        /** These files with {@code note} added. */
        public Files withNote(String note) {
            List<String> n = new ArrayList<>(notes);
            n.add(note);
            return new Files(inputs, outputs, n);
        }
    }

    private final Path file;
    private final String key;

    /**
     * The record kept in {@code file} for a build whose key is {@code key}.
     *
     * @param key all the build's settings that are not files, one per line
     */
    public BuildRecord(Path file, String key) {
        this.file = file;
        this.key = fingerprint(key);
    }

    /**
     * What the record says of the last build with the same key: its notes, and the files whose status
     * changed since (empty: the build is current).
     *
     * @param notes the notes the build left
     * @param changed the recorded files that changed, were replaced or are gone
     */
    public record State(List<String> notes, Set<Path> changed) {
        public State {
            notes = List.copyOf(notes);
            changed = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(changed));
        }

        /** Whether nothing changed. */
        public boolean current() {
            return changed.isEmpty();
        }
    }

    /**
     * The notes of the record when the build it describes is current: same key, every file with
     * its recorded status; empty otherwise (also when there is no record or it cannot be read).
     */
    public Optional<List<String>> current() {
        return read().filter(State::current).map(State::notes);
    }

    /**
     * The last build's state when it had the same key; empty when there is no record, it cannot be
     * read, or the key differs.
     */
    public Optional<State> read() {
        List<String> lines;
        try {
            lines = java.nio.file.Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (lines.size() < 2 || !lines.get(0).equals(HEADER) || !lines.get(1).equals("key " + key)) {
            return Optional.empty();
        }
        List<String> notes = new ArrayList<>();
        Set<Path> changed = new LinkedHashSet<>();
        for (String line : lines.subList(2, lines.size())) {
            if (line.startsWith("note ")) {
                notes.add(line.substring(5));
                continue;
            }
            // "file STATUS PATH": the status has no spaces, the path may have
            int space = line.indexOf(' ', 5);
            if (!line.startsWith("file ") || space < 0) {
                return Optional.empty();
            }
            Path path;
            try {
                path = Path.of(line.substring(space + 1));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
            Optional<String> now;
            try {
                now = status(path);
            } catch (IOException | RuntimeException e) {
                now = Optional.empty();
            }
            if (now.isEmpty() || !now.get().equals(line.substring(5, space))) {
                changed.add(path);
            }
        }
        return Optional.of(new State(notes, changed));
    }

    /**
     * A 128-bit fingerprint of the key (two FNV-1a hashes): the record holds no setting or variable in
     * clear, and a no-op build needs no message digest (whose start-up costs more than the rest of the check).
     */
    static String fingerprint(String text) {
        long a = 0xcbf29ce484222325L;
        long b = 0x84222325cbf29ce4L;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            a = (a ^ c) * 0x100000001b3L;
            b = (b ^ c) * 0x100000001b3L;
            b = Long.rotateLeft(b, 17);
        }
        return hex(a) + hex(b);
    }

    private static String hex(long value) {
        String h = Long.toHexString(value);
        return "0".repeat(16 - h.length()) + h;
    }

    /** Removes the record, before a build that may change what it describes. */
    public void forget() throws IOException {
        java.nio.file.Files.deleteIfExists(file);
    }

    /**
     * Records a build that started at {@code started} and succeeded with {@code files}; writes
     * nothing when an input changed less than {@link ContentHashes#SETTLE} before the start or
     * while the build ran, or when a file is missing.
     *
     * @return whether the record was written
     */
    public boolean write(Files files, Instant started) throws IOException {
        return write(files, started, ContentHashes.SETTLE);
    }

    boolean write(Files files, Instant started, Duration settle) throws IOException {
        StringBuilder b = new StringBuilder(HEADER).append('\n').append("key ").append(key).append('\n');
        FileTime settledBefore = FileTime.from(started.minus(settle));
        Set<Path> all = new LinkedHashSet<>();
        for (Path input : files.inputs()) {
            Path p = input.toAbsolutePath().normalize();
            Map<String, Object> a = attributes(p);
            if (a == null || ((FileTime) a.get("ctime")).compareTo(settledBefore) >= 0) {
                forget();
                return false;
            }
            all.add(p);
        }
        for (Path output : files.outputs()) {
            all.add(output.toAbsolutePath().normalize());
        }
        for (Path p : all) {
            Optional<String> status = status(p);
            if (status.isEmpty() || p.toString().indexOf('\n') >= 0) {
                forget();
                return false;
            }
            b.append("file ").append(status.get()).append(' ').append(p).append('\n');
        }
        for (String note : files.notes()) {
            b.append("note ").append(note.replace('\n', ' ')).append('\n');
        }
        AtomicFiles.write(file, b.toString().getBytes(StandardCharsets.UTF_8));
        return true;
    }

    /** A file's status as one word, or empty when it does not exist. */
    static Optional<String> status(Path p) throws IOException {
        Map<String, Object> a = attributes(p);
        if (a == null) {
            return Optional.empty();
        }
        return Optional.of(a.get("dev") + ":" + a.get("ino") + ":" + a.get("size") + ":"
                + ((FileTime) a.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS) + ":"
                + ((FileTime) a.get("ctime")).to(TimeUnit.NANOSECONDS));
    }

    private static Map<String, Object> attributes(Path p) throws IOException {
        try {
            return java.nio.file.Files.readAttributes(p, "unix:dev,ino,size,lastModifiedTime,ctime");
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** The settings in {@code environment} that can change a build: all variables but the shell's own. */
    public static String environmentKey(Map<String, String> environment) {
        StringBuilder b = new StringBuilder();
        new java.util.TreeMap<>(environment).forEach((name, value) -> {
            if (!VOLATILE_VARIABLES.contains(name)) {
                b.append("env ").append(name).append('=').append(value.replace('\n', ' ')).append('\n');
            }
        });
        return b.toString();
    }

    /** Variables that say how Maven or the shell was started, not what a build does. */
    private static final Set<String> VOLATILE_VARIABLES = Set.of("_", "OLDPWD", "SHLVL", "MAVEN_CMD_LINE_ARGS",
            "MAVEN_PROJECTBASEDIR", "MAVEN_OPTS", "MAVEN_ARGS", "MAVEN_DEBUG_OPTS", "TERM", "COLUMNS", "LINES", "SSH_CLIENT", "SSH_CONNECTION", "SSH_TTY");
}
