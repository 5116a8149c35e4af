package dev.winelib.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import dev.winelib.asm.ModuleAssemblyEmitter;
import dev.winelib.asm.ModuleOptions;
import dev.winelib.spec.ModuleSpec;
import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.ModuleAssembler;
import dev.winelib.toolchain.RelocatableModule;
import dev.winelib.toolchain.Version;
import dev.winelib.toolchain.WinelibBuilder;
import dev.winelib.toolchain.process.ToolLocator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code winebuild-j} command. Option names follow winebuild's so that build scripts can switch
 * between the two.
 */
@Command(name = "winebuild-j",
        mixinStandardHelpOptions = false,
        sortOptions = false,
        usageHelpAutoWidth = true,
        subcommands = SysrootCommand.class,
        description = {
            "Builds the module header of a winelib DLL from a Wine .spec file: the PE header reserve,",
            "__wine_spec_nt_header and the export table, as GNU assembler text or an object file.",
            "Options follow winebuild's spelling."},
        footer = {
            "",
            "Example:",
            "  winebuild-j --dll -E hello.spec -F hello.dll -o hello.spec.s",
            "  winebuild-j sysroot fetch sniper",
            "",
            "Exit status: 0 on success, 1 on an input error (the message names file:line:column),",
            "2 on a usage error."})
public final class WinebuildJ implements Callable<Integer> {

    @Option(names = "--dll", description = "Build the header of a DLL module (the default mode).")
    boolean dll;

    @Option(names = {"-E", "--export"}, paramLabel = "FILE",
            description = "The .spec file (or Windows .def file) that defines the exports.")
    Path specFile;

