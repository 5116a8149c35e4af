package dev.winelib.toolchain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.winelib.asm.ModuleAssemblyEmitter;
import dev.winelib.asm.ModuleOptions;
import dev.winelib.linker.LinkerScripts;
import dev.winelib.spec.ModuleSpec;
import dev.winelib.spec.SpecException;
import dev.winelib.spec.EntryType;
import dev.winelib.spec.ExportDefinitions;
import dev.winelib.spec.ExportEntry;
import dev.winelib.sysroot.SysrootException;
import dev.winelib.sysroot.SysrootInspector;
import dev.winelib.sysroot.SysrootLayout;
import dev.winelib.toolchain.elf.ElfFile;
import dev.winelib.toolchain.elf.ElfFormatException;
import dev.winelib.toolchain.pe.WinelibImage;
import dev.winelib.toolchain.process.ProcessRunner;
import dev.winelib.toolchain.process.ToolFailedException;
import dev.winelib.toolchain.process.ToolLocator;
import dev.winelib.toolchain.process.ToolNotFoundException;

/**
 * The pipeline that turns C sources and a spec file into a winelib module:
 * parse the spec, compile, emit and assemble the module header, link with ld.lld, check the result
 * as Wine's loader will read it, and only then put the module in place. On any failure the output
 * file is removed, so a failed build never leaves a module that looks current.
 */
public final class WinelibBuilder {

    /** The DLL entry point winebuild's default uses. */
    public static final String DEFAULT_ENTRY = "DllMain";

    private final ToolLocator tools;
    private final BuildLog log;
    private final String generator;

    public WinelibBuilder(ToolLocator tools, BuildLog log) {
        this.tools = tools;
        this.log = log;
        this.generator = "winebuild-j " + Version.get();
    }

    /**
     * Parses a .spec or .def file, turning syntax errors into a {@link BuildFailure} with
     * file:line:column.
     */
    public static ModuleSpec readSpec(Path specFile, Optional<String> moduleFileName) throws BuildFailure {
        try {
            return ExportDefinitions.parse(specFile, moduleFileName);
        } catch (NoSuchFileException e) {
            throw new BuildFailure(specFile + ": spec file not found");
        } catch (IOException e) {
            throw new BuildFailure(specFile + ": cannot read the spec file: " + e.getMessage(), e);
        } catch (SpecException e) {
            throw new BuildFailure(e.getMessage(), e);
        }
    }

    public BuildResult build(WinelibBuildRequest request) throws BuildFailure, InterruptedException {
        try {
            return buildOrFail(request);
        } catch (BuildFailure | InterruptedException | RuntimeException e) {
            deleteQuietly(request.outputFile());
            throw e;
        } catch (IOException e) {
            deleteQuietly(request.outputFile());
            throw new BuildFailure("I/O error while building " + request.outputFile() + ": " + e, e);
        }
    }

