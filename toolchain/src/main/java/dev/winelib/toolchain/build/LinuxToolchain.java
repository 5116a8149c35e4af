package dev.winelib.toolchain.build;

import java.nio.file.Path;

import dev.winelib.sysroot.SysrootException;
import dev.winelib.sysroot.SysrootInspector;
import dev.winelib.sysroot.SysrootLayout;
import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.process.ToolLocator;
import dev.winelib.toolchain.process.ToolNotFoundException;

/**
 * The tools that build a module's Linux code, found before anything runs: the C compiler, the
 * linker, the sysroot's layout (start files, library directories, GCC version) and the flags of the
 * Linux libraries the module names as pkg-config modules.
 *
 * @param compiler the C compiler driver
 * @param linker ld.lld
 * @param sysroot what the sysroot holds, and the tree ld.lld links against
 * @param libraries the pkg-config modules' compiler flags and link arguments
 */
public record LinuxToolchain(Path compiler, Path linker, SysrootLayout sysroot, LinuxLibraryFlags libraries) {

    /**
     * Finds the request's compiler (saying it is needed {@code compilerPurpose}) and linker,
     * inspects its sysroot and reads its pkg-config modules; a missing tool, a broken sysroot or a
     * missing module fails with what to do.
     */
    public static LinuxToolchain of(ModuleRequest request, ToolLocator tools, String compilerPurpose)
            throws BuildFailure {
        Path compiler;
        Path linker;
        try {
            compiler = tools.require(request.compiler(), ToolLocator.debianPackageOfCompiler(request.compiler()),
                    compilerPurpose);
            linker = tools.findLinker(request.linker());
        } catch (ToolNotFoundException e) {
            throw new BuildFailure(e.getMessage(), e);
        }
        SysrootLayout layout;
        try {
            layout = new SysrootInspector(request.viewsDirectory()).inspect(request.sysroot(), request.architecture());
        } catch (SysrootException e) {
            throw new BuildFailure(e.getMessage(), e);
        }
        return new LinuxToolchain(compiler, linker, layout, LinuxLibraryFlags.resolve(request, layout));
    }
}
