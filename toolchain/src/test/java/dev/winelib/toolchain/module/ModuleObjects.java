package dev.winelib.toolchain.module;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.winelib.asm.ModuleOptions;
import dev.winelib.linker.LinkerScripts;
import dev.winelib.resources.ResourceTable;
import dev.winelib.spec.ModuleSpec;
import dev.winelib.sysroot.Sysroot;
import dev.winelib.sysroot.SysrootInspector;
import dev.winelib.sysroot.SysrootLayout;
import dev.winelib.toolchain.BuildLog;
import dev.winelib.toolchain.RequiredTools;
import dev.winelib.toolchain.elf.ElfFile;
import dev.winelib.toolchain.link.ConstructorFixup;
import dev.winelib.toolchain.pe.WinelibImage;
import dev.winelib.toolchain.pe.WinelibImageReader;
import dev.winelib.toolchain.process.ProcessRunner;
import dev.winelib.toolchain.process.ToolCommand;

/**
 * Builds module objects with {@link RelocatableModule} in a directory and links them (with ld.lld
 * and the host's C library, as a Makefile would) to read the PE view back.
 */
public final class ModuleObjects {

    /** Wine's Unix import libraries, as Debian's libwine-dev installs them. */
    public static final Path WINE_UNIX_LIBS = Path.of("/usr/lib/x86_64-linux-gnu/wine/x86_64-unix");

    public final Path dir;
    public final Path gcc;
    public final Path lld;
    public final SysrootLayout host;

    ModuleObjects(Path dir) throws Exception {
        this.dir = dir;
        this.gcc = RequiredTools.require("gcc", "gcc");
        this.lld = RequiredTools.linker();
        if (!Files.isDirectory(WINE_UNIX_LIBS) || !Files.isDirectory(
                Path.of("/usr/lib/x86_64-linux-gnu/wine/x86_64-windows"))) {
            RequiredTools.missing("Wine's DLLs and import libraries (Debian packages wine64 and libwine-dev)");
        }
        this.host = new SysrootInspector(dir.resolve("views")).inspect(Sysroot.host());
    }

    /** Compiles C text into {@code NAME.o}. */
    public Path compile(String name, String source) throws Exception {
        Path c = dir.resolve(name + ".c");
        Files.writeString(c, source);
        Path o = dir.resolve(name + ".o");
        ProcessRunner.check("gcc", List.of(gcc.toString(), "-c", "-fPIC", "-O1", "-o", o.toString(), c.toString()),
                dir);
        return o;
    }

    /** A request for a DLL with nothing but the objects; adjust with the record's copy. */
    public static RelocatableModule.Request dll(ModuleSpec spec, List<Path> objects, List<Path> archives, Path output) {
        return new RelocatableModule.Request(spec, ModuleOptions.dll(Optional.empty()), false, objects, archives,
                List.of(), List.of(), List.of(), List.of(), List.of(), Optional.empty(), ResourceTable.empty(), false,
                output);
    }

    RelocatableModule.Result build(RelocatableModule.Request request) throws Exception {
        return RelocatableModule.build(request, new RelocatableModule.Tools(ToolCommand.of(gcc), ToolCommand.of(lld)),
                host, "winebuild-j test", BuildLog.silent(), false);
    }

    /** Links {@code module} and {@code objects} into {@code NAME}, fixes up constructors, reads the PE view. */
    public WinelibImage link(String name, Path module, List<Path> objects, boolean orderingScript) throws Exception {
        Files.writeString(dir.resolve("v.map"), LinkerScripts.versionScript());
        Files.writeString(dir.resolve("o.ld"), LinkerScripts.orderingScript());
        Path so = dir.resolve(name);
        List<String> link = new ArrayList<>(List.of(lld.toString(), "-shared", "-Bsymbolic", "-z", "defs",
                "--version-script=" + dir.resolve("v.map"), "-o", so.toString()));
        if (orderingScript) {
            link.add("-T");
            link.add(dir.resolve("o.ld").toString());
        }
        host.libraryDirectories().forEach(d -> link.add("-L" + d));
        link.addAll(List.of(host.crti().toString(), host.crtBeginShared().toString(), module.toString()));
        objects.forEach(o -> link.add(o.toString()));
        link.addAll(List.of("-lc", host.crtEndShared().toString(), host.crtn().toString()));
        ProcessRunner.check("ld.lld", link, dir);
        assertThat(ConstructorFixup.apply(so)).isGreaterThanOrEqualTo(0);
        return WinelibImageReader.read(ElfFile.read(so));
    }
}
