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
 * clock) or while it ran is recorded as {@linkplain #UNSETTLED unsettled}: the next build takes it as
 * changed and checks what read it by content, while everything else the record vouches for stands.
 *
 * <p>The objects the recorded steps made (each compilation's output) are compared only when another
 * file changed: while every input and every final output (the module, the import library) keeps its
 * status, the build's result is what it was whatever became of them; a build that does work
 * compares them too, and {@link State#unchangedStep} vouches for an object only when its own status
 * is the recorded one.
 */
public final class BuildRecord {

    private static final String HEADER = "winebuild-j build record 2";
    /** A recorded file, compared on every build. */
    private static final String FILE = "file ";
    /** An object a recorded step made, compared only when a file changed. */
    private static final String MADE = "made ";
    /**
     * The status recorded for an input that changed shortly before the build started or while it ran:
     * it matches no file's status, so the next build takes that file as changed.
     */
    static final String UNSETTLED = "unsettled";

    /**
     * The files of a build: the inputs it read and the outputs it wrote, notes the goal wants back on
     * a no-op (what it attaches, what it reports), and the steps that made some of the outputs (each
     * object with its compilation's settings and the source and headers it read), so that a build
     * after a change finds what the change affects from the record, without reading every step's own
     * up-to-date record. A step whose output or inputs are not among the files is not recorded.
     */
    public record Files(Set<Path> inputs, Set<Path> outputs, List<String> notes, Map<Path, Step> steps) {
        public Files {
            inputs = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(inputs));
            outputs = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(outputs));
            notes = List.copyOf(notes);
            steps = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(steps));
        }

        public Files(Set<Path> inputs, Set<Path> outputs, List<String> notes) {
            this(inputs, outputs, notes, Map.of());
        }

        /** These files and {@code more}'s. */
        public Files and(Files more) {
            Set<Path> in = new LinkedHashSet<>(inputs);
            in.addAll(more.inputs());
            Set<Path> out = new LinkedHashSet<>(outputs);
            out.addAll(more.outputs());
            List<String> n = new ArrayList<>(notes);
            n.addAll(more.notes());
            Map<Path, Step> s = new java.util.LinkedHashMap<>(steps);
            s.putAll(more.steps());
            return new Files(in, out, n, s);
        }

        /** These files with {@code note} added. */
        public Files withNote(String note) {
            List<String> n = new ArrayList<>(notes);
            n.add(note);
            return new Files(inputs, outputs, n, steps);
        }
    }

    /**
     * A step that made one output: a fingerprint of its settings (command, flags, environment) and
     * the files it read, the first being its own source.
     */
    public record Step(String key, List<Path> inputs) {
        public Step {
            inputs = List.copyOf(inputs);
        }

        /** The step whose settings are {@code settings} (one per line) and that read {@code inputs}. */
        public static Step of(String settings, java.util.Collection<Path> inputs) {
            return new Step(fingerprint(settings), List.copyOf(inputs));
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
     * What the record says of the last build with the same key: its notes, the files whose status
     * changed since (empty: the build is current), and the steps it recorded (read only when
     * something changed).
     *
     * @param notes the notes the build left
     * @param changed the recorded files that changed, were replaced or are gone
     * @param steps each recorded output (absolute, normalized) with the step that made it
     */
    public record State(List<String> notes, Set<Path> changed, Map<Path, Step> steps) {
        public State {
            notes = List.copyOf(notes);
            changed = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(changed));
            steps = java.util.Collections.unmodifiableMap(new java.util.HashMap<>(steps));
        }

        /** Whether nothing changed. */
        public boolean current() {
            return changed.isEmpty();
        }

        /**
         * The inputs of the step that made {@code output} with {@code settings}, when the last build
         * recorded that step with the same settings and neither the output nor any of those inputs
         * changed since: the output is what the step would make again. Empty otherwise.
         */
        public Optional<List<Path>> unchangedStep(Path output, String settings) {
            Step step = steps.get(output.toAbsolutePath().normalize());
            if (step == null || !step.key().equals(fingerprint(settings))
                    || changed.contains(output.toAbsolutePath().normalize())) {
                return Optional.empty();
            }
            for (Path input : step.inputs()) {
                if (changed.contains(input)) {
                    return Optional.empty();
                }
            }
            return Optional.of(step.inputs());
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
        return read(file, key).map(Recorded::state);
    }

    /**
     * Starts reading the record in {@code file} and comparing its files' statuses on a thread of its
     * own, before the build's key is known (a no-op build is mostly these status calls); {@link
     * #read(Lookahead)} takes the result when the key is the one recorded.
     */
    public static Lookahead lookAhead(Path file) {
        java.util.concurrent.FutureTask<Optional<Recorded>> task = new java.util.concurrent.FutureTask<>(
                new RecordReading(file));
        Thread thread = new Thread(task, "winebuild-j build record");
        thread.setDaemon(true);
        thread.start();
        return new Lookahead(file, task);
    }

    /** A record being read ahead of its key: {@link #lookAhead(Path)}. */
    public static final class Lookahead {
        private final Path file;
        private final java.util.concurrent.Future<Optional<Recorded>> reading;

        private Lookahead(Path file, java.util.concurrent.Future<Optional<Recorded>> reading) {
            this.file = file;
            this.reading = reading;
        }

        /** The record file being read. */
        public Path file() {
            return file;
        }
    }

    /**
     * What {@link #read()} gives, from a record read ahead: its state when {@code ahead} read this
     * record's file and found this key; empty when it found another key, no record or an unreadable
     * one.
     */
    public Optional<State> read(Lookahead ahead) throws InterruptedException {
        if (!ahead.file.equals(file)) {
            return read();
        }
        Optional<Recorded> recorded;
        try {
            recorded = ahead.reading.get();
        } catch (java.util.concurrent.ExecutionException e) {
            return Optional.empty();
        }
        if (recorded.isPresent() && recorded.get().key().equals(key)) {
            return Optional.of(recorded.get().state());
        }
        return Optional.empty();
    }

    /** Reads a record on a thread: {@link #lookAhead(Path)}. */
    private record RecordReading(Path file) implements java.util.concurrent.Callable<Optional<Recorded>> {
        @Override
        public Optional<Recorded> call() {
            return read(file, null);
        }
    }

    /** A record's key (its fingerprint) and the state it describes. */
    private record Recorded(String key, State state) {
    }

    /**
     * The record in {@code file}; with {@code key} not null, only when it has that key (no status is
     * taken otherwise). Empty when there is no record or it cannot be read.
     */
    private static Optional<Recorded> read(Path file, String key) {
        try {
            return read(new RecordText(java.nio.file.Files.readAllBytes(file)), key);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<Recorded> read(RecordText in, String key) throws IOException {
        String keyLine = HEADER.equals(in.line()) ? in.line() : null;
        if (keyLine == null || !keyLine.startsWith("key ") || key != null && !keyLine.equals("key " + key)) {
            return Optional.empty();
        }
        List<String> notes = new ArrayList<>();
        // every file and made line in order (the steps name them by their place), its status, and its
        // path; an object's path is made only when something changed and the objects are compared too
        List<String> names = new ArrayList<>();
        List<String> statuses = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        int madeCount = 0;
        for (; in.more() && !in.startsWith("group ") && !in.startsWith("step "); in.next()) {
            if (in.startsWith("note ")) {
                notes.add(in.rest(5));
                continue;
            }
            // "file STATUS PATH" or "made STATUS PATH": the status has no spaces, the path may have
            boolean product = in.startsWith(MADE);
            int space = in.space(5);
            if (!(product || in.startsWith(FILE)) || space < 0) {
                return Optional.empty();
            }
            statuses.add(in.status(5, space));
            String name = in.rest(space + 1);
            names.add(name);
            paths.add(product ? null : Path.of(name));
            madeCount += product ? 1 : 0;
        }
        Set<Path> changed;
        try {
            // the objects the recorded steps made are compared only when something else changed: with
            // every input and the module unchanged, the last build's result stands whatever became of them
            changed = changed(paths, statuses, names.size() - madeCount);
            if (!changed.isEmpty() && madeCount > 0) {
                List<Path> objects = new ArrayList<>(madeCount);
                List<String> objectStatuses = new ArrayList<>(madeCount);
                for (int i = 0; i < paths.size(); i++) {
                    if (paths.get(i) == null) {
                        paths.set(i, Path.of(names.get(i)));
                        objects.add(paths.get(i));
                        objectStatuses.add(statuses.get(i));
                    }
                }
                changed.addAll(changed(objects, objectStatuses, madeCount));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        // the steps come last: a no-op (nothing changed) does not read them
        List<List<Path>> groups = new ArrayList<>();
        Map<Path, Step> steps = new java.util.HashMap<>();
        for (; in.more() && !changed.isEmpty(); in.next()) {
            String[] f = in.rest(0).split(" ");
            if (f[0].equals("group")) {
                List<Path> group = new ArrayList<>(f.length - 1);
                for (int i = 1; i < f.length; i++) {
                    group.add(paths.get(Integer.parseInt(f[i])));
                }
                groups.add(group);
            } else if (f[0].equals("step") && f.length == 5) {
                // "step OUTPUT KEY SOURCE GROUP"
                List<Path> inputs = new ArrayList<>();
                inputs.add(paths.get(Integer.parseInt(f[3])));
                if (!f[4].equals("-")) {
                    inputs.addAll(groups.get(Integer.parseInt(f[4])));
                }
                steps.put(paths.get(Integer.parseInt(f[1])), new Step(f[2], inputs));
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(new Recorded(keyLine.substring(4), new State(notes, changed, steps)));
    }

    /**
     * A record's bytes, read in one go, line by line: only the parts of a line that are used become
     * text (a no-op reads about 1,200 lines in a JVM that has not compiled a reader's code yet).
     */
    private static final class RecordText {
        private final byte[] bytes;
        /** The current line: from {@code start} to {@code end} (its line break or the end). */
        private int start;
        private int end;

        RecordText(byte[] bytes) {
            this.bytes = bytes;
            this.end = lineEnd(0);
        }

        private int lineEnd(int from) {
            int i = from;
            while (i < bytes.length && bytes[i] != '\n') {
                i++;
            }
            return i;
        }

        /** Whether there is a current line. */
        boolean more() {
            return start < bytes.length;
        }

        /** Moves to the next line. */
        void next() {
            start = Math.min(end + 1, bytes.length);
            end = lineEnd(start);
        }

        /** The current line as text, then moves to the next; null at the end. */
        String line() {
            if (!more()) {
                return null;
            }
            String line = rest(0);
            next();
            return line;
        }

        /** Whether the current line starts with {@code prefix} (ASCII). */
        boolean startsWith(String prefix) {
            if (end - start < prefix.length()) {
                return false;
            }
            for (int i = 0; i < prefix.length(); i++) {
                if (bytes[start + i] != prefix.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        /** The place of the first space in the current line from {@code from} on, or -1. */
        int space(int from) {
            for (int i = start + from; i < end; i++) {
                if (bytes[i] == ' ') {
                    return i - start;
                }
            }
            return -1;
        }

        /** The current line's ASCII text from {@code from} to {@code to}. */
        String status(int from, int to) {
            return new String(bytes, start + from, to - from, StandardCharsets.ISO_8859_1);
        }

        /** The current line's text from {@code from} on. */
        String rest(int from) {
            return new String(bytes, start + from, end - start - from, StandardCharsets.UTF_8);
        }
    }

    /**
     * The files whose status is no longer the recorded one ({@code count} of {@code files}, skipping
     * nulls). Many files are compared on two threads: a no-op build is mostly these status calls, run by
     * a JVM that has not compiled them yet.
     */
    private static Set<Path> changed(List<Path> allFiles, List<String> allStatuses, int count)
            throws InterruptedException {
        List<Path> files = new ArrayList<>(count);
        List<String> statuses = new ArrayList<>(count);
        for (int i = 0; i < allFiles.size(); i++) {
            if (allFiles.get(i) != null) {
                files.add(allFiles.get(i));
                statuses.add(allStatuses.get(i));
            }
        }
        FileStatuses now = FileStatuses.of(files);
        Set<Path> changed = new LinkedHashSet<>();
        for (int i = 0; i < files.size(); i++) {
            if (now.status[i] == null || !now.status[i].equals(statuses.get(i))) {
                changed.add(files.get(i));
            }
        }
        return changed;
    }

    /**
     * The status of each of some files (null when it is missing or cannot be read) and its status-change
     * time. Many files are read on two threads: a build record's check is mostly these status calls,
     * run by a JVM that has not compiled them yet.
     */
    private record FileStatuses(List<Path> files, String[] status, FileTime[] ctime) {

        static FileStatuses of(List<Path> files) throws InterruptedException {
            FileStatuses statuses = new FileStatuses(files, new String[files.size()], new FileTime[files.size()]);
            int half = files.size() / 2;
            if (files.size() >= 256) {
                Thread helper = new Thread(new Part(statuses, half, files.size()), "winebuild-j build record");
                helper.setDaemon(true);
                helper.start();
                statuses.read(0, half);
                helper.join();
            } else {
                statuses.read(0, files.size());
            }
            return statuses;
        }

        /** Reads the status of files {@code from} to {@code to} (exclusive). */
        void read(int from, int to) {
            for (int i = from; i < to; i++) {
                try {
                    Map<String, Object> a = attributes(files.get(i));
                    if (a != null) {
                        status[i] = BuildRecord.status(a);
                        ctime[i] = (FileTime) a.get("ctime");
                    }
                } catch (IOException | RuntimeException e) {
                    status[i] = null;
                }
            }
        }

        /** One part of the files, read on another thread. */
        private record Part(FileStatuses statuses, int from, int to) implements Runnable {
            @Override
            public void run() {
                statuses.read(from, to);
            }
        }
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
     * Records a build that started at {@code started} and succeeded with {@code files}. An input that
     * changed less than {@link ContentHashes#SETTLE} before the start or while the build ran is
     * recorded as {@linkplain #UNSETTLED unsettled} (the next build takes it as changed); nothing is
     * written when a file is missing or its name has a line break.
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
        Set<Path> inputs = new java.util.HashSet<>();
        for (Path input : files.inputs()) {
            Path p = input.toAbsolutePath().normalize();
            all.add(p);
            inputs.add(p);
        }
        for (Path output : files.outputs()) {
            all.add(output.toAbsolutePath().normalize());
        }
        Set<Path> made = new java.util.HashSet<>();
        for (Path output : files.steps().keySet()) {
            made.add(output.toAbsolutePath().normalize());
        }
        List<Path> recorded = new ArrayList<>(all);
        FileStatuses now;
        try {
            now = FileStatuses.of(recorded);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            forget();
            return false;
        }
        for (int i = 0; i < recorded.size(); i++) {
            Path p = recorded.get(i);
            boolean input = inputs.contains(p);
            if (now.status[i] == null || p.toString().indexOf('\n') >= 0) {
                forget();
                return false;
            }
            // an object of a step that is not also an input
            boolean product = made.contains(p) && !input;
            // an input that may have changed after the build read it: the next build checks it by content
            boolean unsettled = input && now.ctime[i].compareTo(settledBefore) >= 0;
            b.append(product ? MADE : FILE).append(unsettled ? UNSETTLED : now.status[i]).append(' ').append(p)
                    .append('\n');
        }
        for (String note : files.notes()) {
            b.append("note ").append(note.replace('\n', ' ')).append('\n');
        }
        writeSteps(b, files.steps(), all);
        AtomicFiles.write(file, b.toString().getBytes(StandardCharsets.UTF_8));
        return true;
    }

    /**
     * The steps as "group" lines (each distinct list of inputs after a step's source) and "step" lines
     * (output, settings, source, group), files named by their place among the "file" lines.
     */
    private static void writeSteps(StringBuilder b, Map<Path, Step> steps, Set<Path> recorded) {
        Map<Path, Integer> index = new java.util.HashMap<>();
        for (Path p : recorded) {
            index.put(p, index.size());
        }
        // each distinct list of inputs after the source, by its text (the file indexes): one "group" line
        Map<String, Integer> groups = new java.util.HashMap<>();
        // the lists of the last few steps with the group each got: steps that read the same headers (often
        // the very same paths, as the last build's record gave them) take it without looking up each file
        List<Object[]> recentLists = new ArrayList<>();
        List<String> recentGroups = new ArrayList<>();
        StringBuilder rest = new StringBuilder();
        for (Map.Entry<Path, Step> e : steps.entrySet()) {
            Integer output = indexOf(index, e.getKey());
            List<Path> inputs = e.getValue().inputs();
            Integer source = inputs.isEmpty() ? null : indexOf(index, inputs.get(0));
            if (output == null || source == null) {
                continue; // not vouched for by a recorded status
            }
            List<Path> after = inputs.subList(1, inputs.size());
            // compared as arrays: Arrays.equals takes the same object as equal before calling equals
            Object[] afterArray = after.toArray();
            // the step's group ("-" for none), or null when an input has no recorded status
            String group = null;
            boolean known = false;
            for (int k = recentLists.size() - 1; k >= 0 && !known; k--) {
                if (java.util.Arrays.equals(recentLists.get(k), afterArray)) {
                    group = recentGroups.get(k);
                    known = true;
                }
            }
            if (!known) {
                rest.setLength(0);
                boolean recordedInputs = true;
                for (int i = 0; i < after.size() && recordedInputs; i++) {
                    Integer input = indexOf(index, after.get(i));
                    recordedInputs = input != null;
                    rest.append(' ').append(input);
                }
                if (recordedInputs) {
                    group = "-";
                    if (rest.length() > 0) {
                        String text = rest.toString();
                        Integer g = groups.get(text);
                        if (g == null) {
                            g = groups.size();
                            groups.put(text, g);
                            b.append("group").append(text).append('\n');
                        }
                        group = Integer.toString(g);
                    }
                }
                if (recentLists.size() == RECENT_LISTS) {
                    recentLists.remove(0);
                    recentGroups.remove(0);
                }
                recentLists.add(afterArray);
                recentGroups.add(group);
            }
            if (group == null) {
                continue; // an input not vouched for by a recorded status
            }
            b.append("step ").append(output).append(' ').append(e.getValue().key()).append(' ')
                    .append(source).append(' ').append(group).append('\n');
        }
    }

    /** How many recent lists of inputs {@link #writeSteps} compares a step's with. */
    private static final int RECENT_LISTS = 4;

    /** The place of {@code p} among the recorded (absolute, normalized) files, or null. */
    private static Integer indexOf(Map<Path, Integer> index, Path p) {
        Integer i = index.get(p);
        return i != null ? i : index.get(p.toAbsolutePath().normalize());
    }

    /** A file's status as one word, from its attributes. */
    private static String status(Map<String, Object> a) {
        return a.get("dev") + ":" + a.get("ino") + ":" + a.get("size") + ":"
                + ((FileTime) a.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS) + ":"
                + ((FileTime) a.get("ctime")).to(TimeUnit.NANOSECONDS);
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
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(environment).entrySet()) {
            if (!VOLATILE_VARIABLES.contains(e.getKey())) {
                b.append("env ").append(e.getKey()).append('=').append(e.getValue().replace('\n', ' ')).append('\n');
            }
        }
        return b.toString();
    }

    /** Variables that say how Maven or the shell was started, not what a build does. */
    private static final Set<String> VOLATILE_VARIABLES = Set.of("_", "OLDPWD", "SHLVL", "MAVEN_CMD_LINE_ARGS",
            "MAVEN_PROJECTBASEDIR", "MAVEN_OPTS", "MAVEN_ARGS", "MAVEN_DEBUG_OPTS", "TERM", "COLUMNS", "LINES", "SSH_CLIENT", "SSH_CONNECTION", "SSH_TTY");
}
