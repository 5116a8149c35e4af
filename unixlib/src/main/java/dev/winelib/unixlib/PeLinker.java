package dev.winelib.unixlib;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The mingw link of the PE half: a DLL with the exports of the generated {@code .def} file, the
 * ntdll import library for the unix calls, no time stamp (a configured time is written afterwards,
 * by {@link PeTimeDateStamps}), and an image base derived from the DLL's name (mingw's default
 * derives it from the output path, which would make builds differ).
 */
final class PeLinker {

    /** 64 KiB steps: Windows maps DLLs at 64 KiB granularity. */
    static final int IMAGE_BASE_STEP_BITS = 16;

    private PeLinker() {
    }

    static List<String> command(PeArchitecture architecture, Path compiler, Path output, List<Path> objects,
            Path definitionFile, Path ntdllImportLibrary, List<String> ldflags, List<String> libraries,
            String dllName) {
        List<String> cmd = new ArrayList<>();
        cmd.add(compiler.toString());
        cmd.add("-shared");
        cmd.add("-o");
        cmd.add(output.toString());
        cmd.add("-Wl,--no-insert-timestamp");
        cmd.add("-Wl,--image-base=0x" + Long.toHexString(imageBase(architecture, dllName)));
        if (architecture.is32Bit()) {
            // the .def names the exports as the spec does (undecorated); stdcall functions are
            // defined as _NAME@N: link each to its decorated definition, without a warning
            cmd.add("-Wl,--enable-stdcall-fixup");
        }
        for (Path o : objects) {
            cmd.add(o.toString());
        }
        cmd.add(definitionFile.toString());
        cmd.add(ntdllImportLibrary.toString());
        cmd.addAll(ldflags);
        for (String lib : libraries) {
            cmd.add("-l" + lib);
        }
        return cmd;
    }

    /** A preferred load address from the DLL name (FNV-1a), 64 KiB aligned, in the architecture's range. */
    static long imageBase(PeArchitecture architecture, String dllName) {
        int hash = 0x811c9dc5;
        for (byte b : dllName.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x01000193;
        }
        return architecture.imageBaseStart()
                + ((long) Integer.remainderUnsigned(hash, architecture.imageBaseSlots()) << IMAGE_BASE_STEP_BITS);
    }
}
