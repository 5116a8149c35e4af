package dev.winelib.toolchain.check;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.winelib.spec.EntryType;
import dev.winelib.spec.ExportEntry;
import dev.winelib.spec.ExportFlag;
import dev.winelib.spec.ModuleSpec;
import dev.winelib.spec.TargetCpu;
import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.BuildLog;
import dev.winelib.toolchain.build.AtomicFiles;
import dev.winelib.toolchain.build.ContentHashes;
import dev.winelib.toolchain.build.Stamp;
import dev.winelib.toolchain.compile.CompileSlots;
import dev.winelib.toolchain.compile.FunctionConventions;
import dev.winelib.toolchain.compile.SourceCompiler;
import dev.winelib.toolchain.compile.SourceLanguage;
import dev.winelib.toolchain.elf.ElfFormatException;
import dev.winelib.toolchain.module.ObjectSymbolTables;
import dev.winelib.toolchain.process.ProcessRunner;

/**
 * On x86_64, Windows code calls every exported function ({@code stdcall}, {@code cdecl},
 * {@code varargs}) with the Microsoft x64 convention. A winelib function defined without
 * {@code WINAPI} (so with the System V convention) takes its arguments from the wrong registers and
 * returns garbage, and neither the compiler nor the linker notices. This check does.
 *
 * <p>How: the symbol tables of the compiled objects say which source defines each exported
 * function. For each such source, a generated file includes the source (by absolute path) and
 * asserts, for each of its exported functions, that the function's type is the same as that type
 * with {@code __attribute__((ms_abi))} added: in C with {@code __typeof__} and
 * {@code __builtin_types_compatible_p}, in C++ with {@code decltype} and {@code __is_same}. The
 * compiler checks it with the source's own compiler and flags ({@code -fsyntax-only -w}), unless the
 * source's compilation already said which of its functions are ms_abi (GCC: {@link FunctionConventions}),
 * when no second compilation is needed. GCC and
 * Clang treat the calling convention as part of the function type, so the assertion fails exactly
 * when the definition is not ms_abi. (The DWARF of the objects is no help: GCC records no calling
 * convention there.) A source whose check passed is checked again only when it, its object, its
 * flags or its exported functions change; when nothing the check reads changed since it last passed
 * (the spec's functions, the sources, objects and lists, the compilers and flags), no object is read
 * at all. The sources are checked in parallel, one compiler per compile slot ({@link CompileSlots}).
 *
 * <p>On i386 the conventions differ in who removes the arguments from the stack: a
 * {@code stdcall} export must be {@code __stdcall} (the callee pops them), a {@code cdecl} or
 * {@code varargs} one must be {@code __cdecl} (the caller pops them); a mismatch corrupts the
 * caller's stack pointer. The assertions then compare the function's type with that type plus
 * {@code __attribute__((stdcall))} or {@code __attribute__((cdecl))}; exports with the
 * {@code -thiscall} or {@code -fastcall} flag are not checked.
 *
 * <p>Exports defined outside the compiled sources (prebuilt link inputs, the Rust crate) are not
 * checked; nor is a source whose generated check fails for another reason than an assertion (a
 * warning says so).
 */
public final class CallingConventionCheck {

    /** One compiled source: where it is, its object, its language and compiler, and how to show it. */
    public record CompiledSource(Path source, Path object, SourceLanguage language,
            SourceCompiler.Invocation invocation, String displayName) {
    }

    private static final Pattern C_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final int STT_FUNC = 2;
    /** What GCC and Clang say when a static assertion fails. */
    private static final Pattern ASSERTION_FAILED = Pattern.compile("static.?assert(ion)? failed"
            + "|attributes are not compatible", Pattern.CASE_INSENSITIVE);

    private CallingConventionCheck() {
    }

