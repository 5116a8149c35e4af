package dev.winelib.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.winelib.asm.ModuleAssemblyEmitter;
import dev.winelib.asm.ModuleImports;
import dev.winelib.asm.ModuleOptions;
import dev.winelib.resources.ResourceException;
import dev.winelib.resources.ResourceFileReader;
import dev.winelib.resources.ResourceTable;
import dev.winelib.spec.ExportDefinitions;
import dev.winelib.spec.ModuleSpec;
import dev.winelib.spec.SpecException;
import dev.winelib.spec.TargetCpu;
import dev.winelib.sysroot.Architecture;
import dev.winelib.sysroot.SysrootException;
import dev.winelib.sysroot.SysrootInspector;
import dev.winelib.sysroot.SysrootLayout;
import dev.winelib.sysroot.SysrootResolver;
import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.ModuleCpu;
import dev.winelib.toolchain.build.AtomicFiles;
import dev.winelib.toolchain.build.WinelibBuilder;
import dev.winelib.toolchain.module.ModuleAssembler;
import dev.winelib.toolchain.module.ModuleRuntime;
import dev.winelib.toolchain.module.RelocatableModule;
import dev.winelib.toolchain.module.RuntimeCache;
import dev.winelib.toolchain.pe.FakeModuleWriter;
import dev.winelib.toolchain.process.ToolNotFoundException;

/**
 * {@code --dll} and {@code --exe}: the module header object (with the imports the objects after
 * {@code --} need and the runtime), its assembly text (output not ending in {@code .o}), or with
 * {@code --fake-module} a fake PE module.
 */
final class ModuleMode {

    /** The exe entry winebuild's assembly refers to (provided by libwinecrt0 when the text is linked). */
    private static final String WINECRT0_EXE_ENTRY = "__wine_spec_exe_entry";
    private static final String WINECRT0_EXE_WENTRY = "__wine_spec_exe_wentry";

    private final Invocation cli;
    private final boolean executable;

    ModuleMode(Invocation cli, boolean executable) {
        this.cli = cli;
        this.executable = executable;
    }

    /** The inputs after classification. */
    private record Inputs(List<Path> objects, List<Path> archives, List<Path> definitions, List<Path> resources) {
    }

    int run() throws UsageError, BuildFailure, IOException, InterruptedException, ResourceException,
            ToolNotFoundException, SysrootException {
        ModuleSpec spec = spec();
        Optional<String> entry = entry();
        ModuleOptions options = cli.moduleOptions(executable
                ? ModuleOptions.exe(entry.orElse(cli.unicode() ? WINECRT0_EXE_WENTRY : WINECRT0_EXE_ENTRY))
                : ModuleOptions.dllWithOptionalEntry(entry.orElse(ModuleRuntime.DEFAULT_ENTRY)));
        if (options.timeDateStamp().isEmpty()) {
            // no configured time: winebuild's hash of the file name as it derives it from -F, -E or -o
            Optional<Long> stamp = WinebuildFileName.of(cli.options, executable).timeDateStamp();
            if (stamp.isPresent()) {
                options = options.withTimeDateStamp(stamp.get());
            }
        }
        Inputs inputs = inputs();
        ResourceTable resources = cli.resources(inputs.resources());

        boolean i386 = spec.cpu() == TargetCpu.I386;
        if (cli.options.fakeModule && i386) {
            throw new UsageError("--fake-module: fake modules are written for 64-bit modules only, not with -m32");
        }
        if (cli.options.fakeModule) {
            Path target = cli.output().orElse(Path.of(spec.fileName()));
            AtomicFiles.write(target, FakeModuleWriter.write(spec, options, resources));
            return 0;
        }
        Optional<Path> output = cli.output();
        boolean objectOutput = output.isPresent() && output.get().getFileName().toString().endsWith(".o");
        boolean withImports = !inputs.objects().isEmpty() || !inputs.archives().isEmpty()
                || !inputs.definitions().isEmpty() || !cli.options.imports.isEmpty()
                || !cli.options.delayImports.isEmpty();
        if (objectOutput && i386 && !withImports) {
            return buildI386Header(spec, options, resources);
        }
        if (objectOutput) {
            return buildObject(spec, options, inputs, resources);
        }
        if (withImports) {
            throw new UsageError("with objects, archives or -l/-d, the output must be an object: use -o NAME.o");
        }
        String assembly;
        try {
            assembly = new ModuleAssemblyEmitter(cli.generator).emit(spec, options, ModuleImports.none(), resources);
        } catch (IllegalArgumentException e) {
            throw new BuildFailure(spec.source() + ": " + e.getMessage(), e);
        }
        if (cli.output().isEmpty()) {
            cli.out.print(assembly);
            cli.out.flush();
        } else {
            AtomicFiles.write(cli.output().get(), assembly.getBytes(StandardCharsets.UTF_8));
        }
        return 0;
    }

