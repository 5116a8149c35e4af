package dev.winelib.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.winelib.asm.ModuleOptions;
import dev.winelib.resources.Resource;
import dev.winelib.resources.ResourceException;
import dev.winelib.resources.ResourceFileReader;
import dev.winelib.resources.ResourceTable;
import dev.winelib.spec.ErrorText;
import dev.winelib.spec.ModuleSpec;
import dev.winelib.spec.SpecException;
import dev.winelib.spec.TargetCpu;
import dev.winelib.sysroot.SysrootException;
import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.Target;
import dev.winelib.toolchain.Version;
import dev.winelib.toolchain.build.ModuleInputs;
import dev.winelib.toolchain.build.OutputTimestamp;
import dev.winelib.toolchain.build.WinelibBuilder;
import dev.winelib.toolchain.compile.CRuntime;
import dev.winelib.toolchain.elf.ElfFormatException;
import dev.winelib.toolchain.pe.PeFormatException;
import dev.winelib.toolchain.module.RelocatableModule;
import dev.winelib.toolchain.process.ToolCommand;
import dev.winelib.toolchain.process.ToolLocator;
import dev.winelib.toolchain.process.ToolNotFoundException;

/**
 * One run of the winebuild-compatible command: checks the options as winebuild would (refusing what
 * winebuild-j does not build, with a message), translates them into the libraries' terms, runs the
 * mode and reports. The work itself is done by the libraries (toolchain, asm-emitter, spec-model).
 */
final class Invocation {

    final WinebuildCommand options;
    final PrintWriter out;
    final PrintWriter err;
    final CliLog log;
    final String generator = "winebuild-j " + Version.get();

    Invocation(WinebuildCommand options, PrintWriter out, PrintWriter err) {
        this.options = options;
        this.out = out;
        this.err = err;
        this.log = new CliLog(err, options.verbose.length > 0, options.warnings);
    }

