package dev.winelib.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * winebuild's command line: the same options, spelled the same way (short options with attached
 * values such as {@code -L/dir}, {@code -fPIC}, {@code -m64}, {@code -rfile.res}; long options with
 * {@code =} or a separate value), files anywhere and after {@code --}. This class only holds the
 * options; {@link Invocation} checks them and picks the mode, which does the work through the
 * libraries.
 */
@Command(name = "winebuild-j",
        sortOptions = false,
        usageHelpAutoWidth = true,
        customSynopsis = {"winebuild-j [OPTIONS] MODE [FILES...]", "winebuild-j inspect FILE"},
        description = {
            "A drop-in for Wine's winebuild (8.0) that builds 64-bit winelib modules: the module header object of a"
                    + " DLL or executable (NT header, exports, imports, resources, entry point), fake modules, .def"
                    + " files, import libraries. Options follow winebuild's spelling; winegcc and Makefiles use it"
                    + " with WINEBUILD=winebuild-j or winegcc --winebuild winebuild-j.",
            "",
            "One mode per run (--dll when none is given): --dll, --exe, --def, --implib, --staticlib, --builtin,"
                    + " --resources, --fixup-ctors.",
            ""},
        footer = {
            "",
            "Examples:",
            "  winebuild-j --dll -E hello.spec -o hello.spec.o -lkernel32 -- hello.o",
            "  winebuild-j --exe -F app.exe --subsystem console -o app.spec.o -- app.o",
            "  winebuild-j --def -E hello.spec -o hello.def",
            "  winebuild-j --implib -b x86_64-w64-mingw32 -E hello.spec -o libhello.a",
            "  winebuild-j --fixup-ctors hello.dll.so",
            "  winebuild-j inspect hello.dll.so",
            "",
            "Not supported (each refused with a message): 16-bit modules (-m16), -m32 with",
            "--fake-module/--staticlib/--builtin/--resources, data-only",
            "modules and apisets (--data-only), PE modules (--dll/--exe with a Windows target),",
            "--without-dlltool, the native subsystem.",
            "",
            "Exit status: 0 on success, 1 on an input or build error (the message names file:line:column",
            "where there is one), 2 on a usage error or an unsupported option."})
final class WinebuildCommand implements Callable<Integer> {

    // ---- modes -------------------------------------------------------------------------------

    @Option(names = "--dll", description = "Build a DLL's module header object (from a .spec and the objects after --).")
    boolean dll;

    @Option(names = "--exe", description = "Build an executable's module header object (main, wmain or WinMain).")
    boolean exe;

    @Option(names = "--def", description = "Write a .def file from the .spec file.")
    boolean def;

    @Option(names = "--implib", description = "Write an import library: a Unix one (for winegcc), or with a Windows"
            + " target (-b x86_64-w64-mingw32) one for MinGW programs.")
    boolean implib;

    @Option(names = "--staticlib", description = "Write a static library of the object files.")
    boolean staticlib;

    @Option(names = "--builtin", description = "Mark PE modules as Wine builtins (in place).")
    boolean builtin;

    @Option(names = "--resources", description = "Merge .res files into one .res file.")
    boolean resourcesMode;

    @Option(names = "--fixup-ctors", description = "Hide the constructors of linked winelib modules from ld.so (in"
            + " place): their entry point runs them once Win32 works.")
    boolean fixupCtors;

    // ---- inputs and outputs ------------------------------------------------------------------

    @Option(names = {"-E", "--export"}, paramLabel = "FILE", description = "The .spec (or .def) file of the exports.")
    String specFile;