    /**
     * Checks the exported functions defined in {@code sources}; fails naming each one that is not
     * ms_abi at its spec line.
     *
     * @param work where the generated checks and their up-to-date records are kept
     */
    public static void check(ModuleSpec spec, List<CompiledSource> sources, Path work, BuildLog log)
            throws IOException, InterruptedException, BuildFailure {
        // nothing the check reads changed since it last passed: no object's symbols need reading
        List<String> key = new ArrayList<>(List.of("calling-convention-check"));
        // each file's hash is taken once, for this record and for each source's fingerprint below
        Map<Path, Optional<String>> inputs = new LinkedHashMap<>();
        for (ExportEntry e : spec.entries()) {
            if (e.type().isFunction()) {
                key.add("export " + e.location() + " " + e.type().keyword() + " " + e.target());
            }
        }
        // each compiler invocation described once (its flags are the same for hundreds of sources)
        Map<SourceCompiler.Invocation, String> invocations = new java.util.IdentityHashMap<>();
        for (CompiledSource s : sources) {
            key.add("source " + s.displayName() + " " + s.language() + " "
                    + invocations.computeIfAbsent(s.invocation(), CallingConventionCheck::invocationId));
            inputs.put(s.source(), ContentHashes.sha256IfRegularFile(s.source()));
            inputs.put(s.object(), ContentHashes.sha256IfRegularFile(s.object()));
            Path list = FunctionConventions.listOf(s.object());
            Optional<String> listSha = ContentHashes.sha256IfRegularFile(list);
            if (listSha.isPresent()) {
                inputs.put(list, listSha);
            }
        }
        Path passed = work.resolve("passed");
        Path passedStamp = work.resolve("passed.stamp");
        String record = Stamp.ofHashed(key, inputs);
        if (Stamp.isFresh(passed, passedStamp, record)) {
            return;
        }
        Files.deleteIfExists(passedStamp);
        java.util.concurrent.atomic.AtomicBoolean incomplete = new java.util.concurrent.atomic.AtomicBoolean();
        Map<CompiledSource, List<ExportEntry>> bySource = definingSources(spec, sources, inputs);
        boolean i386 = spec.cpu() == TargetCpu.I386;
        // a source whose check passed with the same source, object, list, compiler and exports is not checked again
        Path passedSources = work.resolve("passed-sources");
        Set<String> passedBefore = new HashSet<>();
        if (Files.isRegularFile(passedSources)) {
            passedBefore.addAll(Files.readAllLines(passedSources, StandardCharsets.UTF_8));
        }
        Set<String> passedNow = new TreeSet<>();
        // the checks run at once, as many compilers as there are compile slots; problems in source order
        List<Future<List<String>>> checks = new ArrayList<>();
        List<String> fingerprints = new ArrayList<>();
        List<java.util.concurrent.atomic.AtomicBoolean> incompletes = new ArrayList<>();
        for (Map.Entry<CompiledSource, List<ExportEntry>> e : bySource.entrySet()) {
            // on i386, exports with -thiscall or -fastcall are not checked
            List<ExportEntry> exports = !i386 ? e.getValue() : e.getValue().stream()
                    .filter(x -> !x.hasFlag(ExportFlag.THISCALL) && !x.hasFlag(ExportFlag.FASTCALL)).toList();
            if (exports.isEmpty()) {
                continue;
            }
            String fingerprint = fingerprint(e.getKey(), invocations.get(e.getKey().invocation()), exports, i386,
                    inputs);
            if (passedBefore.contains(fingerprint)) {
                passedNow.add(fingerprint);
                continue;
            }
            java.util.concurrent.atomic.AtomicBoolean sourceIncomplete = new java.util.concurrent.atomic.AtomicBoolean();
            fingerprints.add(fingerprint);
            incompletes.add(sourceIncomplete);
            checks.add(CompileSlots.EXECUTOR.submit(() -> checkSource(e.getKey(), exports, i386, work, log,
                    sourceIncomplete)));
        }
        for (Future<List<String>> check : checks) {
            try {
                check.get(); // every check ends before a failure is reported: no compiler is left running
            } catch (java.util.concurrent.ExecutionException e) {
                // reported in order below
            }
        }
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            List<String> found = CompileSlots.result(checks.get(i));
            problems.addAll(found);
            if (incompletes.get(i).get()) {
                incomplete.set(true);
            } else if (found.isEmpty()) {
                passedNow.add(fingerprints.get(i));
            }
        }
        Files.createDirectories(work);
        AtomicFiles.writeIfChanged(passedSources, passedNow.stream().map(f -> f + "\n")
                .collect(java.util.stream.Collectors.joining()).getBytes(StandardCharsets.UTF_8));
        if (!problems.isEmpty() && i386) {
            throw new BuildFailure(String.join("\n", problems) + "\nOn i386 a stdcall function removes its"
                    + " arguments from the stack and a cdecl one leaves them to the caller; Windows code calls each"
                    + " export as its spec entry says, so a function defined with the other convention corrupts the"
                    + " caller's stack. Declare stdcall exports WINAPI (__stdcall), as in: int WINAPI name(int a),"
                    + " and cdecl or varargs exports without a convention or __cdecl (CDECL, WINAPIV).");
        }
        if (!problems.isEmpty()) {
            throw new BuildFailure(String.join("\n", problems) + "\nOn x86_64 Windows code calls exported functions"
                    + " with the Microsoft x64 calling convention (ms_abi); a function defined without it reads its"
                    + " arguments from the wrong registers. Declare it WINAPI (or __stdcall, __cdecl, WINAPIV for"
                    + " varargs), as in: int WINAPI name(int a, int b)");
        }
        if (!incomplete.get()) { // a source not fully checked is tried (and reported) again next time
            Files.createDirectories(work);
            AtomicFiles.write(passed, "the calling conventions of the exports were checked\n".getBytes(
                    StandardCharsets.UTF_8));
            Stamp.write(passedStamp, record, passed);
        }
    }

    /**
     * What one source's check depends on, as a SHA-256: its compiler, flags and environment, the exports
     * it defines, and the content of the source, its object and the compiler's list of its functions.
     */
    private static String fingerprint(CompiledSource s, String invocationId, List<ExportEntry> exports, boolean i386,
            Map<Path, Optional<String>> hashes) {
        StringBuilder b = new StringBuilder("source ").append(s.displayName()).append(' ').append(s.source())
                .append(' ').append(s.language()).append(' ').append(invocationId)
                .append(i386 ? " i386" : " x86_64").append('\n');
        for (ExportEntry e : exports) {
            b.append("export ").append(e.location()).append(' ').append(e.type().keyword()).append(' ')
                    .append(e.target()).append('\n');
        }
        b.append(hashes.get(s.source()).orElse("none")).append(' ')
                .append(hashes.get(s.object()).orElse("none")).append(' ')
                .append(hashes.getOrDefault(FunctionConventions.listOf(s.object()), Optional.empty()).orElse("none"));
        return Stamp.sha256(b.toString());
    }

    /** A SHA-256 of a compiler, its flags and environment. */
    private static String invocationId(SourceCompiler.Invocation invocation) {
        StringBuilder b = new StringBuilder("compiler ").append(line(invocation.compiler().toString())).append('\n');
        for (String flag : invocation.flags()) {
            b.append("flag ").append(line(flag)).append('\n');
        }
        new TreeMap<>(invocation.environment()).forEach((k, v) -> b.append("env ").append(line(k)).append('=')
                .append(line(v)).append('\n'));
        return Stamp.sha256(b.toString());
    }

    /** {@code text} on one line, unambiguously: backslashes and line breaks escaped. */
    private static String line(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n");
    }

    /** The exported functions grouped by the source whose object defines them, in source order. */
    static Map<CompiledSource, List<ExportEntry>> definingSources(ModuleSpec spec, List<CompiledSource> sources)
            throws IOException {
        return definingSources(spec, sources, Map.of());
    }

    /** As {@link #definingSources(ModuleSpec, List)}, with the objects' hashes where {@code hashes} has them. */
    private static Map<CompiledSource, List<ExportEntry>> definingSources(ModuleSpec spec,
            List<CompiledSource> sources, Map<Path, Optional<String>> hashes) throws IOException {
        Map<String, CompiledSource> definedBy = new TreeMap<>();
        for (CompiledSource s : sources) {
            try {
                Optional<String> sha = hashes.get(s.object());
                ObjectSymbolTables.Table table = sha != null ? ObjectSymbolTables.of(s.object(), sha)
                        : ObjectSymbolTables.of(s.object());
                for (ObjectSymbolTables.Symbol symbol : table.symbols()) {
                    if (symbol.defined() && symbol.type() == STT_FUNC) {
                        definedBy.putIfAbsent(symbol.name(), s);
                    }
                }
            } catch (ElfFormatException e) {
                // not an object this check can read: its functions stay unchecked
            }
        }
        // each export once, to the source whose object defines it (not every source against every export)
        Map<CompiledSource, Map<String, ExportEntry>> found = new java.util.IdentityHashMap<>();
        for (ExportEntry e : spec.entries()) {
            CompiledSource s = definedBy.get(e.target());
            if (s != null && e.type().isFunction() && UndefinedExports.needsDefinition(e)
                    && C_IDENTIFIER.matcher(e.target()).matches()) {
                found.computeIfAbsent(s, k -> new LinkedHashMap<>()).putIfAbsent(e.target(), e);
            }
        }
        Map<CompiledSource, List<ExportEntry>> bySource = new LinkedHashMap<>();
        for (CompiledSource s : sources) {
            Map<String, ExportEntry> exports = found.get(s);
            if (exports != null) {
                bySource.put(s, new ArrayList<>(exports.values()));
            }
        }
        return bySource;
    }

    /** The generated check of one source for x86_64: the include, then one assertion per line. */
    static String checkText(CompiledSource source, List<ExportEntry> exports) {
        return checkText(source, exports, false);
    }

    /**
     * The generated check of one source: the include, then one assertion per line; on i386 each
     * asserts the convention of the export's type (stdcall, or cdecl for cdecl and varargs).
     */
    static String checkText(CompiledSource source, List<ExportEntry> exports, boolean i386) {
        StringBuilder b = new StringBuilder();
        b.append("/* generated by winebuild-j: are the exported functions of this source "
                + (i386 ? "of their spec's convention" : "ms_abi") + "? */\n");
        b.append("#include \"").append(source.source().toAbsolutePath()).append("\"\n");
        int n = 0;
        for (ExportEntry e : exports) {
            String f = e.target();
            String convention = !i386 ? "ms_abi" : e.type() == EntryType.STDCALL ? "__stdcall__" : "__cdecl__";
            String t = "winebuild_j_cc_type_" + n;
            String ms = "winebuild_j_cc_ms_" + n;
            n++;
            if (source.language() == SourceLanguage.CXX) {
                b.append("typedef decltype(").append(f).append(") ").append(t).append("; typedef ").append(t)
                        .append(" __attribute__((").append(convention).append(")) ").append(ms)
                        .append("; static_assert(__is_same(").append(t).append(", ").append(ms).append("), \"")
                        .append(f).append(" is not ").append(convention).append("\");\n");
            } else {
                b.append("typedef __typeof__(").append(f).append(") ").append(t).append("; typedef ").append(t)
                        .append(" __attribute__((").append(convention).append(")) ").append(ms)
                        .append("; _Static_assert(__builtin_types_compatible_p(").append(t).append(", ").append(ms)
                        .append("), \"").append(f).append(" is not ").append(convention).append("\");\n");
            }
        }
        return b.toString();
    }

    private static String problem(ExportEntry e, CompiledSource source, boolean i386) {
        if (i386 && e.type() == EntryType.STDCALL) {
            return e.location() + ": function '" + e.target() + "' (stdcall) is defined in " + source.displayName()
                    + " without __stdcall: declare it WINAPI";
        }
        if (i386) {
            return e.location() + ": function '" + e.target() + "' (" + e.type().keyword() + ") is defined in "
                    + source.displayName() + " as stdcall or fastcall: define it without a convention or __cdecl";
        }
        return e.location() + ": function '" + e.target() + "' (" + e.type().keyword() + ") is defined in "
                + source.displayName() + " without the Windows calling convention: declare it WINAPI";
    }

    /** The problems of one source: none when every export it defines is ms_abi. */
    private static List<String> checkSource(CompiledSource source, List<ExportEntry> exports, boolean i386,
            Path work, BuildLog log, java.util.concurrent.atomic.AtomicBoolean incomplete) throws IOException,
            InterruptedException, BuildFailure {
        String path = source.source().toAbsolutePath().toString();
        if (path.contains("\"") || path.contains("\\") || path.chars().anyMatch(c -> c < 0x20)) {
            incomplete.set(true);
            log.warn("calling conventions of the exports in " + source.displayName() + " not checked: its path has a"
                    + " character an #include cannot name");
            return List.of();
        }
        // the compiler's list says which functions are ms_abi: an x86_64 question only
        Optional<Map<String, Boolean>> defined = i386 ? Optional.empty() : FunctionConventions.of(source.object());
        if (defined.isPresent() && exports.stream().allMatch(e -> defined.get().containsKey(e.target()))) {
            // the compilation said which of its functions are ms_abi: nothing to compile
            return exports.stream().filter(e -> !defined.get().get(e.target())).map(e -> problem(e, source, false))
                    .distinct().toList();
        }
        Files.createDirectories(work);
        String extension = source.language() == SourceLanguage.CXX ? ".cpp" : ".c";
        Path checkFile = work.resolve(source.object().getFileName() + ".cc-check" + extension);
        Path stampFile = work.resolve(source.object().getFileName() + ".cc-check.stamp");
        AtomicFiles.writeIfChanged(checkFile, checkText(source, exports, i386).getBytes(StandardCharsets.UTF_8));
        List<String> command = new ArrayList<>();
        command.add(source.invocation().compiler().toString());
        command.addAll(source.invocation().flags());
        command.add("-fsyntax-only");
        command.add("-w");
        command.add(checkFile.toString());
        List<String> key = new ArrayList<>(command);
        new TreeMap<>(source.invocation().environment()).forEach((k, v) -> key.add("env " + k + "=" + v));
        String record = Stamp.of(key, List.of(source.source(), source.object()));
        if (Stamp.isFresh(checkFile, stampFile, record)) {
            return List.of();
        }
        Files.deleteIfExists(stampFile);
        log.debug(String.join(" ", command));
        ProcessRunner.Result result = CompileSlots.runProcess(command, null, source.invocation().environment());
        if (result.exitCode() == 0) {
            Stamp.write(stampFile, record, checkFile);
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        Pattern at = Pattern.compile("^" + Pattern.quote(checkFile.toString()) + ":(\\d+):(?:\\d+:)? error: (.*)$");
        boolean other = false;
        for (String line : result.output().lines().toList()) {
            if (!line.contains("error:")) {
                continue;
            }
            Matcher m = at.matcher(line);
            int index = m.matches() ? Integer.parseInt(m.group(1)) - 3 : -1;
            if (index >= 0 && index < exports.size() && ASSERTION_FAILED.matcher(m.group(2)).find()) {
                String problem = problem(exports.get(index), source, i386);
                if (!problems.contains(problem)) {
                    problems.add(problem);
                }
            } else {
                other = true;
            }
        }
        if (problems.isEmpty() || other) {
            incomplete.set(true);
            log.warn("calling conventions of the exports in " + source.displayName() + " not fully checked: the"
                    + " generated check " + checkFile + " did not compile:\n" + result.output().strip());
        }
        return problems;
    }
}