    int run() {
        Mode mode;
        try {
            mode = mode();
            checkCommonOptions(mode);
            checkOutput();
        } catch (UsageError e) {
            return usage(e.getMessage());
        }
        try {
            return switch (mode) {
                case DLL, EXE -> new ModuleMode(this, mode == Mode.EXE).run();
                case DEF -> new DefMode(this).run();
                case IMPLIB -> new ImplibMode(this).run();
                case STATICLIB -> new StaticLibMode(this).run();
                case BUILTIN -> new BuiltinMode(this).run();
                case RESOURCES -> new ResourcesMode(this).run();
                case FIXUP_CTORS -> new FixupCtorsMode(this).run();
            };
        } catch (UsageError e) {
            return usage(e.getMessage());
        } catch (BuildFailure | ResourceException | PeFormatException | ElfFormatException | SysrootException
                | ToolNotFoundException | SpecException e) {
            return failed(e.getMessage());
        } catch (NoSuchFileException e) {
            return failed(e.getFile() + ": no such file");
        } catch (IOException e) {
            return failed("I/O error: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed("interrupted");
        }
    }

    private int usage(String message) {
        err.println("winebuild-j: " + ErrorText.message(message));
        err.println("Try 'winebuild-j --help' for the options.");
        err.flush();
        return 2;
    }

    /**
     * Reports a failure and, as winebuild does, leaves no output file behind: a regular file at the
     * output is removed; a device, FIFO, directory or symbolic link is left alone.
     */
    private int failed(String message) {
        err.println("winebuild-j: " + ErrorText.message(message));
        err.flush();
        if (options.output != null) {
            try {
                Path output = Path.of(options.output);
                if (Files.isRegularFile(output, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(output);
                }
            } catch (IOException | RuntimeException e) {
                // the failure being reported matters more
            }
        }
        return 1;
    }

    /**
     * Refuses an output that is a directory or one of the inputs (-E, -r, file arguments) before
     * anything runs, so that neither is replaced, nor removed after a failure.
     */
    private void checkOutput() throws UsageError {
        if (options.output == null) {
            return;
        }
        Path output;
        try {
            output = Path.of(options.output);
        } catch (java.nio.file.InvalidPathException e) {
            throw new UsageError("-o: invalid file name " + ErrorText.quote(options.output));
        }
        if (Files.isDirectory(output)) {
            throw new UsageError("-o " + ErrorText.quote(options.output) + " is a directory: name the output file");
        }
        List<String> inputs = new ArrayList<>(options.files);
        inputs.addAll(options.resourceFiles);
        if (options.specFile != null) {
            inputs.add(options.specFile);
        }
        for (String input : inputs) {
            if (sameFile(output, input)) {
                throw new UsageError("-o " + ErrorText.quote(options.output) + " is the input file "
                        + ErrorText.quote(input) + ": name another output file");
            }
        }
    }

    private static boolean sameFile(Path output, String input) {
        try {
            Path in = Path.of(input);
            return Files.exists(output) && Files.exists(in) && Files.isSameFile(output, in);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private Mode mode() throws UsageError {
        List<Mode> modes = Mode.selected(options);
        if (modes.size() > 1) {
            throw new UsageError("the modes " + String.join(" and ", modes.stream().map(Mode::option).toList())
                    + " exclude each other: give one");
        }
        return modes.isEmpty() ? Mode.DLL : modes.get(0);
    }

    /** Refuses what winebuild-j does not build and checks option values every mode shares. */
    private void checkCommonOptions(Mode mode) throws UsageError {
        if (options.dataOnly) {
            throw new UsageError("--data-only: data-only modules (apiset schemas) are not supported");
        }
        for (String m : options.machineOptions) {
            switch (m) {
                case "64", "unicode", "arm", "thumb", "no-cygwin" -> {
                }
                case "32" -> {
                    if (mode != Mode.DLL && mode != Mode.EXE && mode != Mode.DEF && mode != Mode.IMPLIB
                            && mode != Mode.FIXUP_CTORS) {
                        throw new UsageError("-m32: " + mode.option() + " is not supported for 32-bit modules;"
                                + " with -m32, winebuild-j writes module objects (--dll, --exe), .def files (--def)"
                                + " and import libraries (--implib), and fixes constructors (--fixup-ctors)");
                    }
                }
                case "16" -> throw new UsageError("-m16: 16-bit modules are not supported; winebuild-j builds 64-bit"
                        + " (x86_64) and 32-bit (i386, -m32) winelib modules");
                default -> {
                    if (!m.startsWith("cpu=") && !m.startsWith("fpu=") && !m.startsWith("arch=")
                            && !m.startsWith("float-abi=")) {
                        throw new UsageError("unknown -m option '" + m + "'");
                    }
                }
            }
        }
        Target t = target();
        boolean i386ForWindows = t.cpu().equals("i386") && t.isPe() && mode == Mode.IMPLIB;
        if (!t.cpu().equals("x86_64") && !(t.cpu().equals("i386") && !t.isPe()) && !i386ForWindows) {
            throw new UsageError("target '" + t.alias() + "': only x86_64, and i386 for winelib (Linux) modules and"
                    + " MinGW import libraries (--implib), are supported");
        }
        if (!t.isPe() && t.platform() != Target.Platform.LINUX && t.platform() != Target.Platform.UNSPECIFIED) {
            throw new UsageError("target '" + t.alias() + "': only Linux winelib modules are supported");
        }
        if (t.isPe() && (mode == Mode.DLL || mode == Mode.EXE)) {
            throw new UsageError("target '" + t.alias() + "': building PE modules is not supported; winebuild-j builds"
                    + " winelib (ELF) modules. A Windows target is for --implib and --def (import libraries and"
                    + " .def files for MinGW programs)");
        }
        if (options.withoutDlltool && mode == Mode.IMPLIB && t.isPe()) {
            throw new UsageError("--without-dlltool: winebuild-j makes Windows import libraries with dlltool (Debian"
                    + " package binutils-mingw-w64-x86-64)");
        }
        if (options.syscallTable != null && !options.syscallTable.matches("[0-3]")) {
            throw new UsageError("invalid syscall table id '" + options.syscallTable + "', must be 0-3");
        }
    }

    /** The target: -b, else 64-bit Linux. */
    Target target() throws UsageError {
        if (options.target == null) {
            return Target.host();
        }
        return Target.parse(options.target).orElseThrow(() -> new UsageError("unrecognized target '" + options.target
                + "' (give CPU-VENDOR-OS, such as x86_64-linux-gnu or x86_64-w64-mingw32)"));
    }

    /**
     * The CPU modules are built for: the last of -m32 and -m64, else the target's (-b i686-linux-gnu
     * is i386), else x86_64.
     */
    TargetCpu cpu() throws UsageError {
        for (int i = options.machineOptions.size() - 1; i >= 0; i--) {
            switch (options.machineOptions.get(i)) {
                case "32" -> {
                    return TargetCpu.I386;
                }
                case "64" -> {
                    return TargetCpu.X86_64;
                }
                default -> {
                }
            }
        }
        return target().cpu().equals("i386") ? TargetCpu.I386 : TargetCpu.X86_64;
    }

    boolean unicode() {
        return options.machineOptions.contains("unicode");
    }

    /**
     * The C runtime of the module's objects: with {@code -mno-cygwin}, Wine's msvcrt when one of the
     * archives is its import library (as winegcc chooses), else ucrtbase; otherwise the C library.
     */
    CRuntime cRuntime(List<Path> archives) {
        if (!options.machineOptions.contains("no-cygwin")) {
            return CRuntime.GLIBC;
        }
        boolean msvcrt = false;
        for (Path a : archives) {
            msvcrt |= a.getFileName().toString().startsWith("libmsvcr");
        }
        return msvcrt ? CRuntime.MSVCRT : CRuntime.UCRTBASE;
    }

    /** Tools are looked up in the -B directories, then on the PATH. */
    ToolLocator tools() {
        List<Path> dirs = new ArrayList<>();
        for (String prefix : options.toolPrefixes) {
            dirs.add(Path.of(prefix));
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(java.io.File.pathSeparator)) {
                if (!d.isEmpty()) {
                    dirs.add(Path.of(d));
                }
            }
        }
        return new ToolLocator(dirs);
    }

    /** A command from an option such as --cc-cmd="gcc -m64": the first word is the program. */
    ToolCommand command(String text, String defaultProgram, String debianPackage, String purpose)
            throws ToolNotFoundException, UsageError {
        String spec = text == null ? defaultProgram : text.strip();
        List<String> words = words(spec);
        if (spec.isEmpty()) {
            throw new UsageError("empty tool command");
        }
        Path program = tools().require(words.get(0), debianPackage, purpose);
        return new ToolCommand(program, words.subList(1, words.size()));
    }

    /** The compiler (--cc-cmd, default gcc). */
    ToolCommand compiler() throws ToolNotFoundException, UsageError {
        String cc = options.ccCommand == null ? "gcc" : options.ccCommand;
        List<String> words = words(cc);
        return command(cc, "gcc", ToolLocator.debianPackageOfCompiler(words.isEmpty() ? "" : words.get(0)),
                "to compile the module runtime");
    }

    /**
     * The words of a tool command, split at white space as {@code split("\\s+")} would after a strip, but
     * without a regular expression (compiling one costs every run of the command line a few milliseconds).
     */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        java.util.StringTokenizer tokens = new java.util.StringTokenizer(text.strip(), " \t\n\u000B\f\r");
        while (tokens.hasMoreTokens()) {
            words.add(tokens.nextToken());
        }
        return words;
    }

    /**
     * The linker for ld -r (--ld-cmd, default ld.lld): a --ld-cmd is checked now; the default is looked
     * up when a build first needs a linker (searching for ld.lld-NN lists every PATH directory, and most
     * builds merge in the process).
     */
    RelocatableModule.Linker linker() throws ToolNotFoundException, UsageError {
        // classes rather than lambdas, as elsewhere on this path: each lambda's call site is linked on its first
        // use, which every run pays (Java 17)
        if (options.ldCommand == null) {
            return new RelocatableModule.Linker() {
                @Override
                public ToolCommand find() throws ToolNotFoundException {
                    return ToolCommand.of(tools().findLinker(Optional.empty()));
                }
            };
        }
        ToolCommand configured = command(options.ldCommand, "ld.lld", "lld", "to merge objects");
        return new RelocatableModule.Linker() {
            @Override
            public ToolCommand find() {
                return configured;
            }
        };
    }

    /** The spec named by -E, with the module file name of -F (or winebuild's default). */
    ModuleSpec readSpec(boolean executable) throws BuildFailure, UsageError {
        if (options.specFile == null) {
            throw new UsageError("no spec file given: use -E FILE.spec");
        }
        return ModuleInputs.readSpec(Path.of(options.specFile), moduleFileName(executable), cpu());
    }

    /**
     * The module file name: -F, with .exe or .dll added when it has no extension; without -F, an
     * executable is named after its spec file (the spec readers name a DLL).
     */
    Optional<String> moduleFileName(boolean executable) {
        if (options.moduleFileName != null) {
            String name = options.moduleFileName;
            return Optional.of(name.contains(".") ? name : name + (executable ? ".exe" : ".dll"));
        }
        if (executable && options.specFile != null) {
            String base = Path.of(options.specFile).getFileName().toString();
            if (base.endsWith(".spec")) {
                base = base.substring(0, base.length() - 5);
            } else if (base.endsWith(".def")) {
                base = base.substring(0, base.length() - 4);
            }
            return Optional.of(base.contains(".") ? base : base + ".exe");
        }
        return Optional.empty();
    }

    /** The header values from --subsystem, --large-address-aware, --nxcompat, --prefer-native, --heap. */
    ModuleOptions moduleOptions(ModuleOptions base) throws UsageError {
        ModuleOptions o = base;
        if (options.subsystem != null) {
            String[] parts = options.subsystem.split(":", 2);
            int value = switch (parts[0]) {
                case "windows" -> ModuleOptions.SUBSYSTEM_WINDOWS_GUI;
                case "console" -> ModuleOptions.SUBSYSTEM_WINDOWS_CUI;
                case "wince" -> ModuleOptions.SUBSYSTEM_WINDOWS_CE_GUI;
                case "native" -> throw new UsageError("--subsystem=native: native modules (drivers) are not"
                        + " supported");
                case "win16" -> throw new UsageError("--subsystem=win16: 16-bit modules are not supported");
                default -> throw new UsageError("invalid subsystem name '" + options.subsystem + "' (windows, console"
                        + " or wince, optionally with :MAJOR[.MINOR])");
            };
            int major = o.subsystemMajor();
            int minor = o.subsystemMinor();
            if (parts.length == 2) {
                String[] version = parts[1].split("\\.", 2);
                major = number(version[0], "--subsystem version");
                if (version.length == 2) {
                    minor = number(version[1], "--subsystem version");
                }
            }
            o = o.withSubsystem(value, major, minor);
        }
        Optional<OutputTimestamp> time;
        try {
            time = options.timestamp != null ? OutputTimestamp.parse(options.timestamp, "--timestamp")
                    : OutputTimestamp.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
        if (time.isPresent()) {
            o = o.withTimeDateStamp(time.get().seconds());
        }
        if (options.largeAddressAware) {
            o = o.withCharacteristics(o.characteristics() | ModuleOptions.LARGE_ADDRESS_AWARE);
        }
        if (options.nxCompat != null && (options.nxCompat.startsWith("n") || options.nxCompat.startsWith("N"))) {
            o = o.withDllCharacteristics(o.dllCharacteristics() & ~ModuleOptions.NX_COMPAT);
        }
        if (options.preferNative) {
            o = o.withDllCharacteristics(o.dllCharacteristics() | ModuleOptions.PREFER_NATIVE);
        }
        if (options.heap != null) {
            int kib = number(options.heap, "-H (heap size)");
            if (kib > 65535) {
                throw new UsageError("invalid heap size " + kib + ", maximum is 65535");
            }
            o = o.withHeapReserveKib(kib);
        }
        return o;
    }

    private static int number(String text, String what) throws UsageError {
        if (!text.matches("\\d{1,9}")) {
            throw new UsageError("expected a number for " + what + " instead of '" + text + "'");
        }
        return Integer.parseInt(text);
    }

    /** The resources of -r files and of resource files among {@code files}. */
    ResourceTable resources(List<Path> resourceInputs) throws IOException, ResourceException {
        List<Resource> all = new ArrayList<>();
        for (String r : options.resourceFiles) {
            all.addAll(ResourceFileReader.read(Path.of(r)));
        }
        for (Path p : resourceInputs) {
            all.addAll(ResourceFileReader.read(p));
        }
        return ResourceTable.of(all);
    }

    /** The output path, when -o is given. */
    Optional<Path> output() {
        return options.output == null ? Optional.empty() : Optional.of(Path.of(options.output));
    }
}