    private ModuleSpec spec() throws BuildFailure, UsageError {
        if (cli.options.specFile != null) {
            return cli.readSpec(executable);
        }
        // without a spec the module has no exports (winegcc -shared without a .spec): named by -F or
        // after the output, as winebuild names it
        Optional<String> name = cli.moduleFileName(executable);
        if (name.isEmpty()) {
            name = cli.output().map(p -> {
                String base = p.getFileName().toString();
                int dot = base.lastIndexOf('.');
                return dot > 0 ? base.substring(0, dot) : base;
            });
        }
        if (name.isEmpty()) {
            throw new UsageError(executable ? "no module name: use -F NAME.exe"
                    : "no spec file given: use -E FILE.spec (or -F NAME.dll for a DLL without exports)");
        }
        try {
            return ModuleSpec.withoutExports(name.get(), "the command line (-F)", cli.cpu());
        } catch (SpecException e) {
            throw new UsageError(e.problem());
        }
    }

    /** Sorts the file arguments: objects, archives, .def import lists, and .res files (by content). */
    private Inputs inputs() throws IOException, UsageError {
        List<Path> objects = new ArrayList<>();
        List<Path> archives = new ArrayList<>();
        List<Path> definitions = new ArrayList<>();
        List<Path> resources = new ArrayList<>();
        for (String f : cli.options.files) {
            Path p = Path.of(f);
            if (!Files.isRegularFile(p)) {
                throw new java.nio.file.NoSuchFileException(f);
            }
            String name = p.getFileName().toString();
            if (ResourceFileReader.isResourceFile(p)) {
                resources.add(p);
            } else if (ExportDefinitions.isDefFile(p)) {
                definitions.add(p);
            } else if (name.endsWith(".a")) {
                archives.add(p);
            } else if (name.endsWith(".so") || name.contains(".so.")) {
                throw new UsageError(f + ": shared libraries belong to the final link, not to winebuild");
            } else {
                objects.add(p);
            }
        }
        return new Inputs(objects, archives, definitions, resources);
    }

    private int buildObject(ModuleSpec spec, ModuleOptions options, Inputs inputs, ResourceTable resources)
            throws UsageError, BuildFailure, IOException, InterruptedException, ToolNotFoundException,
            SysrootException {
        List<Path> libraryPath = new ArrayList<>();
        for (String dir : cli.options.libraryPath) {
            libraryPath.add(Path.of(dir));
        }
        Optional<String> entry = entry();
        RelocatableModule.Request request = new RelocatableModule.Request(spec, options, cli.unicode(),
                inputs.objects(), inputs.archives(), inputs.definitions(), cli.options.imports,
                cli.options.delayImports, libraryPath, cli.options.undefinedSymbols, entry, resources,
                cli.options.externalSymbols, cli.output().orElseThrow(), cli.cRuntime(inputs.archives()));
        RelocatableModule.Tools tools = new RelocatableModule.Tools(cli.compiler(), cli.linker(),
                RuntimeCache.defaultDirectory(System.getenv()));
        // an i386 module's runtime and C library come from the i386 tree ('sniper': Debian 11 i386 packages)
        Architecture architecture = ModuleCpu.architecture(spec.cpu());
        SysrootLayout layout = new SysrootInspector(SysrootInspector.defaultViewsDirectory())
                .inspect(SysrootResolver.standard().withArchitecture(architecture).resolve(cli.options.sysroot),
                        architecture);
        RelocatableModule.Result result = RelocatableModule.build(request, tools, layout, cli.generator, cli.log,
                cli.options.saveTemps);
        for (String warning : result.warnings()) {
            cli.log.warn(warning);
        }
        if (result.temporaries().isPresent()) {
            cli.err.println("winebuild-j: intermediate files kept in " + result.temporaries().get());
        }
        if (cli.log.showsDebug() && !result.unresolved().isEmpty()) {
            cli.log.debug("left for the final link: " + String.join(", ", result.unresolved()));
        }
        return 0;
    }

    /**
     * -m32 to an object: the i386 module header alone, assembled in the process as an ELF32 i386
     * object (the entry point, stubs' reporter and constructors come from the final link).
     */
    private int buildI386Header(ModuleSpec spec, ModuleOptions options, ResourceTable resources)
            throws BuildFailure, IOException {
        String assembly;
        try {
            assembly = new ModuleAssemblyEmitter(cli.generator).emit(spec, options, ModuleImports.none(), resources);
        } catch (IllegalArgumentException e) {
            throw new BuildFailure(spec.source() + ": " + e.getMessage(), e);
        }
        Path object = cli.output().orElseThrow();
        AtomicFiles.write(object, ModuleAssembler.toObject(assembly, spec.fileName() + ".spec.s", TargetCpu.I386));
        return 0;
    }

    // plain code rather than lambdas and method references on this path: each lambda's call site is linked
    // on its first use, which costs every run of the command line a fraction of a millisecond (Java 17)

    /** The entry point given with -e, without a stdcall decoration. */
    private Optional<String> entry() {
        return cli.options.entry == null ? Optional.empty() : Optional.of(withoutDecoration(cli.options.entry));
    }

    /** winebuild drops a stdcall decoration from the entry point: {@code DllMain@12} is {@code DllMain}. */
    private static String withoutDecoration(String entry) {
        int at = entry.indexOf('@');
        return at >= 0 ? entry.substring(0, at) : entry;
    }
}
