package dev.winelib.toolchain.module;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.codec.digest.MurmurHash3;

import dev.winelib.sysroot.Sysroot;
import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.BuildLog;
import dev.winelib.toolchain.build.AtomicFiles;
import dev.winelib.toolchain.build.FileStatus;
import dev.winelib.toolchain.compile.SourceCompiler;
import dev.winelib.toolchain.process.ToolCommand;

/**
 * Where the command line keeps the compiled module runtime between runs, so that building a module
 * object does not compile the same few C files every time: one directory per compiler (its path,
 * size and modification time), compiler arguments, sysroot and set of runtime pieces, below
 * {@code $XDG_CACHE_HOME/winebuild-j/runtime} ({@code ~/.cache/winebuild-j/runtime}).
 *
 * <p>Inside a directory the usual content stamps apply (a runtime source that changed, or an object
 * damaged after it was written, is compiled again), and every file is written under a temporary name
 * and renamed, so several processes can share the cache. The objects name no directory
 * ({@code -ffile-prefix-map}), so a cached object is the object a fresh compilation makes.
 *
 * <p>Checking the stamps hashes every source, header and object. So that a run does not do that each
 * time, a full check that found everything up to date leaves a record ({@value #VERIFIED}) of the
 * {@link FileStatus} of each file it read; a later run whose files all still have that status (and whose
 * runtime sources are the ones it ships) takes the objects without reading them. Any write to one of
 * the files changes its status, so a changed or damaged file is checked in full again.
 */
public final class RuntimeCache {

    /** Environment variable that turns the cache off ({@code off}) or moves it (an absolute directory). */
    public static final String ENVIRONMENT_VARIABLE = "WINEBUILD_J_RUNTIME_CACHE";

    /** The record of a full check, in a runtime directory. */
    static final String VERIFIED = "verified.txt";

    private static final String VERIFIED_HEADER = "winebuild-j runtime verified 1";

    /** The record's line for the jar the runtime sources were read from. */
    private static final String SHIPPED = "shipped";

    private RuntimeCache() {
    }