    @Option(names = {"-F", "--filename"}, paramLabel = "NAME",
            description = "The module's file name as Wine sees it (default: the spec file name with .dll).")
    String moduleFileName;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Where to write: a name ending in .o is assembled into an object, anything else"
                    + " receives assembly text. Default: standard output.")
    Path output;

    @Option(names = "--cc-cmd", paramLabel = "CC", description = "Compiler driver used to assemble (default: gcc).")
    String ccCommand = "gcc";

    @Option(names = "-l", paramLabel = "DLL",
            description = "Import from this DLL (repeatable); its export list comes from -L DIR/libDLL.def, or from"
                    + " the installed Wine. Needs the module's objects after --.")
    List<String> imports = new ArrayList<>();

    @Option(names = {"-d", "--delay-lib"}, paramLabel = "DLL",
            description = "Import from this DLL on first use (repeatable).")
    List<String> delayImports = new ArrayList<>();

    @Option(names = "-L", paramLabel = "DIR", description = "Directory searched for libDLL.def export lists.")
    List<Path> libraryPath = new ArrayList<>();

    @Option(names = {"-e", "--entry"}, paramLabel = "FUNCTION",
            description = "Function the entry point calls after the constructors (default: DllMain).")
    String entry;

    @Option(names = "--sysroot", paramLabel = "DIR",
            description = "Sysroot whose C library is never imported from DLLs: host (default here, since winegcc or"
                    + " the Makefile links against this machine), sniper, an archive, a directory or Maven"
                    + " coordinates (see 'winebuild-j sysroot --help').")
    String sysroot = "host";

    @Option(names = "--ld-cmd", paramLabel = "LD", description = "ld.lld to merge objects with (default: found).")
    String ldCommand;

    @Parameters(paramLabel = "OBJECTS", description = "The module's objects and static libraries (after --), in link"
            + " order: their undefined symbols decide the imports. libNAME.a arguments that are Wine import libraries"
            + " add NAME to the imports.")
    List<Path> objects = new ArrayList<>();

    @Option(names = "-m", paramLabel = "BITS", description = "Target word size: only 64 is supported.")
    String wordSize;

    @Option(names = "--fixup-ctors", paramLabel = "FILE",
            description = "Hide the constructors of an already linked winelib .so from ld.so (retag DT_INIT,"
                    + " DT_INIT_ARRAY, DT_INIT_ARRAYSZ), so that its entry point runs them at DLL_PROCESS_ATTACH.")
    Path fixupCtors;

    @Option(names = "--data-only", description = "Not supported: data-only modules (apiset schemas) are not built.")
    boolean dataOnly;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--version", versionHelp = true, description = "Show the version and exit.")
    boolean version;

    private final PrintWriter out;
    private final PrintWriter err;

    WinebuildJ(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8)));
    }

    /** Runs the command and returns its exit status. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        if (args.length > 0 && args[0].equals("batch")) {
            return runBatch(java.util.Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        CommandLine cli = new CommandLine(new WinebuildJ(out, err));
        cli.setOut(out);
        cli.setErr(err);
        setVersion(cli, "winebuild-j " + Version.get());
        cli.setParameterExceptionHandler((ex, a) -> {
            err.println("winebuild-j: " + ex.getMessage());
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for the options.");
            return 2;
        });
        return cli.execute(args);
    }

    private static int runBatch(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new BatchCommand(out, err));
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, a) -> {
            err.println("winebuild-j batch: " + ex.getMessage());
            err.println("Try 'winebuild-j batch --help' for the options.");
            return 2;
        });
        return cli.execute(args);
    }

    private static void setVersion(CommandLine cli, String text) {
        cli.getCommandSpec().version(text);
        cli.getSubcommands().values().forEach(sub -> setVersion(sub, text));
    }

    @Override
    public Integer call() {
        if (wordSize != null && !wordSize.equals("64")) {
            err.println("winebuild-j: -m" + wordSize + ": " + switch (wordSize) {
                case "16" -> "16-bit modules are not supported; only 64-bit winelib modules can be built";
                case "32" -> "32-bit modules are not supported; only 64-bit winelib modules can be built";
                default -> "unknown word size; only -m64 is supported";
            });
            return 2;
        }
        if (dataOnly) {
            err.println("winebuild-j: --data-only: data-only modules (apiset schemas) are not supported");
            return 2;
        }
        if (fixupCtors != null) {
            try {
                dev.winelib.toolchain.ConstructorFixup.apply(fixupCtors);
                return 0;
            } catch (java.nio.file.NoSuchFileException e) {
                err.println("winebuild-j: " + fixupCtors + ": no such file");
                return 1;
            } catch (Exception e) {
                err.println("winebuild-j: --fixup-ctors " + fixupCtors + ": " + e.getMessage());
                return 1;
            }
        }
        if (specFile == null) {
            err.println("winebuild-j: no spec file given: use -E FILE.spec");
            err.println("Try 'winebuild-j --help' for the options.");
            return 2;
        }
        try {
            ModuleSpec spec = WinelibBuilder.readSpec(specFile, Optional.ofNullable(moduleFileName));
            if (!objects.isEmpty() || !imports.isEmpty() || !delayImports.isEmpty()) {
                return buildModuleObject(spec);
            }
            ModuleOptions options = ModuleOptions.dllWithOptionalEntry(WinelibBuilder.DEFAULT_ENTRY);
            String assembly;
            try {
                assembly = new ModuleAssemblyEmitter("winebuild-j " + Version.get()).emit(spec, options);
            } catch (IllegalArgumentException e) {
                throw new BuildFailure(specFile + ": " + e.getMessage(), e);
            }
            if (output == null) {
                out.print(assembly);
                out.flush();
            } else if (output.getFileName().toString().endsWith(".o")) {
                Path cc = ToolLocator.fromEnvironment().require(ccCommand, ToolLocator.debianPackageOfCompiler(ccCommand),
                        "to assemble the module header");
                ModuleAssembler.assemble(cc, assembly, output);
            } else {
                writeAtomically(output, assembly);
            }
            return 0;
        } catch (BuildFailure | dev.winelib.sysroot.SysrootException
                | dev.winelib.toolchain.process.ToolNotFoundException | dev.winelib.toolchain.imports.ImportException e) {
            err.println("winebuild-j: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            err.println("winebuild-j: " + e);
            return 1;
        }
    }

    /** The module object with imports and runtime, for a link done by winegcc or a Makefile. */
    private int buildModuleObject(ModuleSpec spec) throws Exception {
        if (output == null || !output.getFileName().toString().endsWith(".o")) {
            err.println("winebuild-j: with objects or -l/-d, the output must be an object: use -o NAME.o");
            return 2;
        }
        List<Path> objectFiles = new ArrayList<>();
        List<String> dlls = new ArrayList<>(imports);
        for (Path p : objects) {
            String name = p.getFileName().toString();
            if (name.endsWith(".a") && java.nio.file.Files.isRegularFile(p)
                    && dev.winelib.toolchain.imports.ExportLists.wineImportLibraryDll(p).isEmpty()) {
                objectFiles.add(p); // a static library linked into the module: its members' needs count
            } else if (name.endsWith(".a")) {
                if (!name.startsWith("lib")) {
                    err.println("winebuild-j: " + p + ": only Wine import libraries (libDLL.a) are accepted as archives");
                    return 2;
                }
                dlls.add(name.substring(3, name.length() - 2));
            } else {
                objectFiles.add(p);
            }
        }
        List<Path> definitions = new ArrayList<>();
        for (String dll : dlls) {
            for (Path dir : libraryPath) {
                Path def = dir.resolve("lib" + dll + ".def");
                if (java.nio.file.Files.isRegularFile(def)) {
                    definitions.add(def);
                    break;
                }
            }
        }
        ToolLocator tools = ToolLocator.fromEnvironment();
        Path cc = tools.require(ccCommand, ToolLocator.debianPackageOfCompiler(ccCommand), "to compile the module runtime");
        Path ld = tools.findLinker(Optional.ofNullable(ldCommand));
        var layout = new dev.winelib.sysroot.SysrootInspector(dev.winelib.sysroot.SysrootInspector
                .defaultViewsDirectory()).inspect(dev.winelib.sysroot.SysrootResolver.standard().resolve(sysroot));
        RelocatableModule.build(new RelocatableModule.Request(spec, objectFiles, dlls, delayImports, definitions,
                entry == null ? WinelibBuilder.DEFAULT_ENTRY : entry, output), cc, ld, layout,
                "winebuild-j " + Version.get());
        return 0;
    }

    private static void writeAtomically(Path target, String text) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
