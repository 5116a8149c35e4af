package dev.winelib.toolchain.compile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.BuildLog;
import dev.winelib.toolchain.build.AtomicFiles;
import dev.winelib.toolchain.build.Stamp;
import dev.winelib.toolchain.process.ProcessRunner;

/**
 * Automatic precompiled headers for GCC: the header that at least two sources of one language and
 * one set of flags include before anything else is compiled once ({@code -x c-header}), and those
 * sources are compiled with {@code -include WRAPPER}, where {@code WRAPPER.gch} is the precompiled
 * header and {@code WRAPPER} (in the precompiled-header directory, never in the source tree) holds
 * one {@code #include} of the real header: by its absolute path when the source quotes its name, as the
 * source names it when in angle brackets (so a system header stays one). GCC uses a {@code .gch} only for a
 * header the primary source includes before any C token, so a precompiled header found through a
 * project header that includes {@code <windows.h>} is never used; {@code -include} makes the
 * precompiled header the first thing of the compilation. The source's own {@code #include} of the
 * header then finds the header's guard macro defined (or its {@code #pragma once} seen) and reads
 * nothing, so only guarded headers are precompiled ({@link SourceDirectives#guarded}).
 *
 * <p>When GCC rejects a precompiled header (it warns: {@code -Winvalid-pch}), it reads {@code WRAPPER}
 * as the text it is, so the compilation is the same as without it. {@code -fpch-deps} makes each
 * source's dependency file list the headers of the precompiled header too, so the up-to-date checks see
 * every header as without it. A precompiled header has its own stamp (compiler, flags, environment,
 * header and every header it read): it is made again when any of them changes, and only when a
 * source using it must be compiled. When it cannot be made (an error in the header), the sources
 * compile without it and report the error themselves.
 *
 * <p>Headers are looked up as GCC does for the leading include: a quoted name in the source's directory,
 * then the {@code -iquote} directories; both kinds then in the {@code -I} and {@code -isystem}
 * directories of the flags. A header found only in the compiler's own directories or after them
 * ({@code -idirafter}) is not precompiled.
 */
final class PrecompiledHeaders {

