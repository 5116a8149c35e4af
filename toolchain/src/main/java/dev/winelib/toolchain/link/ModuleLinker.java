package dev.winelib.toolchain.link;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.winelib.sysroot.SysrootLayout;

/**
 * The ld.lld command line of a winelib module: C runtime start files around the objects, the
 * version script that exports only the NT header, and the ordering script that keeps the header
 * reserve first.
 */
public final class ModuleLinker {

    private ModuleLinker() {
    }

    public static List<String> command(Path linker, SysrootLayout sysroot, Path versionScript, Path orderingScript,
            Path moduleObject, List<Path> objects, List<String> ldflags, List<String> libraries, Path output) {
        return command(linker, sysroot, versionScript, orderingScript, moduleObject, objects, ldflags, libraries,
                List.of(), output);
    }

    /**
     * @param objects objects and static libraries, in link order
     * @param runtimeLibraries linker arguments for language runtimes (libstdc++, the native libraries
     *     of a Rust crate), after the configured libraries and before the C library
     */
    public static List<String> command(Path linker, SysrootLayout sysroot, Path versionScript, Path orderingScript,
            Path moduleObject, List<Path> objects, List<String> ldflags, List<String> libraries,
            List<String> runtimeLibraries, Path output) {
        List<String> cmd = new ArrayList<>();
        cmd.add(linker.toString());
        cmd.add("-shared");
        cmd.add("-Bsymbolic");
        cmd.add("-z");
        cmd.add("defs");
        cmd.add("-z");
        cmd.add("max-page-size=0x1000");
        cmd.add("-z");
        cmd.add("relro");
        cmd.add("--eh-frame-hdr");
        cmd.add("--hash-style=both");
        cmd.add("--build-id=none");
        cmd.add("--sysroot=" + sysroot.linkRoot());
        cmd.add("--version-script=" + versionScript);
        cmd.add("-T");
        cmd.add(orderingScript.toString());
        cmd.add("-o");
        cmd.add(output.toString());
        for (Path dir : sysroot.libraryDirectories()) {
            cmd.add("-L" + dir);
        }
        cmd.add(sysroot.crti().toString());
        cmd.add(sysroot.crtBeginShared().toString());
        cmd.add(moduleObject.toString());
        for (Path o : objects) {
            cmd.add(o.toString());
        }
        cmd.addAll(ldflags);
        for (String lib : libraries) {
            cmd.add("-l" + lib);
        }
        cmd.addAll(runtimeLibraries);
        cmd.add("-lc");
        cmd.add("-lgcc");
        cmd.add("--push-state");
        cmd.add("--as-needed");
        cmd.add("-lgcc_s");
        cmd.add("--pop-state");
        cmd.add(sysroot.crtEndShared().toString());
        cmd.add(sysroot.crtn().toString());
        return cmd;
    }
}