    private BuildResult buildOrFail(WinelibBuildRequest request) throws BuildFailure, IOException,
            InterruptedException {
        ModuleSpec spec = readSpec(request.specFile(), request.moduleFileName());
        checkLinkable(spec);
        Path compiler;
        Path linker;
        try {
            compiler = tools.require(request.compiler(), ToolLocator.debianPackageOfCompiler(request.compiler()),
                    "to compile C sources and assemble the module header");
            linker = tools.findLinker(request.linker());
        } catch (ToolNotFoundException e) {
            throw new BuildFailure(e.getMessage(), e);
        }
        SysrootLayout sysroot;
        try {
            sysroot = new SysrootInspector(request.viewsDirectory()).inspect(request.sysroot());
        } catch (SysrootException e) {
            throw new BuildFailure(e.getMessage(), e);
        }
        log.debug("sysroot " + request.sysroot() + ": gcc " + sysroot.gccVersion() + ", linking against "
                + sysroot.linkRoot());

        Path work = request.workDirectory().toAbsolutePath();
        Files.createDirectories(work);
        SourceCompiler sources = new SourceCompiler(compiler, compileFlags(request), work.resolve("obj"), log);
        SourceCompiler.Outcome compiled = sources.compile(request.sources(), request.sourceRoot().orElse(null));

        Set<String> defined = ObjectSymbols.definedGlobals(compiled.objects());
        Optional<String> entry = defined.contains(DEFAULT_ENTRY) ? Optional.of(DEFAULT_ENTRY) : Optional.empty();
        ModuleOptions options = ModuleOptions.dll(entry);
        Path moduleObject;
        try {
            moduleObject = new ModuleObjectWriter(new ModuleAssemblyEmitter(generator), compiler, log)
                    .write(spec, options, work);
        } catch (SpecException e) {
            throw new BuildFailure(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new BuildFailure(request.specFile() + ": " + e.getMessage(), e);
        }

        Path versionScript = work.resolve(LinkerScripts.VERSION_SCRIPT_NAME);
        Path orderingScript = work.resolve(LinkerScripts.ORDERING_SCRIPT_NAME);
        AtomicFiles.writeIfChanged(versionScript, LinkerScripts.versionScript().getBytes(StandardCharsets.UTF_8));
        AtomicFiles.writeIfChanged(orderingScript, LinkerScripts.orderingScript().getBytes(StandardCharsets.UTF_8));

        Path output = request.outputFile().toAbsolutePath();
        Path stampFile = work.resolve(output.getFileName() + ".link.stamp");
        List<String> finalCommand = ModuleLinker.command(linker, sysroot, versionScript, orderingScript, moduleObject,
                compiled.objects(), request.ldflags(), request.libraries(), output);
        List<Path> linkInputs = new ArrayList<>(compiled.objects());
        linkInputs.add(moduleObject);
        linkInputs.add(versionScript);
        linkInputs.add(orderingScript);
        String record = Stamp.of(finalCommand, linkInputs);
        if (Stamp.isFresh(output, stampFile, record)) {
            log.info("up to date: " + output);
            return new BuildResult(output, compiled.compiled(), false, check(output, spec, entry));
        }

        Path tmp = AtomicFiles.temporarySibling(output);
        try {
            List<String> command = ModuleLinker.command(linker, sysroot, versionScript, orderingScript, moduleObject,
                    compiled.objects(), request.ldflags(), request.libraries(), tmp);
            log.info("linking " + output);
            log.debug(String.join(" ", command));
            try {
                ProcessRunner.check("linking " + output.getFileName(), command, work);
            } catch (ToolFailedException e) {
                throw new BuildFailure(e.getMessage(), e);
            }
            WinelibImage image = check(tmp, spec, entry);
            tmp.toFile().setExecutable(true, false);
            AtomicFiles.commit(tmp, output);
            Stamp.write(stampFile, record);
            return new BuildResult(output, compiled.compiled(), true, image);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static WinelibImage check(Path file, ModuleSpec spec, Optional<String> entry) throws BuildFailure,
            IOException {
        try {
            return PostLinkChecks.verify(ElfFile.read(file), spec, entry);
        } catch (ElfFormatException e) {
            throw new BuildFailure(e.getMessage(), e);
        }
    }

    /**
     * Refuses link names no linker can resolve: ld.lld and GNU ld read {@code name@version} in a
     * symbol name as a symbol version. (winebuild emits such names and the link fails later.)
     */
    static void checkLinkable(ModuleSpec spec) throws BuildFailure {
        for (ExportEntry e : spec.entries()) {
            if (!e.forward() && e.type() != EntryType.STUB && e.target().indexOf('@') >= 0) {
                throw new BuildFailure(e.location() + ": '" + e.target() + "' cannot be linked: in a symbol name '@'"
                        + " starts a symbol version; give a link name without '@' (e.g. @ stdcall foo@8(long) foo)");
            }
        }
    }

    /** The full compiler flag list for a request, without the source and output names. */
    static List<String> compileFlags(WinelibBuildRequest request) {
        List<String> flags = new ArrayList<>(WinelibCFlags.baseFlags());
        if (!request.sysroot().isHost()) {
            flags.add("--sysroot=" + request.sysroot().root());
        }
        for (Path dir : request.includeDirectories()) {
            flags.add("-I" + dir.toAbsolutePath());
        }
        flags.addAll(WinelibCFlags.wineIncludeFlags());
        flags.addAll(request.cflags());
        return flags;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // nothing more can be done; the failure being reported matters more
        }
    }
}
