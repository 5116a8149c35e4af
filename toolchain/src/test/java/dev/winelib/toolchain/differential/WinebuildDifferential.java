package dev.winelib.toolchain.differential;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.winelib.asm.ModuleAssemblyEmitter;
import dev.winelib.asm.ModuleOptions;
import dev.winelib.linker.LinkerScripts;
import dev.winelib.spec.ModuleSpec;
import dev.winelib.spec.SpecException;
import dev.winelib.spec.SpecParser;
import dev.winelib.spec.TargetCpu;
import dev.winelib.sysroot.Sysroot;
import dev.winelib.sysroot.SysrootException;
import dev.winelib.sysroot.SysrootInspector;
import dev.winelib.sysroot.SysrootLayout;
import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.elf.ElfFile;
import dev.winelib.toolchain.elf.ElfFormatException;
import dev.winelib.toolchain.elf.ElfSymbol;
import dev.winelib.toolchain.link.WinelibLinkCommandAccess;
import dev.winelib.toolchain.module.ModuleAssembler;
import dev.winelib.toolchain.pe.WinelibImageReader;
import dev.winelib.toolchain.process.ProcessRunner;

/**
 * Builds one spec twice, with Wine's winebuild and with winebuild-j, and compares what Wine's loader would
 * see of the exports.
 *
 * <p>winebuild: {@code winebuild --dll -m64 -E SPEC -F NAME -o wb.s}, assembled with {@code gcc -c -x
 * assembler}. Ours: {@link SpecParser} and {@link ModuleAssemblyEmitter} with
 * {@link ModuleOptions#dllWithOptionalEntry(String) dllWithOptionalEntry("DllMain")}, as the CLI does,
 * assembled by the in-process assembler as the build does. Each object is linked into a shared object
 * by ld.lld with the build's own command line (version and ordering scripts, host crt objects,
 * {@code -shared -Bsymbolic -z defs ... -lc}), together with one stub object, the same for both
 * links, that defines every symbol either object leaves undefined (the
 * implementations, {@code __wine_spec_dll_entry}, {@code __wine_spec_unimplemented_stub}, {@code __imp_X},
 * ...), each as its own label so that export targets can be told apart by symbol name. Both modules are
 * then decoded with {@link WinelibImageReader} and their {@link ExportView}s compared.
 *
 * <p>For i386 ({@code -m32}) no i386 C library is needed: both objects ({@code gcc -m32} for winebuild's
 * text, the in-process assembler's ELF32 object for ours) are compared by their {@link ObjectExportView},
 * read from the objects before any link.
 *
 * <p>Thread-safe: every comparison works in its own directory under the work root; the directory is
 * deleted afterwards unless the comparison found a mismatch or winebuild's output could not be assembled.
 */
public final class WinebuildDifferential {

    /** Symbols the linker defines itself: never given a stub definition. */
    private static final Set<String> LINKER_DEFINED = Set.of("_end", "_GLOBAL_OFFSET_TABLE_", "_DYNAMIC",
            "__ehdr_start", "_edata", "_etext", "__bss_start");

    private final DifferentialTools.Found tools;
    private final SysrootLayout host;
    private final Path workRoot;
    private final Path versionScript;
    private final Path orderingScript;
    private final ModuleAssemblyEmitter emitter = new ModuleAssemblyEmitter("winebuild-j differential test");
    private final AtomicInteger counter = new AtomicInteger();
    private final UnaryOperator<String> ourAssemblyEdit;
    private final TargetCpu cpu;

    /**
     * @param tools winebuild, gcc and ld.lld
     * @param workRoot an existing directory for the scripts and the per-comparison directories
     */
    public WinebuildDifferential(DifferentialTools.Found tools, Path workRoot) throws IOException, SysrootException {
        this(tools, workRoot, UnaryOperator.identity(), TargetCpu.X86_64);
    }

