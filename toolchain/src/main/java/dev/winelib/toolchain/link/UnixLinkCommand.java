package dev.winelib.toolchain.link;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.winelib.sysroot.SysrootLayout;

/**
 * The ld.lld command line of a Linux shared object linked against a sysroot, as both module kinds
 * link their Linux code ({@code -m elf_i386} first for a 32-bit module): {@code -shared -Bsymbolic -z defs} (every undefined symbol an error), the
 * sysroot's start files around the objects, only what the version script names exported, and the
 * C library, libgcc and (as needed) libgcc_s last.
 */
public final class UnixLinkCommand {

    private UnixLinkCommand() {
    }

    /**
     * The command line.
     *
     * @param linker ld.lld
     * @param sysroot the sysroot linked against
     * @param zOptions the kind's {@code -z} options, after {@code -z defs}
     * @param versionScript what the shared object exports
     * @param layoutOptions the kind's options after the version script (a section ordering script,
     *     {@code -soname})
     * @param objects objects and static libraries, in link order
     * @param ldflags the configured linker flags, before the libraries
     * @param libraries the configured {@code -l} libraries
     * @param runtimeLibraries linker arguments for language runtimes (libstdc++, the native libraries
     *     of a Rust crate), after the configured libraries and before the C library
     * @param output the file to write
     */
    public static List<String> arguments(Path linker, SysrootLayout sysroot, List<String> zOptions,
            Path versionScript, List<String> layoutOptions, List<Path> objects, List<String> ldflags,
            List<String> libraries, List<String> runtimeLibraries, Path output) {
        List<String> cmd = new ArrayList<>();
        cmd.add(linker.toString());
        if (!sysroot.architecture().is64Bit()) {
            // ld.lld would take the emulation from the first object; said explicitly, a 64-bit input fails clearly
            cmd.add("-m");
            cmd.add(sysroot.architecture().ldEmulation());
        }
        cmd.add("-shared");
        cmd.add("-Bsymbolic");
        cmd.add("-z");
        cmd.add("defs");
        cmd.addAll(zOptions);
        cmd.add("--eh-frame-hdr");
        cmd.add("--hash-style=both");
        cmd.add("--build-id=none");
        cmd.add("--sysroot=" + sysroot.linkRoot());
        cmd.add("--version-script=" + versionScript);
        cmd.addAll(layoutOptions);
        cmd.add("-o");
        cmd.add(output.toString());
        for (Path dir : sysroot.libraryDirectories()) {
            cmd.add("-L" + dir);
        }
        cmd.add(sysroot.crti().toString());
        cmd.add(sysroot.crtBeginShared().toString());
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
