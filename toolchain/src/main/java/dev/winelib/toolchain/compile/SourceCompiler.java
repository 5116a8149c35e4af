package dev.winelib.toolchain.compile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Future;

import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.BuildLog;
import dev.winelib.toolchain.build.AtomicFiles;
import dev.winelib.toolchain.build.BuildRecord;
import dev.winelib.toolchain.build.Stamp;
import dev.winelib.toolchain.process.ProcessRunner;
import dev.winelib.toolchain.process.ToolFailedException;
import dev.winelib.toolchain.process.ToolFileNames;

/**
 * Compiles C and C++ sources into objects, each with its language's compiler and flags, skipping
 * those whose source, headers and flags are unchanged.
 */
public final class SourceCompiler {

    /**
     * Objects in source order, how many had to be compiled, the command of every source's
     * compilation (also of those that were up to date), for the compilation database, and the files
     * the compilations read: the sources and every header their dependency files list.
     */
    public record Outcome(List<Path> objects, int compiled, List<CompileCommand> commands, Set<Path> inputs,
            Map<Path, BuildRecord.Step> steps) {
        public Outcome {
            objects = List.copyOf(objects);
            commands = List.copyOf(commands);
            inputs = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(inputs));
            steps = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(steps));
        }

        public Outcome(List<Path> objects, int compiled, List<CompileCommand> commands) {
            this(objects, compiled, commands, Set.of(), Map.of());
        }

        /**
         * Each object with the source of {@code sources} (the list compiled, in the same order) it comes
         * from, relative to {@code base} when under it, as tool messages should name it.
         */
        public Map<Path, String> objectSources(List<Path> sources, Path base) {
            Map<Path, String> names = new java.util.LinkedHashMap<>();
            Path root = base.toAbsolutePath().normalize();
            for (int i = 0; i < objects.size(); i++) {
                Path source = sources.get(i).toAbsolutePath().normalize();
                names.put(objects.get(i), source.startsWith(root) ? root.relativize(source).toString()
                        : source.toString());
            }
            return names;
        }
    }

    /**
     * The compiler driver, flags and extra environment variables for the sources of one language.
     */
    public record Invocation(Path compiler, List<String> flags, Map<String, String> environment) {
        public Invocation {
            flags = List.copyOf(flags);
            environment = Map.copyOf(environment);
        }

        public Invocation(Path compiler, List<String> flags) {
            this(compiler, flags, Map.of());
        }
    }

    private final Map<SourceLanguage, Invocation> invocations;
    private final Path objectDirectory;
    private final BuildLog log;
    private final boolean functionConventions;
    private final Optional<BuildRecord.State> lastBuild;
    private final Path precompiledHeaders;
    /** {@link #invocationFingerprint}'s, by invocation (the same object for all its sources). */
    private final Map<Invocation, String> invocationFingerprints = java.util.Collections.synchronizedMap(
            new java.util.IdentityHashMap<>());

    /** A compiler for C sources only. */
    public SourceCompiler(Path compiler, List<String> flags, Path objectDirectory, BuildLog log) {
        this(compiler, flags, Map.of(), objectDirectory, log);
    }

    /**
     * A compiler for C sources only, run with {@code environment} added to this process's (such as
     * {@code SOURCE_DATE_EPOCH}); the variables are part of each object's up-to-date record.
     */
    public SourceCompiler(Path compiler, List<String> flags, Map<String, String> environment, Path objectDirectory,
            BuildLog log) {
        this(Map.of(SourceLanguage.C, new Invocation(compiler, flags, environment)), objectDirectory, log);
    }

    public SourceCompiler(Map<SourceLanguage, Invocation> invocations, Path objectDirectory, BuildLog log) {
        this(invocations, objectDirectory, log, false, Optional.empty(), null);
    }

    private SourceCompiler(Map<SourceLanguage, Invocation> invocations, Path objectDirectory, BuildLog log,
            boolean functionConventions, Optional<BuildRecord.State> lastBuild, Path precompiledHeaders) {
        this.invocations = new EnumMap<>(invocations);
        this.objectDirectory = objectDirectory;
        this.log = log;
        this.functionConventions = functionConventions;
        this.lastBuild = lastBuild;
        this.precompiledHeaders = precompiledHeaders;
    }

    /**
     * This compiler, also keeping next to each object which functions the compilation defined with the
     * Windows calling convention, where the compiler can say ({@link FunctionConventions}).
     */
    public SourceCompiler withFunctionConventions() {
        return new SourceCompiler(invocations, objectDirectory, log, true, lastBuild, precompiledHeaders);
    }

    /**
     * This compiler, taking an object as up to date without reading its stamp or dependency file when
     * {@code last} (the build record of the last build with the same settings) recorded its compilation
     * with the same command and neither the object nor any file that compilation read changed since.
     */
    public SourceCompiler withLastBuild(Optional<BuildRecord.State> last) {
        return new SourceCompiler(invocations, objectDirectory, log, functionConventions, last, precompiledHeaders);
    }

    /**
     * This compiler, also precompiling (with GCC) the header that several sources include first, kept in
     * {@code directory} ({@link PrecompiledHeaders}); the objects are the same as without.
     */
    public SourceCompiler withPrecompiledHeaders(Path directory) {
        return new SourceCompiler(invocations, objectDirectory, log, functionConventions, lastBuild, directory);
    }

    /**
     * Compiles what changed, several sources at a time ({@link CompileSlots}); when some fail, the
     * error is the first failing source's in source order, after every compilation has ended.
     *
     * @param sourceRoots directories the objects are named relative to (the first holding a source)
     */
    public Outcome compile(List<Path> sources, List<Path> sourceRoots) throws IOException, InterruptedException,
            BuildFailure {
        Files.createDirectories(objectDirectory);
        List<Path> objects = new ArrayList<>();
        List<Invocation> invocationsInOrder = new ArrayList<>();
        Set<Path> seen = new java.util.HashSet<>();
        List<Path> roots = absoluteRoots(sourceRoots);
        for (Path source : sources) {
            Optional<SourceLanguage> ofSource = SourceLanguage.of(source);
            if (ofSource.isEmpty()) {
                throw new BuildFailure(source + ": not a source file the build compiles (C: .c; C++: .cpp, .cc, .cxx)");
            }
            SourceLanguage language = ofSource.get();
            Invocation invocation = invocations.get(language);
            if (invocation == null) {
                throw new IllegalStateException("no compiler for " + language + " sources: " + source);
            }
            Path object = objectDirectory.resolve(objectNameUnder(source, roots));
            if (!seen.add(object)) {
                throw new BuildFailure("two sources map to the same object " + object + ": " + source);
            }
            objects.add(object);
            invocationsInOrder.add(invocation);
        }
        List<CompileCommand> commands = new ArrayList<>(sources.size());
        Path workingDirectory = Path.of("").toAbsolutePath();
        for (int i = 0; i < sources.size(); i++) {
            Path object = objects.get(i);
            commands.add(new CompileCommand(workingDirectory, sources.get(i), object,
                    command(invocationsInOrder.get(i), sources.get(i), object, dependencyFile(object))));
        }
        // planned when the first source must be compiled: a build with nothing to do reads no source
        PchPlan pch = new PchPlan(sources, invocationsInOrder);
        // the headers the sources share are parsed from their dependency files and hashed once in this call
        Reading reading = new Reading(new InputHashes(), new java.util.concurrent.ConcurrentHashMap<>());
        // the steps the last build's record vouches for are taken here, without a thread each; the
        // others are checked (their stamps) and compiled on the compile threads
        List<Object> results = new ArrayList<>(sources.size());
        boolean debug = log.isDebugEnabled();
        for (int i = 0; i < sources.size(); i++) {
            Path source = sources.get(i);
            Path object = objects.get(i);
            Invocation invocation = invocationsInOrder.get(i);
            String settings = settings(invocation, source);
            Optional<List<Path>> recorded = lastBuild.isPresent() ? lastBuild.get().unchangedStep(object, settings)
                    : Optional.empty();
            if (recorded.isPresent()) {
                // the last build's record vouches for the object, its source and headers (the source's
                // recorded status is that of the regular file it compiled): nothing to read
                if (debug) {
                    log.debug("up to date: " + object);
                }
                results.add(new Compiled(false, object, BuildRecord.Step.of(settings, recorded.get())));
            } else {
                results.add(CompileSlots.EXECUTOR.submit(() -> compileOne(invocation, source, object, settings, pch,
                        reading)));
            }
        }
        int compiled = 0;
        Set<Path> inputs = new LinkedHashSet<>();
        Map<Path, BuildRecord.Step> steps = new java.util.LinkedHashMap<>();
        Exception first = null;
        for (Object result : results) {
            try {
                Compiled one = result instanceof Compiled c ? c : CompileSlots.result(future(result));
                if (one.compiled()) {
                    compiled++;
                }
                inputs.addAll(one.step().inputs());
                steps.put(one.object(), one.step());
            } catch (InterruptedException e) {
                for (Object r : results) {
                    if (r instanceof Future<?> f) {
                        f.cancel(true);
                    }
                }
                throw e;
            } catch (BuildFailure | IOException | RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first instanceof BuildFailure b) {
            throw b;
        }
        if (first instanceof IOException io) {
            throw io;
        }
        if (first != null) {
            throw (RuntimeException) first;
        }
        return new Outcome(objects, compiled, commands, inputs, steps);
    }

    /**
     * What the compilations of one {@link #compile} call share: the hashes of the files they read
     * ({@link InputHashes}) and the parsed tails of their dependency files
     * ({@link DependencyFile#prerequisites(Path, Path, Map)}).
     */
    private record Reading(InputHashes hashes, Map<String, List<Path>> parsedTails) {

        /** The source and the prerequisites its dependency file lists: what its stamp hashes. */
        Set<Path> inputs(Path source, Path depFile) throws IOException {
            Set<Path> inputs = new LinkedHashSet<>();
            inputs.add(source);
            inputs.addAll(DependencyFile.prerequisites(depFile, Path.of(""), parsedTails));
            return inputs;
        }

        /** The stamp's record of a compilation with {@code key} that read {@code inputs}. */
        String stamp(List<String> key, Set<Path> inputs) throws IOException {
            List<Path> list = new ArrayList<>(inputs);
            return Stamp.of(key, list, hashes.of(list));
        }
    }

    /** Whether one source was compiled, its object, and its compilation: settings and the files it read. */
    private record Compiled(boolean compiled, Path object, BuildRecord.Step step) {
    }

    /** The precompiled headers of one {@link #compile} call, planned once, when first asked. */
    private final class PchPlan {
        private final List<Path> sources;
        private final List<Invocation> invocations;
        private PrecompiledHeaders plan;

        PchPlan(List<Path> sources, List<Invocation> invocations) {
            this.sources = sources;
            this.invocations = invocations;
        }

        /**
         * Called holding a compile slot: the options that make {@code source}'s compilation use its
         * precompiled header, if it has one that is made or that this call makes
         * ({@link PrecompiledHeaders.Header#include}).
         */
        List<String> optionsFor(Path source) throws IOException, InterruptedException {
            if (precompiledHeaders == null) {
                return List.of();
            }
            PrecompiledHeaders p;
            synchronized (this) {
                if (plan == null) {
                    plan = PrecompiledHeaders.plan(sources, invocations, precompiledHeaders, log);
                }
                p = plan;
            }
            Optional<PrecompiledHeaders.Header> header = p.of(source);
            return header.isEmpty() ? List.of()
                    : header.get().include().map(PrecompiledHeaders::options).orElse(List.of());
        }
    }

    /**
     * A SHA-256 of an invocation's compiler, flags and environment, taken once per invocation (not for
     * each of its sources: a changed build asks for it for every source).
     */
    private String invocationFingerprint(Invocation invocation) {
        return invocationFingerprints.computeIfAbsent(invocation, i -> {
            StringBuilder b = new StringBuilder(i.compiler().toString());
            for (String flag : i.flags()) {
                b.append('\n').append(flag);
            }
            for (Map.Entry<String, String> e : new java.util.TreeMap<>(i.environment()).entrySet()) {
                b.append("\nenv ").append(e.getKey()).append('=').append(e.getValue());
            }
            return Stamp.sha256(b.toString());
        });
    }

    /** A compilation running on a compile thread: {@link #compileOne}. */
    @SuppressWarnings("unchecked")
    private static Future<Compiled> future(Object result) {
        return (Future<Compiled>) result;
    }

    /**
     * A step's settings for the build record: the invocation's (compiler, flags and environment,
     * fingerprinted once per invocation) and the source.
     */
    private String settings(Invocation invocation, Path source) {
        return invocationFingerprint(invocation) + "\n" + source;
    }

    /** Checks one source's object by its stamp, which the build record did not vouch for, and compiles it when needed. */
    private Compiled compileOne(Invocation invocation, Path source, Path object, String settings, PchPlan pch,
            Reading reading) throws IOException, InterruptedException, BuildFailure {
        Path compiler = invocation.compiler();
        List<String> flags = invocation.flags();
        if (!Files.isRegularFile(source)) {
            throw new BuildFailure(source + ": source file not found");
        }
        Path depFile = dependencyFile(object);
        Path stampFile = object.resolveSibling(object.getFileName() + ".stamp");
        List<String> key = new ArrayList<>();
        key.add(compiler.toString());
        key.addAll(flags);
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(invocation.environment()).entrySet()) {
            key.add("env " + e.getKey() + "=" + e.getValue());
        }
        key.add(source.toString());
        Set<Path> inputs = reading.inputs(source, depFile);
        if (Stamp.isFresh(object, stampFile, reading.stamp(key, inputs))) {
            if (log.isDebugEnabled()) {
                log.debug("up to date: " + object);
            }
            return new Compiled(false, object, BuildRecord.Step.of(settings, inputs));
        }
        Path tmpObject = AtomicFiles.temporarySibling(object);
        Path tmpDep = AtomicFiles.temporarySibling(depFile);
        Path conventions = FunctionConventions.listOf(object);
        boolean dump = functionConventions && FunctionConventions.supported(compiler, flags);
        Path tmpDump = dump ? AtomicFiles.temporarySibling(object.resolveSibling(object.getFileName() + ".gimple"))
                : null;
        Path tmpConventions = dump ? AtomicFiles.temporarySibling(conventions) : null;
        Files.deleteIfExists(conventions); // a list from an earlier compilation never outlives its object
        try {
            log.info("compiling " + source);
            try {
                CompileSlots.withSlot(() -> {
                    List<String> command = command(invocation, source, tmpObject, tmpDep);
                    // the first source of a precompiled header makes it in this slot; while it is being
                    // made, the others compile from the text rather than wait with a slot idle
                    command.addAll(command.size() - 1, pch.optionsFor(source));
                    if (dump) {
                        command.add(command.size() - 1, FunctionConventions.dumpOption(tmpDump));
                    }
                    log.debug(String.join(" ", command));
                    ProcessRunner.Result r = ProcessRunner.run(command, null,
                            CompilerEnvironment.of(invocation.environment()));
                    if (r.exitCode() != 0) {
                        // the compiler names its (temporary) outputs as the command gave them
                        throw new ToolFailedException("compiling " + source, command, r.exitCode(), r.output(),
                                ToolFileNames.none().with(tmpObject, "the object of " + source)
                                        .with(tmpDep, "the dependency file of " + source));
                    }
                    // a compilation that succeeds can still have warnings to show
                    CompilerDiagnostics.warn(r.output(), log);
                    return r;
                });
            } catch (ToolFailedException e) {
                throw new BuildFailure(e.getMessage(), e);
            } catch (BuildFailure | IOException | InterruptedException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            if (dump) {
                FunctionConventions.writeList(tmpDump, tmpConventions);
            }
            AtomicFiles.commit(tmpObject, object);
            AtomicFiles.commit(tmpDep, depFile);
            if (dump) {
                AtomicFiles.commit(tmpConventions, conventions);
            }
        } finally {
            Files.deleteIfExists(tmpObject);
            Files.deleteIfExists(tmpDep);
            if (dump) {
                Files.deleteIfExists(tmpDump);
                Files.deleteIfExists(tmpConventions);
            }
        }
        Set<Path> newInputs = reading.inputs(source, depFile);
        Stamp.write(stampFile, reading.stamp(key, newInputs), object);
        return new Compiled(true, object, BuildRecord.Step.of(settings, newInputs));
    }

    /**
     * The files besides the object itself whose content the up-to-date check of {@code object} reads:
     * its stamp file, its dependency file and the prerequisites (source and headers) that one lists.
     */
    public static List<Path> checkedFiles(Path object) throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(object.resolveSibling(object.getFileName() + ".stamp"));
        Path depFile = dependencyFile(object);
        files.add(depFile);
        files.addAll(DependencyFile.prerequisites(depFile, Path.of("")));
        return files;
    }

    private static Path dependencyFile(Path object) {
        return object.resolveSibling(object.getFileName() + ".d");
    }

    /** The compiler's command line for one source; it runs in this process's working directory. */
    private static List<String> command(Invocation invocation, Path source, Path object, Path dependencyFile) {
        List<String> command = new ArrayList<>();
        command.add(invocation.compiler().toString());
        command.addAll(invocation.flags());
        command.add("-c");
        command.add("-MD");
        command.add("-MF");
        command.add(dependencyFile.toString());
        command.add("-o");
        command.add(object.toString());
        command.add(source.toString());
        return command;
    }

    /**
     * An object file name that keeps the source's relative path readable and unique:
     * {@code dir/a.c} under a root gives {@code dir_a.c.o}; a source under no root gets a hash of its path.
     */
    static String objectName(Path source, List<Path> sourceRoots) {
        return objectNameUnder(source, absoluteRoots(sourceRoots));
    }

    /** The roots absolute and normalized, made once for all sources. */
    private static List<Path> absoluteRoots(List<Path> sourceRoots) {
        List<Path> roots = new ArrayList<>(sourceRoots.size());
        for (Path root : sourceRoots) {
            roots.add(root.toAbsolutePath().normalize());
        }
        return roots;
    }

    /** {@link #objectName} with the roots absolute and normalized. */
    private static String objectNameUnder(Path source, List<Path> roots) {
        Path abs = source.toAbsolutePath().normalize();
        for (Path r : roots) {
            if (abs.startsWith(r)) {
                return r.relativize(abs).toString().replace('/', '_') + ".o";
            }
        }
        return (abs.getFileName() + "-" + Stamp.sha256(abs.toString()).substring(0, 8)).replace('/', '_') + ".o";
    }
}
