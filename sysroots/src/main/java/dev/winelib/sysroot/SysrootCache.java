package dev.winelib.sysroot;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Sysroot archives unpacked once into a per-user cache, safely (see {@link TarUnpacker} for what
 * is refused).
 *
 * <p>Layout of the cache directory:
 *
 * <pre>
 * cacheRoot/
 *   .lock                     the one lock file: each key locks its own byte of it (FileChannel.lock)
 *   KEY/
 *     tree/                   the sysroot: give this directory as the sysroot
 *     manifest                every path with type, permissions, size, sha256, link target
 *     sysroot.properties      key, origin, archive sha256, size, entries, creation time, notes
 *     .complete               "sha256 of the manifest": written last, before the rename
 *     verified                the status of every path when a quick check last found them right
 *   .tmp-KEY-*                a tree being unpacked (removed on failure; one left by a killed
 *                             process by the next unpack of any archive, once no process holds KEY's lock)
 *   .trash-KEY-*              a damaged entry being deleted (the same)
 * </pre>
 *
 * <p>{@code KEY} is the first 32 hex digits of the archive's sha256 for {@link #unpack}, the
 * caller's key for {@link #assemble}. An entry is built in a temporary directory of the cache and
 * renamed into place atomically, under a lock that serializes threads of this JVM and other
 * processes. An existing entry is reused after a quick check against its manifest: every path
 * present with the same type, permissions, size, modification time and link target, nothing
 * added ({@link ReuseCheck#CONTENT} also compares the sha256 of every file; {@link #verify}
 * always does). An entry that fails the check is moved aside, deleted and built again. Once the
 * quick check has found an entry right, the status of each of its paths is recorded in
 * {@code KEY/verified} ({@link VerifiedStatus}), and later quick checks only compare statuses.
 *
 * <p>Unpacked trees contain no absolute symlinks (they are rewritten as relative links inside the
 * tree), so {@link SysrootInspector} links against the tree itself, without a view.
 */
public final class SysrootCache {

    /** How much of an existing entry is checked before it is reused. */
    public enum ReuseCheck {
        /** Paths, types, permissions, sizes, modification times, link targets (the default). */
        METADATA,
        /** As METADATA, plus the sha256 of every regular file: reads the whole tree. */
        CONTENT
    }

    static final String TREE = "tree";
    static final String MANIFEST = "manifest";
    static final String METADATA = "sysroot.properties";
    static final String COMPLETE = ".complete";

    private static final int KEY_HEX_DIGITS = 32;
    /** FileChannel locks are held per process: threads of this JVM queue here first (per lock file and byte). */
    private static final ConcurrentHashMap<String, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();
    /** The cache's lock file; earlier versions made one {@code .KEY.lock} file per key. */
    static final String LOCK_FILE = ".lock";
    /**
     * The patterns, compiled on first use rather than when the class is initialised: a command-line run
     * that uses the host's libraries only never needs them (compiling costs it a few milliseconds).
     */
    private static final class Patterns {
        static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,127}");
        static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
        /** A temporary tree or a damaged entry being deleted, with the key it belongs to. */
        static final Pattern LEFTOVER = Pattern.compile(
                "\\.(?:tmp-(.+)-\\d+|trash-(.+)-(?:[0-9a-f]{32}|[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}))");
    }

    private final Path root;
    private final UnpackPolicy policy;
    private final ReuseCheck reuseCheck;
    /** The time statuses are compared with before they are recorded (tests move it on). */
    private final Clock clock;

    /** A cache with the default limits and the quick reuse check. */
    public SysrootCache(Path cacheRoot) {
        this(cacheRoot, UnpackPolicy.defaults(), ReuseCheck.METADATA);
    }

    public SysrootCache(Path cacheRoot, UnpackPolicy policy, ReuseCheck reuseCheck) {
        this(cacheRoot, policy, reuseCheck, Clock.systemUTC());
    }

    SysrootCache(Path cacheRoot, UnpackPolicy policy, ReuseCheck reuseCheck, Clock clock) {
        this.root = cacheRoot.toAbsolutePath().normalize();
        this.policy = Objects.requireNonNull(policy, "policy");
        this.reuseCheck = Objects.requireNonNull(reuseCheck, "reuseCheck");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * {@code $XDG_CACHE_HOME/winebuild-j/sysroots}, or {@code ~/.cache/winebuild-j/sysroots} when
     * {@code XDG_CACHE_HOME} is unset or not an absolute path.
     */
    public static Path defaultRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".cache");
        return cache.resolve("winebuild-j").resolve("sysroots");
    }

    public Path root() {
        return root;
    }

    public Path unpack(Path archive) throws SysrootException {
        return unpack(archive, Optional.empty());
    }

    /**
     * Unpacks a sysroot archive ({@code .tar}, {@code .tar.gz}, {@code .tar.xz}, {@code .tar.bz2})
     * once, and returns the tree.
     *
     * @param expectedSha256 when given, the archive must have this sha256 (64 hex digits)
     */
    public Path unpack(Path archive, Optional<String> expectedSha256) throws SysrootException {
        Path file = archive.toAbsolutePath().normalize();
        Optional<String> expected = expectedSha256.map(s -> s.trim().toLowerCase(Locale.ROOT));
        if (expected.isPresent() && !Patterns.SHA256.matcher(expected.get()).matches()) {
            throw new SysrootException("expected sha256 '" + expectedSha256.get() + "' of sysroot archive " + file
                    + " is not 64 hex digits");
        }
        if (!Files.isRegularFile(file)) {
            throw new SysrootException("sysroot archive " + file + " does not exist or is not a file");
        }
        String actual;
        try {
            actual = Manifest.sha256(file);
        } catch (IOException e) {
            throw new SysrootException("cannot read sysroot archive " + file + ": " + TarUnpacker.describe(e), e);
        }
        if (expected.isPresent() && !expected.get().equals(actual)) {
            throw new SysrootException("sysroot archive " + file + " has sha256 " + actual + ", expected "
                    + expected.get() + ": it is damaged or not the archive you meant; download it again");
        }
        String key = actual.substring(0, KEY_HEX_DIGITS);
        return obtain(key, List.of(file.toString()), Optional.of(actual), unpacker -> {
            MessageDigest sha = Manifest.newSha256();
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
                unpacker.unpack(file.toString(), in);
                in.transferTo(OutputStream.nullOutputStream()); // the digest covers every byte
            } catch (IOException e) {
                throw new SysrootException("cannot read sysroot archive " + file + ": " + TarUnpacker.describe(e), e);
            }
            String read = HexFormat.of().formatHex(sha.digest());
            if (!read.equals(actual)) {
                throw new SysrootException("sysroot archive " + file + " changed while it was unpacked (sha256 "
                        + actual + " before, " + read + " after): unpack it again once it is complete");
            }
        });
    }

    /**
     * The tree an archive was unpacked into, if the cache has an entry for it (not checked: see
     * {@link #verify}); nothing is unpacked or repaired.
     */
    public Optional<Path> existingTree(Path archive) throws SysrootException {
        Path file = archive.toAbsolutePath().normalize();
        try {
            return existingTree(Manifest.sha256(file).substring(0, KEY_HEX_DIGITS));
        } catch (IOException e) {
            throw new SysrootException("cannot read sysroot archive " + file + ": " + TarUnpacker.describe(e), e);
        }
    }

    /** The tree of the entry {@code key}, if there is one (not checked). */
    public Optional<Path> existingTree(String key) {
        if (!Patterns.KEY.matcher(key).matches()) {
            return Optional.empty();
        }
        Path entry = root.resolve(key);
        return Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) ? Optional.of(entry.resolve(TREE)) : Optional.empty();
    }

    /**
     * Unpacks several tar streams (for example the {@code data.tar} members of Debian packages),
     * in order, into one tree kept under {@code key}, and returns the tree. Later parts may add to
     * the directories of earlier ones and replace their files and links, never a directory, and
     * nothing is written through a symlink. An existing complete entry for {@code key} is reused
     * without opening the parts: the key must identify the parts (e.g. a hash of the package names,
     * versions and checksums).
     *
     * @param key letters, digits, {@code . _ + -}, not starting with a dot, at most 128 characters
     */
    public Path assemble(String key, List<ArchiveSource> parts) throws SysrootException {
        if (!Patterns.KEY.matcher(key).matches()) {
            throw new SysrootException("sysroot cache key '" + key + "' is not usable: use letters, digits and"
                    + " . _ + - (not first), at most 128 characters");
        }
        List<ArchiveSource> sources = List.copyOf(parts);
        if (sources.isEmpty()) {
            throw new SysrootException("sysroot " + key + " has no parts to assemble");
        }
        return obtain(key, sources.stream().map(ArchiveSource::name).toList(), Optional.empty(), unpacker -> {
            for (ArchiveSource part : sources) {
                try (InputStream in = part.opener().open()) {
                    unpacker.unpack(part.name(), in);
                } catch (IOException e) {
                    throw new SysrootException("cannot read sysroot part " + part.name() + ": " + TarUnpacker.describe(e), e);
                }
            }
        });
    }

    /**
     * Compares a tree of the cache with its manifest, including the sha256 of every file, and
     * checks the {@code .complete} marker.
     *
     * @throws SysrootException if {@code tree} is not a tree of a sysroot cache
     */
    @SuppressWarnings("try") // the lock is only held
    public VerifyResult verify(Path tree) throws SysrootException {
        Path t = tree.toAbsolutePath().normalize();
        Path entry = t.getParent();
        if (entry == null || !t.getFileName().toString().equals(TREE)
                || !(Files.exists(entry.resolve(MANIFEST)) || Files.exists(entry.resolve(METADATA)))) {
            throw new SysrootException(t + " is not a tree of the sysroot cache (expected .../KEY/" + TREE
                    + " next to a " + MANIFEST + ")");
        }
        try (KeyLock lock = lock(entry.getParent(), entry.getFileName().toString())) {
            List<String> problems = new ArrayList<>();
            Manifest manifest = check(entry, true, problems);
            if (!problems.isEmpty()) {
                VerifiedStatus.forget(entry);
            }
            return new VerifyResult(t, manifest == null ? 0 : manifest.entries().size(), problems);
        } catch (IOException e) {
            throw new SysrootException("cannot verify " + t + ": " + TarUnpacker.describe(e), e);
        }
    }

    /**
     * The tree of an existing entry, after the reuse check; an entry that fails it is discarded.
     *
     * @return empty when there is no usable entry under {@code key}
     */
    @SuppressWarnings("try") // the lock is only held
    public Optional<Path> reuse(String key) throws SysrootException {
        if (!Patterns.KEY.matcher(key).matches()) {
            throw new SysrootException("invalid sysroot cache key '" + key + "'");
        }
        Path entry = root.resolve(key);
        if (!Files.isDirectory(root) || !Files.exists(entry, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try (KeyLock lock = lock(root, key)) {
            if (!Files.exists(entry, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            if (reusable(entry, Optional.empty())) {
                return Optional.of(entry.resolve(TREE));
            }
            discard(entry, key);
            return Optional.empty();
        } catch (IOException e) {
            throw cacheFailure(e);
        }
    }

    /** Work that may fail with an I/O error or a sysroot error. */
    @FunctionalInterface
    public interface LockedWork<T> {
        T run() throws IOException, SysrootException;
    }

    /**
     * Runs {@code work} holding the cache's lock named {@code name}, which excludes other threads
     * of this JVM and other processes (for work that spans several entries, such as provisioning).
     */
    @SuppressWarnings("try") // the lock is only held
    public <T> T underLock(String name, LockedWork<T> work) throws SysrootException {
        if (!Patterns.KEY.matcher(name).matches()) {
            throw new SysrootException("invalid lock name '" + name + "'");
        }
        try {
            Files.createDirectories(root);
            try (KeyLock lock = lock(root, name)) {
                return work.run();
            }
        } catch (IOException e) {
            throw cacheFailure(e);
        }
    }

    /** The complete trees of the cache, by key. */
    public List<CachedSysroot> list() throws SysrootException {
        List<CachedSysroot> result = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return result;
        }
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(root)) {
            for (Path p : dir) {
                if (!p.getFileName().toString().startsWith(".") && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    entries.add(p);
                }
            }
        } catch (IOException e) {
            throw new SysrootException("cannot list the sysroot cache " + root + ": " + TarUnpacker.describe(e), e);
        }
        entries.sort(null);
        for (Path entry : entries) {
            if (!Files.isRegularFile(entry.resolve(COMPLETE))) {
                continue;
            }
            try {
                result.add(describe(entry, readMetadata(entry)));
            } catch (IOException | RuntimeException e) {
                // not one of ours, or damaged: verify() says more
            }
        }
        return result;
    }

    // ---------------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Filler {
        void fill(TarUnpacker unpacker) throws SysrootException;
    }

    @SuppressWarnings("try") // the lock is only held
    private Path obtain(String key, List<String> origin, Optional<String> archiveSha256, Filler filler)
            throws SysrootException {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new SysrootException("cannot create the sysroot cache " + root + ": " + TarUnpacker.describe(e), e);
        }
        Path entry = root.resolve(key);
        try (KeyLock lock = lock(root, key)) {
            removeLeftovers(key);
            if (Files.exists(entry, LinkOption.NOFOLLOW_LINKS)) {
                if (reusable(entry, archiveSha256)) {
                    return entry.resolve(TREE);
                }
                discard(entry, key);
            }
            return build(key, entry, origin, archiveSha256, filler);
        } catch (IOException e) {
            throw cacheFailure(e);
        }
    }

    private Path build(String key, Path entry, List<String> origin, Optional<String> archiveSha256, Filler filler)
            throws SysrootException, IOException {
        Path staging = Files.createTempDirectory(root, ".tmp-" + key + "-");
        boolean done = false;
        try {
            Path tree = Files.createDirectory(staging.resolve(TREE));
            TarUnpacker unpacker = new TarUnpacker(tree, policy);
            filler.fill(unpacker);
            TarUnpacker.Result result = unpacker.finish();
            String manifestText = result.manifest().toText();
            Files.writeString(staging.resolve(MANIFEST), manifestText, StandardCharsets.UTF_8);
            Properties meta = new Properties();
            meta.setProperty("key", key);
            for (int i = 0; i < origin.size(); i++) {
                meta.setProperty("origin." + i, origin.get(i));
            }
            archiveSha256.ifPresent(s -> meta.setProperty("sha256", s));
            meta.setProperty("size", Long.toString(result.totalBytes()));
            meta.setProperty("entries", Long.toString(result.manifest().entries().size()));
            meta.setProperty("created", Instant.now().toString());
            for (int i = 0; i < result.notes().size(); i++) {
                meta.setProperty("note." + i, result.notes().get(i));
            }
            StringWriter w = new StringWriter();
            meta.store(w, "winebuild-j sysroot");
            Files.writeString(staging.resolve(METADATA), w.toString(), StandardCharsets.UTF_8);
            List<String> problems = result.manifest().compare(tree, false);
            if (!problems.isEmpty()) {
                throw new SysrootException("sysroot " + key + " does not match its manifest right after unpacking"
                        + " (is something else writing to " + staging + "?): " + String.join("; ", problems));
            }
            try (FileChannel c = FileChannel.open(staging.resolve(MANIFEST), StandardOpenOption.WRITE)) {
                c.force(true);
            }
            Files.writeString(staging.resolve(COMPLETE), Manifest.sha256(manifestText) + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(staging, entry, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new SysrootException("cannot rename " + staging + " to " + entry + " atomically", e);
            }
            done = true;
            return entry.resolve(TREE);
        } finally {
            if (!done) {
                deleteTree(staging);
            }
        }
    }

    private boolean reusable(Path entry, Optional<String> archiveSha256) {
        try {
            if (archiveSha256.isPresent() && !archiveSha256.get().equals(readMetadata(entry).getProperty("sha256"))) {
                return false;
            }
            if (reuseCheck == ReuseCheck.METADATA && VerifiedStatus.matches(entry)) {
                return true; // nothing changed since a full check found the entry right
            }
            // statuses before the check: a change during it shows as a mismatch next time
            Optional<VerifiedStatus> statuses = reuseCheck == ReuseCheck.METADATA ? takeStatuses(entry)
                    : Optional.empty();
            List<String> problems = new ArrayList<>();
            check(entry, reuseCheck == ReuseCheck.CONTENT, problems);
            if (!problems.isEmpty()) {
                return false;
            }
            statuses.ifPresent(s -> s.writeIfSettled(entry, clock.instant()));
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static Optional<VerifiedStatus> takeStatuses(Path entry) {
        try {
            return Optional.of(VerifiedStatus.take(entry));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // no record this time; the full check decides
        }
    }

    /** Adds what is wrong with the entry to {@code problems}; returns the manifest if it could be read. */
    private static Manifest check(Path entry, boolean hashContents, List<String> problems) throws IOException {
        String manifestText;
        try {
            manifestText = Files.readString(entry.resolve(MANIFEST), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            problems.add("no " + MANIFEST + ": not completely unpacked");
            return null;
        }
        String marker;
        try {
            marker = Files.readString(entry.resolve(COMPLETE), StandardCharsets.UTF_8).trim();
        } catch (NoSuchFileException e) {
            marker = null;
            problems.add("not marked complete (" + COMPLETE + " is missing)");
        }
        if (marker != null && !marker.equals(Manifest.sha256(manifestText))) {
            problems.add(MANIFEST + " was changed after unpacking (it does not match " + COMPLETE + ")");
        }
        Manifest manifest;
        try {
            manifest = Manifest.parse(manifestText);
        } catch (IOException e) {
            problems.add(MANIFEST + ": " + e.getMessage());
            return null;
        }
        Path tree = entry.resolve(TREE);
        if (!Files.isDirectory(tree, LinkOption.NOFOLLOW_LINKS)) {
            problems.add(TREE + " is missing");
            return manifest;
        }
        problems.addAll(manifest.compare(tree, hashContents));
        if (problems.isEmpty()) {
            changedAfterUnpacking(entry, tree).ifPresent(p -> problems.add(TREE + "/" + p + " was changed after"
                    + " unpacking (its inode change time is later than " + COMPLETE + ")"));
        }
        return manifest;
    }

    /**
     * A path of the tree whose inode change time is later than that of the {@code .complete} marker,
     * written after the whole tree: a file rewritten with the same size and modification time (which
     * the quick check compares) still gets a new change time, which cannot be set back.
     */
    private static Optional<String> changedAfterUnpacking(Path entry, Path tree) throws IOException {
        FileTime sealed;
        try {
            sealed = changeTime(entry.resolve(COMPLETE));
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.empty(); // no change times on this file system
        }
        try (Stream<Path> walk = Files.walk(tree)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (changeTime(p).compareTo(sealed) > 0) {
                    return Optional.of(tree.relativize(p).toString());
                }
            }
        }
        return Optional.empty();
    }

    private static FileTime changeTime(Path p) throws IOException {
        return (FileTime) Files.getAttribute(p, "unix:ctime", LinkOption.NOFOLLOW_LINKS);
    }

    /** An I/O error in the cache, with advice when the cache cannot be written. */
    private SysrootException cacheFailure(IOException e) {
        boolean readOnly = e instanceof java.nio.file.AccessDeniedException
                || e instanceof java.nio.file.FileSystemException f && f.getReason() != null
                        && (f.getReason().contains("Read-only") || f.getReason().contains("not permitted"));
        return new SysrootException("sysroot cache " + root + ": " + TarUnpacker.describe(e) + (readOnly
                ? ". The cache cannot be written here: make it writable, or use another cache directory"
                        + " (XDG_CACHE_HOME); a read-only cache serves only sysroots already in it"
                : ""), e);
    }

    private static Properties readMetadata(Path entry) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(entry.resolve(METADATA), StandardCharsets.UTF_8)));
        return p;
    }

    private static CachedSysroot describe(Path entry, Properties meta) {
        List<String> origin = new ArrayList<>();
        for (int i = 0; meta.getProperty("origin." + i) != null; i++) {
            origin.add(meta.getProperty("origin." + i));
        }
        List<String> notes = new ArrayList<>();
        for (int i = 0; meta.getProperty("note." + i) != null; i++) {
            notes.add(meta.getProperty("note." + i));
        }
        Instant created;
        try {
            created = Instant.parse(meta.getProperty("created", ""));
        } catch (DateTimeParseException e) {
            created = Instant.EPOCH;
        }
        return new CachedSysroot(entry.getFileName().toString(), entry.resolve(TREE),
                Long.parseLong(meta.getProperty("size", "0")), Long.parseLong(meta.getProperty("entries", "0")),
                origin, Optional.ofNullable(meta.getProperty("sha256")), created, notes);
    }

    /** Moves a broken entry aside (atomically, so that no one sees half of it) and deletes it. */
    private void discard(Path entry, String key) throws IOException {
        Path trash = root.resolve(".trash-" + key + "-" + UUID.randomUUID().toString().replace("-", ""));
        Files.move(entry, trash, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(trash);
    }

    /**
     * Temporary and trash directories left by processes that died: those of {@code key} (whose lock we
     * hold), and those of other keys whose lock no live process holds (an unpack holds its key's lock
     * from start to end, so a directory of a free key belongs to no one).
     */
    private void removeLeftovers(String key) throws IOException {
        List<Path> leftovers = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(root, ".{tmp,trash}-*")) {
            for (Path p : dir) {
                var m = Patterns.LEFTOVER.matcher(p.getFileName().toString());
                if (m.matches()) {
                    leftovers.add(p);
                }
            }
        }
        for (Path p : leftovers) {
            var m = Patterns.LEFTOVER.matcher(p.getFileName().toString());
            m.matches();
            String owner = m.group(1) != null ? m.group(1) : m.group(2);
            if (owner.equals(key)) {
                deleteTree(p);
                continue;
            }
            try (KeyLock free = tryLock(root, owner)) {
                if (free != null) {
                    deleteTree(p);
                }
            }
        }
    }

    /** Deletes a tree without following links, making directories writable on the way. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                Files.setPosixFilePermissions(d, Manifest.permissions(0700));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * The lock of {@code key} in the cache {@code dir}: one byte of the cache's one lock file (the
     * byte's position comes from the key's SHA-256; two keys sharing one only wait for each other), so
     * that no lock file is made per key. Blocks until no other thread or process holds it.
     */
    private static KeyLock lock(Path dir, String key) throws IOException {
        return lock(dir, key, true);
    }

    /** The lock of {@code key} if no other thread or process holds it, else null. */
    private static KeyLock tryLock(Path dir, String key) throws IOException {
        return lock(dir, key, false);
    }

    private static KeyLock lock(Path dir, String key, boolean wait) throws IOException {
        Path file = dir.resolve(LOCK_FILE).toAbsolutePath().normalize();
        long position = lockPosition(key);
        ReentrantLock jvm = JVM_LOCKS.computeIfAbsent(file + "@" + position, f -> new ReentrantLock());
        if (jvm.isHeldByCurrentThread()) {
            // this thread holds the byte already (another key of the same byte, taken inside it)
            jvm.lock();
            return new KeyLock(jvm, null, null);
        }
        if (wait) {
            jvm.lock();
        } else if (!jvm.tryLock()) {
            return null;
        }
        LockFile lockFile = null;
        try {
            lockFile = LockFile.open(file, dir);
            if (lockFile.channel() == null) {
                // a read-only cache whose lock file cannot be read: nobody can change the cache
                return new KeyLock(jvm, lockFile, null);
            }
            // a read-only cache (a shared, fully populated one) is only read: a shared lock suffices
            boolean shared = lockFile.readOnly();
            FileLock fileLock = wait ? lockFile.channel().lock(position, 1, shared)
                    : lockFile.channel().tryLock(position, 1, shared);
            if (fileLock == null) {
                lockFile.close();
                jvm.unlock();
                return null;
            }
            return new KeyLock(jvm, lockFile, fileLock);
        } catch (IOException | RuntimeException e) {
            if (lockFile != null) {
                lockFile.close();
            }
            jvm.unlock();
            throw e;
        }
    }

    /**
     * The lock file of a cache, opened once for all the locks this JVM holds in it: the locks are the
     * process's (fcntl), and closing any channel of the file would release all of them, so the one
     * channel is closed only when no lock of this JVM is left in it.
     */
    private static final class LockFile {
        private static final java.util.Map<Path, LockFile> OPEN = new java.util.HashMap<>();

        private final Path file;
        private final FileChannel channel;
        private final boolean readOnly;
        private int users;

        private LockFile(Path file, FileChannel channel, boolean readOnly) {
            this.file = file;
            this.channel = channel;
            this.readOnly = readOnly;
        }

        static LockFile open(Path file, Path dir) throws IOException {
            synchronized (OPEN) {
                LockFile open = OPEN.get(file);
                if (open == null) {
                    open = create(file, dir);
                    OPEN.put(file, open);
                }
                open.users++;
                return open;
            }
        }

        private static LockFile create(Path file, Path dir) throws IOException {
            try {
                return new LockFile(file, FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                        false);
            } catch (java.nio.file.FileSystemException e) {
                if (Files.isWritable(dir) && !(e instanceof java.nio.file.AccessDeniedException)
                        && !"Read-only file system".equals(e.getReason())) {
                    throw e;
                }
                if (!Files.isReadable(file)) {
                    return new LockFile(file, null, true);
                }
                return new LockFile(file, FileChannel.open(file, StandardOpenOption.READ), true);
            }
        }

        FileChannel channel() {
            return channel;
        }

        boolean readOnly() {
            return readOnly;
        }

        void close() throws IOException {
            synchronized (OPEN) {
                if (--users == 0) {
                    OPEN.remove(file);
                    if (channel != null) {
                        channel.close();
                    }
                }
            }
        }
    }

    /** Where in the lock file {@code key}'s byte is: from its SHA-256, below 2^62. */
    static long lockPosition(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return java.nio.ByteBuffer.wrap(hash).getLong() & 0x3fff_ffff_ffff_ffffL;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record KeyLock(ReentrantLock jvm, LockFile lockFile, FileLock fileLock) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            try {
                if (fileLock != null) {
                    fileLock.release();
                }
                if (lockFile != null) {
                    lockFile.close();
                }
            } finally {
                jvm.unlock();
            }
        }
    }
}