    /** Comparisons for {@code cpu} (winebuild {@code -m64} or {@code -m32}). */
    public WinebuildDifferential(DifferentialTools.Found tools, Path workRoot, TargetCpu cpu)
            throws IOException, SysrootException {
        this(tools, workRoot, UnaryOperator.identity(), cpu);
    }

    /**
     * For the harness's own tests: {@code ourAssemblyEdit} changes our assembly before it is assembled, to
     * show that a difference is noticed.
     */
    WinebuildDifferential(DifferentialTools.Found tools, Path workRoot, UnaryOperator<String> ourAssemblyEdit)
            throws IOException, SysrootException {
        this(tools, workRoot, ourAssemblyEdit, TargetCpu.X86_64);
    }

    WinebuildDifferential(DifferentialTools.Found tools, Path workRoot, UnaryOperator<String> ourAssemblyEdit,
            TargetCpu cpu) throws IOException, SysrootException {
        this.ourAssemblyEdit = ourAssemblyEdit;
        this.cpu = cpu;
        this.tools = tools;
        this.workRoot = workRoot;
        this.host = new SysrootInspector(workRoot.resolve("sysroot-views")).inspect(Sysroot.host());
        this.versionScript = Files.writeString(workRoot.resolve(LinkerScripts.VERSION_SCRIPT_NAME),
                LinkerScripts.versionScript());
        this.orderingScript = Files.writeString(workRoot.resolve(LinkerScripts.ORDERING_SCRIPT_NAME),
                LinkerScripts.orderingScript());
    }

    /** Compares with {@code -F} set to the spec's file name without {@code .spec}. */
    public Comparison compare(Path spec) {
        String base = spec.getFileName().toString();
        return compare(spec, base.endsWith(".spec") ? base.substring(0, base.length() - 5) : base);
    }

