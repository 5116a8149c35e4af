package dev.winelib.toolchain.differential;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

import dev.winelib.asm.ModuleAssemblyEmitter;
import dev.winelib.asm.ModuleImports;
import dev.winelib.asm.ModuleOptions;
import dev.winelib.linker.LinkerScripts;
import dev.winelib.spec.ModuleSpec;
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
import dev.winelib.toolchain.pe.WinelibImage;
import dev.winelib.toolchain.pe.WinelibImageReader;
import dev.winelib.toolchain.process.ProcessRunner;

/**
 * Builds one module header in both forms the toolchain can make it, the assembly text assembled by GNU as
 * ({@code gcc -c -x assembler}) and the object of the in-process assembler, links each into a DLL with
 * the build's own ld.lld command line (plus one object defining every symbol the header leaves
 * undefined), and compares the DLLs: the PE view Wine's loader reads ({@link WinelibImageReader}), the
 * program headers, and every byte of every loaded segment.
 */
final class AssembledFormsDifferential {

    private static final Set<String> LINKER_DEFINED = Set.of("_end", "_GLOBAL_OFFSET_TABLE_", "_DYNAMIC",
            "__ehdr_start", "_edata", "_etext", "__bss_start");

    /** What the two DLLs showed; {@code differences} is empty when they are the same. */
    record Result(WinelibImage gasImage, WinelibImage inProcessImage, List<String> differences, Path directory) {
        boolean identical() {
            return differences.isEmpty();
        }

        String report() {
            return differences.isEmpty() ? "identical" : String.join("\n", differences) + "\n(files kept in "
                    + directory + ")";
        }
    }

    private final DifferentialTools.Found tools;
    private final Path workRoot;
    private final SysrootLayout host;
    private final Path versionScript;
    private final Path orderingScript;
    private final ModuleAssemblyEmitter emitter = new ModuleAssemblyEmitter("winebuild-j differential test");
    private final AtomicInteger counter = new AtomicInteger();

    AssembledFormsDifferential(DifferentialTools.Found tools, Path workRoot) throws IOException, SysrootException {
        this.tools = tools;
        this.workRoot = workRoot;
        this.host = new SysrootInspector(workRoot.resolve("sysroot-views")).inspect(Sysroot.host());
        this.versionScript = Files.writeString(workRoot.resolve(LinkerScripts.VERSION_SCRIPT_NAME),
                LinkerScripts.versionScript());
        this.orderingScript = Files.writeString(workRoot.resolve(LinkerScripts.ORDERING_SCRIPT_NAME),
                LinkerScripts.orderingScript());
    }

    Result compare(ModuleSpec spec, ModuleOptions options, ModuleImports imports) throws IOException,
            InterruptedException, BuildFailure, ElfFormatException {
        Path dir = Files.createDirectory(workRoot.resolve(String.format("%05d-%s", counter.incrementAndGet(),
                spec.fileName().replaceAll("[^A-Za-z0-9._-]", "_"))));
        String assembly = emitter.emit(spec, options, imports);
        Path source = Files.writeString(dir.resolve("module.s"), assembly, StandardCharsets.UTF_8);
        Path gasObject = dir.resolve("gas.o");
        run(dir, tools.gcc().toString(), "-c", "-x", "assembler", "-o", gasObject.toString(), source.toString());
        Path ourObject = dir.resolve("in-process.o");
        Files.write(ourObject, ModuleAssembler.toObject(assembly, source.toString()));

        Set<String> undefined = undefined(gasObject);
        undefined.addAll(undefined(ourObject));
        undefined.removeAll(LINKER_DEFINED);
        Path stubSource = Files.writeString(dir.resolve("stubs.s"), WinebuildDifferential.stubAssembly(undefined),
                StandardCharsets.UTF_8);
        Path stubs = dir.resolve("stubs.o");
        run(dir, tools.gcc().toString(), "-c", "-x", "assembler", "-o", stubs.toString(), stubSource.toString());

        Path gasDll = link(dir, gasObject, stubs, "gas.so");
        Path ourDll = link(dir, ourObject, stubs, "in-process.so");
        ElfFile gasElf = ElfFile.read(gasDll);
        ElfFile ourElf = ElfFile.read(ourDll);
        WinelibImage gasImage = WinelibImageReader.read(gasElf);
        WinelibImage ourImage = WinelibImageReader.read(ourElf);

        List<String> differences = new ArrayList<>();
        if (!gasImage.equals(ourImage)) {
            differences.add("PE views differ:\n  gas:        " + gasImage + "\n  in-process: " + ourImage);
        }
        if (!gasElf.segments().equals(ourElf.segments())) {
            differences.add("program headers differ:\n  gas:        " + gasElf.segments() + "\n  in-process: "
                    + ourElf.segments());
        } else {
            byte[] gasBytes = Files.readAllBytes(gasDll);
            byte[] ourBytes = Files.readAllBytes(ourDll);
            for (ElfFile.Segment s : gasElf.segments()) {
                if (s.type() != ElfFile.PT_LOAD) {
                    continue;
                }
                int from = Math.toIntExact(s.offset());
                int to = Math.toIntExact(s.offset() + s.fileSize());
                int mismatch = Arrays.mismatch(gasBytes, from, to, ourBytes, from, to);
                if (mismatch >= 0) {
                    differences.add(String.format("loaded segment at 0x%x differs at 0x%x", s.virtualAddress(),
                            s.virtualAddress() + mismatch));
                }
            }
        }
        if (differences.isEmpty()) {
            WinebuildDifferential.deleteTree(dir);
        }
        return new Result(gasImage, ourImage, differences, dir);
    }

    private Path link(Path dir, Path object, Path stubs, String name) throws IOException, InterruptedException {
        Path output = dir.resolve(name);
        run(dir, WinelibLinkCommandAccess.command(tools.linker(), host, versionScript, orderingScript, object,
                List.of(stubs), output).toArray(String[]::new));
        return output;
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        ProcessRunner.Result r = ProcessRunner.run(List.of(command), dir, Map.of());
        if (r.exitCode() != 0) {
            throw new IOException(String.join(" ", command) + " failed (exit " + r.exitCode() + "):\n" + r.output());
        }
    }

    private static Set<String> undefined(Path object) throws IOException, ElfFormatException {
        Set<String> names = new TreeSet<>();
        for (ElfSymbol s : ElfFile.read(object).symbols()) {
            if (!s.isDefined() && s.isGlobalOrWeak() && !s.name().isEmpty()) {
                names.add(s.name());
            }
        }
        return names;
    }
}