    @Option(names = {"-F", "--filename"}, paramLabel = "NAME",
            description = "The module's file name (default: from the spec, with .dll or .exe).")
    String moduleFileName;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "The output: NAME.o is an object, other names"
            + " get assembly text (--dll/--exe); default: standard output.")
    String output;

    @Option(names = {"-r", "--res"}, paramLabel = "FILE.res", description = "Resources (compiled by wrc or windres)"
            + " for the module's resource directory (repeatable).")
    List<String> resourceFiles = new ArrayList<>();

    @Option(names = "--fake-module", description = "With --dll/--exe: write a fake PE module (placeholder Wine loads"
            + " the builtin module for) instead of the header object.")
    boolean fakeModule;

    @Parameters(paramLabel = "FILES", description = "Objects, archives (Wine import libraries, static libraries),"
            + " .def files and .res files of the module; the files of --fixup-ctors, --builtin, --staticlib,"
            + " --resources.")
    List<String> files = new ArrayList<>();

    // ---- module contents ---------------------------------------------------------------------

    @Option(names = {"-l", "--library"}, paramLabel = "DLL", description = "Import from DLL (export list from -L"
            + " DIR/libDLL.def or the installed Wine).")
    List<String> imports = new ArrayList<>();

    @Option(names = {"-d", "--delay-lib"}, paramLabel = "DLL", description = "Import from DLL on first use.")
    List<String> delayImports = new ArrayList<>();

    @Option(names = {"-L", "--library-path"}, paramLabel = "DIR", description = "Where libDLL.def export lists are"
            + " looked for.")
    List<String> libraryPath = new ArrayList<>();

    @Option(names = {"-e", "--entry"}, paramLabel = "FUNC", description = "DLL: the function called after the"
            + " constructors (default DllMain). Executable: the function to start at instead of main.")
    String entry;

    @Option(names = {"-u", "--undefined"}, paramLabel = "SYMBOL", description = "Treat SYMBOL as used: imported when"
            + " a DLL exports it.")
    List<String> undefinedSymbols = new ArrayList<>();

    @Option(names = "--subsystem", paramLabel = "SUBSYS[:MAJOR[.MINOR]]",
            description = "windows, console or wince, with an optional subsystem version.")
    String subsystem;

    @Option(names = {"-H", "--heap"}, paramLabel = "KIB", description = "Heap reserve in KiB (0-65535).")
    String heap;

    @Option(names = "--large-address-aware", description = "Set IMAGE_FILE_LARGE_ADDRESS_AWARE.")
    boolean largeAddressAware;

    @Option(names = "--timestamp", paramLabel = "TIME",
            description = "The PE TimeDateStamp to write (seconds since 1970 or an ISO-8601 date and time with offset,"
                    + " e.g. 2024-01-01T00:00:00Z). Default: SOURCE_DATE_EPOCH if set, otherwise a hash of the module"
                    + " file name, as winebuild writes.")
    String timestamp;

    @Option(names = "--nxcompat", paramLabel = "y|n", description = "NX compatibility flag (default y).")
    String nxCompat;

    @Option(names = "--prefer-native", description = "Set Wine's prefer-native flag (also with --builtin).")
    boolean preferNative;

    @Option(names = "--external-symbols", description = "Exported functions may stay undefined for the final link.")
    boolean externalSymbols;

    @Option(names = {"-k", "--kill-at"}, description = "With -m32 and --def: no stdcall decorations (@N).")
    boolean killAt;

    @Option(names = {"-N", "--dll-name"}, paramLabel = "NAME", description = "Accepted: the 16-bit module name.")
    String dllName;

    @Option(names = {"-M", "--main-module"}, paramLabel = "MODULE", description = "Accepted: the main module of a"
            + " 16-bit module.")
    String mainModule;

    @Option(names = "--syscall-table", paramLabel = "ID", description = "Accepted (0-3); syscall thunks are not"
            + " generated.")
    String syscallTable;

    @Option(names = "--data-only", description = "Refused: data-only modules are not built.")
    boolean dataOnly;

    @Option(names = "--without-dlltool", description = "Refused: Windows import libraries are made with dlltool.")
    boolean withoutDlltool;

    @Option(names = "--safeseh", description = "Accepted: SEH tables exist on i386 only.")
    boolean safeSeh;

    // ---- target and tools --------------------------------------------------------------------

    @Option(names = {"-b", "--target"}, paramLabel = "TARGET", description = "x86_64-linux-gnu (default), or a Windows"
            + " target such as x86_64-w64-mingw32 for --implib and --def.")
    String target;

    @Option(names = "-m", paramLabel = "OPT", description = "64 (default) or 32 (i386 module header and .def"
            + " files: --dll, --exe, --def), unicode (wmain/wWinMain),"
            + " no-cygwin (the objects use Wine's C runtime, ucrtbase or msvcrt: C functions are imported from it),"
            + " and winebuild's ARM options (ignored); 16 is refused.")
    List<String> machineOptions = new ArrayList<>();

    @Option(names = "-f", paramLabel = "FLAG", description = "PIC, pic, [no-]asynchronous-unwind-tables; others ignored.")
    List<String> flags = new ArrayList<>();

    @Option(names = "--cc-cmd", paramLabel = "CC", description = "Compiler (with arguments) for the runtime"
            + " (default gcc).")
    String ccCommand;

    @Option(names = "--as-cmd", paramLabel = "AS", description = "Accepted: generated assembly is assembled in the process.")
    String asCommand;

    @Option(names = "--ld-cmd", paramLabel = "LD", description = "Linker for ld -r (default ld.lld).")
    String ldCommand;

    @Option(names = "--nm-cmd", paramLabel = "NM", description = "Accepted: symbols are read directly.")
    String nmCommand;

    @Option(names = "-B", paramLabel = "PREFIX", description = "Where to look for tools first (repeatable).")
    List<String> toolPrefixes = new ArrayList<>();

    @Option(names = "--sysroot", paramLabel = "SYSROOT", description = "host (default), sniper, an archive or a"
            + " directory: whose C library is never imported from DLLs and whose headers the runtime uses.")
    String sysroot = "host";

    @Option(names = {"-D"}, paramLabel = "SYM", description = "Ignored, as by winebuild.")
    List<String> ignoredDefines = new ArrayList<>();

    @Option(names = {"-I"}, paramLabel = "DIR", description = "Ignored, as by winebuild.")
    List<String> ignoredIncludes = new ArrayList<>();

    @Option(names = {"-K"}, paramLabel = "FLAGS", description = "Ignored, as by winebuild.")
    List<String> ignoredKFlags = new ArrayList<>();

    @Option(names = {"-C"}, paramLabel = "DIR", description = "Ignored, as by winebuild.")
    List<String> ignoredSourceDirs = new ArrayList<>();

    // ---- reporting ---------------------------------------------------------------------------

    @Option(names = {"-v", "--verbose"}, description = "Show the commands run.")
    boolean[] verbose = new boolean[0];

    @Option(names = {"-w", "--warnings"}, description = "Show warnings.")
    boolean warnings;

    @Option(names = "--save-temps", description = "Keep the intermediate files (their directory is shown).")
    boolean saveTemps;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--version", versionHelp = true, description = "Show the version and exit.")
    boolean version;

    private final PrintWriter out;
    private final PrintWriter err;

    WinebuildCommand(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        return new Invocation(this, out, err).run();
    }
}