    /**
     * The cache directory for {@code environment}: none when {@code WINEBUILD_J_RUNTIME_CACHE} is
     * {@code off}, the directory it names otherwise (a relative one from the working directory), and
     * without it {@code winebuild-j/runtime} below {@code XDG_CACHE_HOME} (when absolute) or
     * {@code ~/.cache}.
     */
    public static Optional<Path> defaultDirectory(Map<String, String> environment) {
        String setting = environment.get(ENVIRONMENT_VARIABLE);
        if (setting != null && !setting.isBlank()) {
            if (setting.strip().equalsIgnoreCase("off")) {
                return Optional.empty();
            }
            return Optional.of(Path.of(setting.strip()).toAbsolutePath().normalize());
        }
        String xdg = environment.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".cache");
        return Optional.of(base.resolve("winebuild-j").resolve("runtime"));
    }

    /**
     * The directory for the runtime compiled by {@code compiler} against {@code sysroot} with
     * {@code pieces}, created if needed; empty when it cannot be created (the caller then compiles
     * into its own work directory).
     */
    static Optional<Path> directory(Path cache, ToolCommand compiler, Sysroot sysroot, ModuleRuntime.Pieces pieces) {
        try {
            Path program = compiler.program().toRealPath();
            StringBuilder key = new StringBuilder();
            key.append("compiler ").append(program).append('\n')
                    .append("size ").append(Files.size(program)).append('\n')
                    .append("modified ").append(Files.getLastModifiedTime(program).toMillis()).append('\n');
            for (String argument : compiler.arguments()) {
                key.append("argument ").append(argument).append('\n');
            }
            key.append("sysroot ").append(sysroot.isHost() ? "host" : sysroot.root().toString()).append('\n')
                    .append("pieces ").append(pieces.key()).append('\n');
            Path dir = cache.resolve(name(key.toString()));
            Files.createDirectories(dir);
            return Files.isWritable(dir) ? Optional.of(dir) : Optional.empty();
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** Runtime objects of the cache checked in this process, by directory, with their status. */
    private static final Map<Path, List<String>> CHECKED = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The runtime objects for {@code pieces}: compiled (or found up to date) in the cache's directory below
     * {@code cache}; empty without a cache or when its directory cannot be made (the caller then compiles them
     * into a directory of its own, made only then: a command-line run that finds its runtime here makes no
     * work directory at all).
     * A process checks a cache directory once (a batch, or a Maven build of several modules, builds many
     * modules with the same runtime): later builds take its objects while each has the status it had then
     * ({@link FileStatus}); a changed or removed object is checked again. A directory whose files are all as
     * a full check of an earlier run recorded them is not checked again at all ({@link #verifiedObjects}).
     */
    static Optional<List<Path>> cachedObjects(Optional<Path> cache, ToolCommand compiler, Sysroot sysroot,
            ModuleRuntime.Pieces pieces, BuildLog log) throws IOException, InterruptedException, BuildFailure {
        Optional<Path> found = cache.isPresent() ? directory(cache.get(), compiler, sysroot, pieces) : Optional.empty();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Path directory = found.get();
        List<String> seen = CHECKED.get(directory);
        if (seen != null) {
            List<Path> objects = new ArrayList<>();
            for (String entry : seen) {
                objects.add(Path.of(entry.substring(entry.indexOf(' ') + 1)));
            }
            if (fingerprints(objects).equals(seen)) {
                return Optional.of(objects);
            }
        }
        Optional<Path> shippedIn = ModuleRuntime.shippedIn();
        // an anonymous class rather than a lambda: a command-line run on this path links no lambda
        Optional<List<Path>> verified = verifiedObjects(directory, ModuleRuntime.sourceNames(pieces), shippedIn,
                new ShippedSources() {
                    @Override
                    public Map<String, byte[]> read() throws IOException, BuildFailure {
                        return ModuleRuntime.sources(pieces);
                    }
                });
        if (verified.isPresent()) {
            if (log.isDebugEnabled()) {
                log.debug("runtime unchanged since it was checked: " + directory);
            }
            CHECKED.put(directory, fingerprints(verified.get()));
            return Optional.of(List.copyOf(verified.get()));
        }
        List<Path> objects = List.copyOf(ModuleRuntime.compile(directory, compiler, sysroot, pieces, log));
        recordVerified(directory, ModuleRuntime.sourceNames(pieces).stream().map(directory::resolve).toList(),
                objects, shippedIn);
        CHECKED.put(directory, fingerprints(objects));
        return Optional.of(objects);
    }

    /** "STATUS PATH" of each object (status without spaces); an object that is gone gives a line that matches nothing. */
    private static List<String> fingerprints(List<Path> objects) {
        List<String> lines = new ArrayList<>();
        for (Path o : objects) {
            String status;
            try {
                status = FileStatus.ofRegularFile(o).map(FileStatus::text).orElse("-").replace(' ', '_');
            } catch (IOException e) {
                status = "-";
            }
            lines.add(status + " " + o);
        }
        return lines;
    }

    /**
     * A file name for a cache entry with {@code key}: 24 hex digits of its 128-bit MurmurHash3. The keys
     * are the user's own settings, not input from others, so a fast hash is enough to keep them apart.
     */
    static String name(String key) {
        long[] hash = MurmurHash3.hash128x64(key.getBytes(StandardCharsets.UTF_8));
        return hex(hash[0], 16) + hex(hash[1] >>> 32, 8);
    }

    /** {@code value} in {@code digits} lower-case hex digits (as %016x would, without a Formatter). */
    private static String hex(long value, int digits) {
        String text = Long.toHexString(value);
        return "0".repeat(digits - text.length()) + text;
    }

    /**
     * The objects of the runtime in {@code directory} when a full check recorded them ({@link #recordVerified})
     * and none of the files it read has changed since, and the runtime sources there are {@code sources}
     * (file name and content, as this build of winebuild-j ships them).
     */
    static Optional<List<Path>> verifiedObjects(Path directory, Map<String, byte[]> sources) {
        return verifiedObjects(directory, List.copyOf(sources.keySet()), Optional.empty(), () -> sources);
    }

    /** The runtime sources as shipped, read only when needed. */
    interface ShippedSources {
        Map<String, byte[]> read() throws IOException, dev.winelib.toolchain.BuildFailure;
    }

    /**
     * As {@link #verifiedObjects(Path, Map)} for the sources {@code sourceNames}: when the record names
     * {@code shippedIn} (the jar the sources are read from) with the status it still has, the sources there
     * are known to be the shipped ones without reading the jar (which would open it and the JDK's module
     * image, some 15 ms of a short run); otherwise their content is compared with {@code shipped}.
     */
    static Optional<List<Path>> verifiedObjects(Path directory, List<String> sourceNames, Optional<Path> shippedIn,
            ShippedSources shipped) {
        try {
            List<String> lines = Files.readAllLines(directory.resolve(VERIFIED), StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.get(0).equals(VERIFIED_HEADER)) {
                return Optional.empty();
            }
            List<Path> objects = new ArrayList<>();
            List<String> recordedSources = new ArrayList<>();
            boolean shippedUnchanged = false;
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.split(" ", 3);
                if (fields.length != 3) {
                    return Optional.empty();
                }
                Path file = Path.of(fields[2]);
                if (fields[0].equals(SHIPPED)) {
                    // the jar of the build that made the record: not required to exist any more
                    Optional<FileStatus> jar = shippedIn.isPresent() && shippedIn.get().equals(file)
                            ? FileStatus.ofRegularFile(file) : Optional.empty();
                    shippedUnchanged = jar.isPresent() && jar.get().text().equals(fields[1]);
                    continue;
                }
                Optional<FileStatus> status = FileStatus.ofRegularFile(file);
                if (status.isEmpty() || !status.get().text().equals(fields[1])) {
                    return Optional.empty();
                }
                switch (fields[0]) {
                    case "object" -> objects.add(file);
                    case "source" -> recordedSources.add(file.getFileName().toString());
                    default -> {
                    }
                }
            }
            if (!recordedSources.equals(sourceNames) || objects.isEmpty()) {
                return Optional.empty();
            }
            if (!shippedUnchanged) {
                for (Map.Entry<String, byte[]> source : shipped.read().entrySet()) {
                    if (!Arrays.equals(Files.readAllBytes(directory.resolve(source.getKey())), source.getValue())) {
                        return Optional.empty();
                    }
                }
                if (shippedIn.isPresent()) {
                    // the same sources in another build's jar: recorded with this one, not read next time
                    rerecord(directory, lines, shippedIn.get());
                }
            }
            return Optional.of(objects);
        } catch (IOException | dev.winelib.toolchain.BuildFailure | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Records that a full check found {@code objects}, compiled from {@code sources} (in the same order,
     * files in {@code directory}), up to date: the status of each source and object and of the files its
     * up-to-date check reads ({@link SourceCompiler#checkedFiles}). Nothing is recorded while one of them has not settled (it could still
     * change within the same tick of the file system's clock), or when the record cannot be written.
     */
    static void recordVerified(Path directory, List<Path> sources, List<Path> objects) {
        recordVerified(directory, sources, objects, Optional.empty());
    }

    /** As {@link #recordVerified(Path, List, List)}, naming the jar the sources were read from too. */
    static void recordVerified(Path directory, List<Path> sources, List<Path> objects, Optional<Path> shippedIn) {
        try {
            Instant now = Instant.now();
            StringBuilder text = new StringBuilder(VERIFIED_HEADER).append('\n');
            List<String[]> files = new ArrayList<>();
            if (shippedIn.isPresent()) {
                // the jar only spares later runs reading it: left out while it could still change
                Optional<FileStatus> jar = FileStatus.ofRegularFile(shippedIn.get());
                String path = shippedIn.get().toString();
                if (jar.isPresent() && jar.get().isSettled(now) && path.indexOf('\n') < 0) {
                    text.append(SHIPPED).append(' ').append(jar.get().text()).append(' ').append(path).append('\n');
                }
            }
            for (Path source : sources) {
                files.add(new String[] {"source", source.toString()});
            }
            for (Path object : objects) {
                files.add(new String[] {"object", object.toString()});
                for (Path checked : SourceCompiler.checkedFiles(object)) {
                    files.add(new String[] {"input", checked.toAbsolutePath().normalize().toString()});
                }
            }
            for (String[] file : files) {
                Optional<FileStatus> status = FileStatus.ofRegularFile(Path.of(file[1]));
                if (status.isEmpty() || !status.get().isSettled(now) || file[1].indexOf('\n') >= 0) {
                    return;
                }
                text.append(file[0]).append(' ').append(status.get().text()).append(' ').append(file[1]).append('\n');
            }
            AtomicFiles.write(directory.resolve(VERIFIED), text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            // checked in full next time
        }
    }

    /** The record {@code lines} with its jar line naming {@code shippedIn} as it is now (when it has settled). */
    private static void rerecord(Path directory, List<String> lines, Path shippedIn) {
        try {
            Optional<FileStatus> status = FileStatus.ofRegularFile(shippedIn);
            String path = shippedIn.toString();
            if (status.isEmpty() || !status.get().isSettled(Instant.now()) || path.indexOf('\n') >= 0) {
                return;
            }
            StringBuilder text = new StringBuilder(lines.get(0)).append('\n');
            text.append(SHIPPED).append(' ').append(status.get().text()).append(' ').append(path).append('\n');
            for (String line : lines.subList(1, lines.size())) {
                if (!line.startsWith(SHIPPED + " ")) {
                    text.append(line).append('\n');
                }
            }
            AtomicFiles.write(directory.resolve(VERIFIED), text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            // read again next time
        }
    }
}