    /** Compares the two builds of {@code spec} with module name {@code moduleName} ({@code -F}). */
    public Comparison compare(Path spec, String moduleName) {
        Path dir;
        try {
            dir = Files.createDirectory(workRoot.resolve(String.format("%05d-%s", counter.incrementAndGet(),
                    spec.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Comparison c;
        try {
            c = new Run(spec.toAbsolutePath(), moduleName, dir).compare();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (c.mismatch() || c.outcome() == Comparison.Outcome.WINEBUILD_OUTPUT_NOT_ASSEMBLABLE) {
            return c;
        }
        deleteTree(dir);
        return c;
    }

    /** One comparison, in its own directory. */
    private final class Run {
        private final Path spec;
        private final String moduleName;
        private final Path dir;
        private final StringBuilder details = new StringBuilder();
        private final Set<String> onlyWinebuildDefines = new TreeSet<>();
        private final Set<String> onlyWeDefine = new TreeSet<>();

        Run(Path spec, String moduleName, Path dir) {
            this.spec = spec;
            this.moduleName = moduleName;
            this.dir = dir;
        }

        Comparison compare() throws IOException, InterruptedException {
            // winebuild
            Path wbAsm = dir.resolve("winebuild.s");
            ProcessRunner.Result wb = ProcessRunner.run(List.of(tools.winebuild().toString(), "--dll",
                    cpu == TargetCpu.I386 ? "-m32" : "-m64", "-E", spec.toString(), "-F", moduleName, "-o",
                    wbAsm.toString()), dir, Map.of());
            boolean wbAccepted = wb.exitCode() == 0 && Files.isRegularFile(wbAsm);
            OptionalInt wbLine = wbAccepted ? OptionalInt.empty() : firstErrorLine(wb.output());
            if (!wb.output().isBlank()) {
                details.append("winebuild (exit ").append(wb.exitCode()).append("):\n").append(wb.output().strip())
                        .append('\n');
            }

            // ours
            ModuleSpec parsed = null;
            OptionalInt ourLine = OptionalInt.empty();
            String ourAsm;
            try {
                parsed = SpecParser.parse(spec, Optional.of(moduleName), cpu);
            } catch (SpecException e) {
                ourLine = e.location().line() > 0 ? OptionalInt.of(e.location().line()) : OptionalInt.empty();
                details.append("winebuild-j: ").append(e.getMessage()).append('\n');
            } catch (RuntimeException e) {
                details.append("winebuild-j's parser crashed instead of reporting a SpecException:\n")
                        .append(stackTrace(e));
                return result(Comparison.Outcome.OUR_BUILD_FAILED, wbLine, ourLine, null, null, List.of());
            }

            if (!wbAccepted && parsed == null) {
                return result(Comparison.Outcome.BOTH_REJECTED, wbLine, ourLine, null, null, List.of());
            }
            if (!wbAccepted) {
                return result(Comparison.Outcome.ONLY_WINEBUILD_REJECTS, wbLine, ourLine, null, null, List.of());
            }
            if (parsed == null) {
                return result(Comparison.Outcome.ONLY_WE_REJECT, wbLine, ourLine, null, null, List.of());
            }
            try {
                ourAsm = ourAssemblyEdit.apply(emitter.emit(parsed, ModuleOptions.dllWithOptionalEntry("DllMain")));
            } catch (RuntimeException e) {
                details.append("winebuild-j's emitter failed:\n").append(stackTrace(e));
                return result(Comparison.Outcome.OUR_BUILD_FAILED, wbLine, ourLine, null, null, List.of());
            }
            Path ourAsmFile = Files.writeString(dir.resolve("ours.s"), ourAsm, StandardCharsets.ISO_8859_1);

            // assemble
            Path wbObj = dir.resolve("winebuild.o");
            Path ourObj = dir.resolve("ours.o");
            Optional<String> wbAsmError = assemble(wbAsm, wbObj);
            try {
                // as the build does it: the in-process assembler
                Files.write(ourObj, ModuleAssembler.toObject(ourAsm, ourAsmFile.toString(), cpu));
            } catch (BuildFailure e) {
                details.append("the in-process assembler cannot assemble winebuild-j's output:\n")
                        .append(e.getMessage()).append('\n');
                return result(Comparison.Outcome.OUR_BUILD_FAILED, wbLine, ourLine, null, null, List.of());
            }

            if (cpu == TargetCpu.I386) {
                return compareObjects(wbObj, ourObj, wbAsmError, wbLine, ourLine);
            }
            // one stub object for both links
            Set<String> ourUndefined = undefined(ourObj);
            Set<String> needed = new TreeSet<>(ourUndefined);
            if (wbAsmError.isEmpty()) {
                Set<String> wbUndefined = undefined(wbObj);
                needed.addAll(wbUndefined);
                onlyWinebuildDefines.addAll(ourUndefined);
                onlyWinebuildDefines.retainAll(globallyDefined(wbObj));
                onlyWeDefine.addAll(wbUndefined);
                onlyWeDefine.retainAll(globallyDefined(ourObj));
            }
            needed.removeAll(LINKER_DEFINED);
            Path stubObj = dir.resolve("stubs.o");
            Path stubAsm = Files.writeString(dir.resolve("stubs.s"), stubAssembly(needed), StandardCharsets.UTF_8);
            Optional<String> stubError = assemble(stubAsm, stubObj);
            if (stubError.isPresent()) {
                details.append("gcc cannot assemble the stub object (test harness problem):\n")
                        .append(stubError.get()).append('\n');
                return result(Comparison.Outcome.HARNESS_PROBLEM, wbLine, ourLine, null, null, List.of());
            }

            ExportView ourView;
            try {
                ourView = linkAndRead(ourObj, stubObj, dir.resolve("ours.so"));
            } catch (BuildError e) {
                if (wbAsmError.isPresent()) {
                    // no reference to compare with; said in the report, counted with the unassemblable ones
                    details.append("gcc cannot assemble winebuild's output:\n").append(wbAsmError.get())
                            .append('\n').append("winebuild-j's module could not be built either: ")
                            .append(e.getMessage()).append('\n');
                    return result(Comparison.Outcome.WINEBUILD_OUTPUT_NOT_ASSEMBLABLE, wbLine, ourLine, null, null,
                            List.of());
                }
                details.append("winebuild-j's module: ").append(e.getMessage()).append('\n');
                return result(Comparison.Outcome.OUR_BUILD_FAILED, wbLine, ourLine, null, null, List.of());
            }
            if (wbAsmError.isPresent()) {
                details.append("gcc cannot assemble winebuild's output:\n").append(wbAsmError.get()).append('\n')
                        .append("winebuild-j's module was built and decoded:\n").append(ourView.describe());
                return result(Comparison.Outcome.WINEBUILD_OUTPUT_NOT_ASSEMBLABLE, wbLine, ourLine, null, ourView,
                        List.of());
            }
            ExportView wbView;
            try {
                wbView = linkAndRead(wbObj, stubObj, dir.resolve("winebuild.so"));
            } catch (BuildError e) {
                details.append("winebuild's module: ").append(e.getMessage()).append('\n');
                return result(Comparison.Outcome.HARNESS_PROBLEM, wbLine, ourLine, null, ourView, List.of());
            }
            List<String> differences = ourView.differencesFrom(wbView);
            return result(differences.isEmpty() ? Comparison.Outcome.IDENTICAL : Comparison.Outcome.EXPORTS_DIFFER,
                    wbLine, ourLine, wbView, ourView, differences);
        }

        /** i386: the views of the two objects, read before any link. */
        private Comparison compareObjects(Path wbObj, Path ourObj, Optional<String> wbAsmError, OptionalInt wbLine,
                OptionalInt ourLine) throws IOException {
            ExportView ourView;
            try {
                ourView = ObjectExportView.of(ElfFile.readEither(ourObj));
            } catch (ElfFormatException e) {
                details.append("winebuild-j's object: ").append(e.getMessage()).append('\n');
                return result(Comparison.Outcome.OUR_BUILD_FAILED, wbLine, ourLine, null, null, List.of());
            }
            if (wbAsmError.isPresent()) {
                details.append("gcc cannot assemble winebuild's output:\n").append(wbAsmError.get()).append('\n')
                        .append("winebuild-j's object was built and decoded:\n").append(ourView.describe());
                return result(Comparison.Outcome.WINEBUILD_OUTPUT_NOT_ASSEMBLABLE, wbLine, ourLine, null, ourView,
                        List.of());
            }
            ExportView wbView;
            try {
                wbView = ObjectExportView.of(ElfFile.readEither(wbObj));
            } catch (ElfFormatException e) {
                details.append("winebuild's object: ").append(e.getMessage()).append('\n');
                return result(Comparison.Outcome.HARNESS_PROBLEM, wbLine, ourLine, null, ourView, List.of());
            }
            List<String> differences = ourView.differencesFrom(wbView);
            return result(differences.isEmpty() ? Comparison.Outcome.IDENTICAL : Comparison.Outcome.EXPORTS_DIFFER,
                    wbLine, ourLine, wbView, ourView, differences);
        }

        private Comparison result(Comparison.Outcome outcome, OptionalInt wbLine, OptionalInt ourLine,
                ExportView wbView, ExportView ourView, List<String> differences) {
            boolean keep = outcome.mismatch() || outcome == Comparison.Outcome.WINEBUILD_OUTPUT_NOT_ASSEMBLABLE;
            return new Comparison(spec, moduleName, outcome, wbLine, ourLine, Optional.ofNullable(wbView),
                    Optional.ofNullable(ourView), differences, onlyWinebuildDefines, onlyWeDefine, details.toString(),
                    keep ? Optional.of(dir) : Optional.empty());
        }

        /** The line of winebuild's first error: {@code SPEC:LINE: message}, warnings left out. */
        private OptionalInt firstErrorLine(String output) {
            Pattern p = Pattern.compile("^" + Pattern.quote(spec.toString()) + ":(\\d+): (.*)$");
            for (String line : output.split("\n")) {
                Matcher m = p.matcher(line);
                if (m.matches() && !m.group(2).startsWith("warning:")) {
                    return OptionalInt.of(Integer.parseInt(m.group(1)));
                }
            }
            return OptionalInt.empty();
        }

        private Optional<String> assemble(Path source, Path object) throws IOException, InterruptedException {
            ProcessRunner.Result r = ProcessRunner.run(List.of(tools.gcc().toString(),
                    cpu == TargetCpu.I386 ? "-m32" : "-m64", "-c", "-x", "assembler", source.toString(), "-o",
                    object.toString()), dir, Map.of());
            return r.exitCode() == 0 ? Optional.empty() : Optional.of(r.output().strip());
        }

        private ExportView linkAndRead(Path object, Path stubs, Path output) throws IOException, InterruptedException,
                BuildError {
            List<String> cmd = WinelibLinkCommandAccess.command(tools.linker(), host, versionScript, orderingScript,
                    object, List.of(stubs), output);
            ProcessRunner.Result r = ProcessRunner.run(cmd, dir, Map.of());
            if (r.exitCode() != 0) {
                throw new BuildError("ld.lld failed (exit " + r.exitCode() + "):\n" + r.output().strip());
            }
            try {
                return ExportView.of(WinelibImageReader.read(ElfFile.read(output)));
            } catch (ElfFormatException e) {
                throw new BuildError("cannot decode " + output.getFileName() + ": " + e.getMessage());
            }
        }
    }

    /** A link or decode failure. */
    private static final class BuildError extends Exception {
        private static final long serialVersionUID = 1L;

        BuildError(String message) {
            super(message);
        }
    }

    private static Set<String> undefined(Path object) throws IOException {
        Set<String> names = new TreeSet<>();
        for (ElfSymbol s : symbols(object)) {
            if (!s.isDefined() && s.isGlobalOrWeak() && !s.name().isEmpty()) {
                names.add(s.name());
            }
        }
        return names;
    }

    private static Set<String> globallyDefined(Path object) throws IOException {
        Set<String> names = new TreeSet<>();
        for (ElfSymbol s : symbols(object)) {
            if (s.isDefined() && s.isGlobalOrWeak() && !s.name().isEmpty()) {
                names.add(s.name());
            }
        }
        return names;
    }

    private static List<ElfSymbol> symbols(Path object) throws IOException {
        try {
            return ElfFile.read(object).symbols();
        } catch (ElfFormatException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * Each symbol as its own one-byte function: distinct addresses, so targets are told apart by name. The
     * definitions are weak, so that a module object that defines one of them itself (winebuild's syscall
     * thunks, crti's {@code _init}) keeps its own.
     */
    static String stubAssembly(Set<String> symbols) {
        StringBuilder b = new StringBuilder("/* definitions of the symbols the module objects leave undefined */\n");
        b.append("\t.text\n\t.p2align 4\n\tint3\n");
        for (String s : symbols) {
            String q = quote(s);
            b.append("\t.weak ").append(q).append('\n');
            b.append("\t.type ").append(q).append(",@function\n");
            b.append(q).append(":\n\tret\n");
        }
        b.append("\t.section .note.GNU-stack,\"\",@progbits\n");
        return b.toString();
    }

    private static String quote(String symbol) {
        return '"' + symbol.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lists every line of every report, for the test output. */
    static String reports(List<Comparison> comparisons) {
        List<String> parts = new ArrayList<>();
        for (Comparison c : comparisons) {
            parts.add(c.report());
        }
        return String.join("", parts);
    }
}