    /** The sources of one group: same invocation, same leading include, resolved to the same header. */
    private record Key(SourceCompiler.Invocation invocation, SourceLanguage language,
            SourceDirectives.LeadingInclude include, Path header) {

        /**
         * The wrapper's one line: a header in angle brackets is included as the source names it (found
         * the same way, so it stays a system header where it was one); a quoted one by its absolute path
         * (a quoted name would find the wrapper itself first).
         */
        String wrapperText() {
            return include.angled() ? "#include <" + include.name() + ">\n" : "#include \"" + header + "\"\n";
        }

        // the invocation by identity: one per language in a compile call, and its flags are long to compare
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.invocation == invocation && k.language == language
                    && k.include.equals(include) && k.header.equals(header);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(System.identityHashCode(invocation), language, include, header);
        }
    }

    /** Where one leading include of a source in one directory, compiled with one invocation, is found. */
    private record Lookup(SourceCompiler.Invocation invocation, SourceDirectives.LeadingInclude include,
            Path directory) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Lookup l && l.invocation == invocation && l.include.equals(include)
                    && java.util.Objects.equals(l.directory, directory);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(System.identityHashCode(invocation), include, directory);
        }
    }

    /** One precompiled header, made at most once per build, by the first source that needs it. */
    final class Header {
        private final Key key;
        private boolean started;
        private volatile Optional<Path> made; // null until made (or given up)

        private Header(Key key) {
            this.key = key;
        }

        /**
         * Called holding a compile slot: the file to give with {@code -include}. The first caller makes
         * the precompiled header in its slot (so it is certain to use it); a caller while it is being made
         * gets nothing, and compiles from the text rather than leave its slot idle. Nothing, too, when the
         * header could not be precompiled.
         */
        Optional<Path> include() throws IOException, InterruptedException {
            synchronized (this) {
                if (started) {
                    return made == null ? Optional.empty() : made;
                }
                started = true;
            }
            Optional<Made> result = Optional.empty();
            try {
                result = make(key);
            } finally {
                // published before its stamp is written: the other slots use it from now on
                made = result.map(Made::include);
            }
            if (result.isPresent()) {
                result.get().writeStamp();
            }
            return made;
        }
    }

    /** The file in the precompiled-header directory that keeps each source's leading include ({@link LeadingIncludes}). */
    static final String LEADING_INCLUDES = "leading-includes";

    private final Path directory;
    private final BuildLog log;
    private final Map<Path, Header> bySource = new HashMap<>();

    private PrecompiledHeaders(Path directory, BuildLog log) {
        this.directory = directory;
        this.log = log;
    }

    /**
     * The precompiled headers of {@code sources} (each compiled with the invocation at the same index),
     * kept in {@code directory}; only for GCC.
     */
    static PrecompiledHeaders plan(List<Path> sources, List<SourceCompiler.Invocation> invocations, Path directory,
            BuildLog log) throws IOException {
        PrecompiledHeaders plan = new PrecompiledHeaders(directory.toAbsolutePath(), log);
        Map<Key, List<Path>> groups = new java.util.LinkedHashMap<>();
        Map<Path, Boolean> guarded = new java.util.LinkedHashMap<>();
        Map<SourceCompiler.Invocation, Boolean> gcc = new java.util.IdentityHashMap<>();
        // sources of one directory that include the same header first find the same file
        Map<Lookup, Optional<Path>> found = new HashMap<>();
        // a source whose status is the one an earlier build kept is not read again
        LeadingIncludes leadingIncludes = LeadingIncludes.recall(plan.directory.resolve(LEADING_INCLUDES));
        for (int i = 0; i < sources.size(); i++) {
            Path source = sources.get(i);
            SourceCompiler.Invocation invocation = invocations.get(i);
            Optional<SourceLanguage> language = SourceLanguage.of(source);
            if (language.isEmpty()) {
                continue;
            }
            Boolean isGcc = gcc.get(invocation);
            if (isGcc == null) {
                isGcc = gcc(invocation);
                gcc.put(invocation, isGcc);
            }
            if (!isGcc) {
                continue;
            }
            Optional<SourceDirectives.LeadingInclude> leading = leadingIncludes.of(source);
            if (leading == null || leading.isEmpty()) {
                continue; // not a regular file, or no leading include
            }
            // a quoted name is looked up in the source's directory first; an angled one is not
            Lookup lookup = new Lookup(invocation, leading.get(),
                    leading.get().angled() ? null : source.toAbsolutePath().getParent());
            Optional<Path> header = found.get(lookup);
            if (header == null) {
                header = resolve(leading.get(), source, invocation.flags());
                found.put(lookup, header);
            }
            if (header.isEmpty() || !usablePath(header.get())) {
                continue;
            }
            Boolean isGuarded = guarded.get(header.get());
            if (isGuarded == null) {
                isGuarded = isGuarded(header.get());
                guarded.put(header.get(), isGuarded);
            }
            if (!isGuarded) {
                continue;
            }
            Key key = new Key(invocation, language.get(), leading.get(), header.get());
            List<Path> members = groups.get(key);
            if (members == null) {
                members = new ArrayList<>();
                groups.put(key, members);
            }
            members.add(source);
        }
        leadingIncludes.keep();
        for (Map.Entry<Key, List<Path>> group : groups.entrySet()) {
            if (group.getValue().size() >= 2) {
                Header h = plan.new Header(group.getKey());
                for (Path s : group.getValue()) {
                    plan.bySource.put(s, h);
                }
            }
        }
        if (log.isDebugEnabled()) {
            for (Map.Entry<Path, Boolean> header : guarded.entrySet()) {
                if (!header.getValue()) {
                    log.debug("not precompiling " + header.getKey() + ": no include guard or #pragma once");
                }
            }
        }
        return plan;
    }

    /** The precompiled header {@code source} is compiled with, if any. */
    Optional<Header> of(Path source) {
        return Optional.ofNullable(bySource.get(source));
    }

    /** The options that make a compilation use the precompiled header of {@code include}. */
    static List<String> options(Path include) {
        return List.of("-Winvalid-pch", "-fpch-deps", "-include", include.toString());
    }

    /** Whether the compiler is GCC (the only one whose precompiled headers the build makes). */
    private static boolean gcc(SourceCompiler.Invocation invocation) {
        return FunctionConventions.supported(invocation.compiler(), List.of());
    }

    private static boolean isGuarded(Path header) {
        try {
            return SourceDirectives.guarded(Files.readString(header, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            return false;
        }
    }

    /** A path the wrapper can name in a quoted {@code #include} without any escaping. */
    private static boolean usablePath(Path header) {
        String s = header.toString();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\' || c < 0x20 || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** Where the compiler finds the leading header of {@code source}, as far as the flags say. */
    static Optional<Path> resolve(SourceDirectives.LeadingInclude include, Path source, List<String> flags) {
        Path name;
        try {
            name = Path.of(include.name());
        } catch (java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
        if (name.isAbsolute()) {
            return existing(name);
        }
        List<Path> quote = new ArrayList<>();
        List<Path> chain = new ArrayList<>();
        for (int i = 0; i < flags.size(); i++) {
            String flag = flags.get(i);
            if (flag.equals("-I-") || flag.equals("-nostdinc") || flag.startsWith("-iprefix")
                    || flag.startsWith("-iwithprefix") || flag.startsWith("-imultilib")) {
                return Optional.empty(); // search orders this lookup does not model
            }
            for (String option : List.of("-iquote", "-I", "-isystem")) {
                String dir = null;
                if (flag.equals(option) && i + 1 < flags.size()) {
                    dir = flags.get(++i);
                } else if (flag.startsWith(option) && flag.length() > option.length()
                        && !(option.equals("-I") && flag.startsWith("-isystem"))) {
                    dir = flag.substring(option.length());
                }
                if (dir != null) {
                    (option.equals("-iquote") ? quote : chain).add(Path.of(dir));
                    break;
                }
            }
        }
        List<Path> order = new ArrayList<>();
        if (!include.angled()) {
            order.add(source.toAbsolutePath().getParent());
            order.addAll(quote);
        }
        order.addAll(chain);
        for (Path dir : order) {
            Optional<Path> found = existing(dir.resolve(name));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> existing(Path candidate) {
        Path abs = candidate.toAbsolutePath().normalize();
        return Files.isRegularFile(abs) ? Optional.of(abs) : Optional.empty();
    }

    /**
     * A precompiled header that is in place, and what its stamp records once written ({@link #writeStamp}:
     * nothing when it was up to date). Its stamp hashes the header (tens of megabytes for
     * {@code <windows.h>}), so it is written after the header is given to the other compilations.
     */
    private record Made(Path include, Optional<Stamped> stamp) {

        void writeStamp() throws IOException {
            if (stamp.isPresent()) {
                Stamp.write(stamp.get().file(), stamp.get().record(), stamp.get().output());
            }
        }
    }

    /** A stamp to write: its file, the step's record, and the output it hashes. */
    private record Stamped(Path file, String record, Path output) {
    }

    /**
     * Makes the precompiled header of {@code key} unless it is up to date, in the caller's compile slot;
     * the file for {@code -include}, and the stamp to write for it.
     */
    private Optional<Made> make(Key key) throws IOException, InterruptedException {
        SourceCompiler.Invocation invocation = key.invocation();
        List<String> identity = new ArrayList<>();
        identity.add(invocation.compiler().toString());
        identity.addAll(invocation.flags());
        new TreeMap<>(invocation.environment()).forEach((k, v) -> identity.add("env " + k + "=" + v));
        identity.add(key.language().name());
        identity.add(key.header().toString());
        identity.add(key.wrapperText());
        Path dir = directory.resolve(Stamp.sha256(String.join("\n", identity)).substring(0, 16));
        Files.createDirectories(dir);
        Path wrapper = dir.resolve(key.header().getFileName());
        Path pch = dir.resolve(wrapper.getFileName() + ".gch");
        Path depFile = dir.resolve(wrapper.getFileName() + ".gch.d");
        Path stampFile = dir.resolve(wrapper.getFileName() + ".gch.stamp");
        AtomicFiles.writeIfChanged(wrapper, key.wrapperText().getBytes(StandardCharsets.UTF_8));
        Set<Path> inputs = DependencyFile.inputs(wrapper, depFile);
        if (Stamp.isFresh(pch, stampFile, Stamp.of(identity, inputs))) {
            log.debug("precompiled header up to date: " + pch);
            return Optional.of(new Made(wrapper, Optional.empty()));
        }
        Files.deleteIfExists(stampFile);
        Files.deleteIfExists(pch); // never left for a compilation to find once its header changed
        Path tmpPch = AtomicFiles.temporarySibling(pch);
        Path tmpDep = AtomicFiles.temporarySibling(depFile);
        try {
            List<String> command = new ArrayList<>();
            command.add(invocation.compiler().toString());
            command.addAll(invocation.flags());
            command.addAll(List.of("-MD", "-MF", tmpDep.toString(), "-o", tmpPch.toString(), "-x",
                    key.language() == SourceLanguage.CXX ? "c++-header" : "c-header", wrapper.toString()));
            log.info("precompiling " + key.header());
            log.debug(String.join(" ", command));
            // in the caller's slot
            ProcessRunner.Result r = ProcessRunner.run(command, null, CompilerEnvironment.of(invocation.environment()));
            if (r.exitCode() != 0) {
                // the sources compile without it and report what is wrong with the header themselves
                log.info("not precompiling " + key.header() + ": the compiler failed on it (exit code "
                        + r.exitCode() + "); compiling its sources without");
                return Optional.empty();
            }
            CompilerDiagnostics.warn(r.output(), log);
            AtomicFiles.commit(tmpPch, pch);
            AtomicFiles.commit(tmpDep, depFile);
        } finally {
            Files.deleteIfExists(tmpPch);
            Files.deleteIfExists(tmpDep);
        }
        Set<Path> newInputs = DependencyFile.inputs(wrapper, depFile);
        return Optional.of(new Made(wrapper, Optional.of(new Stamped(stampFile, Stamp.of(identity, newInputs), pch))));
    }
}
