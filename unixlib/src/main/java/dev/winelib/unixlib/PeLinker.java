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

    /** Where the image bases start: the range mingw's automatic bases use for x86_64 DLLs. */
    static final long IMAGE_BASE_START = 0x4_0000_0000L;
    /** 64 KiB steps: Windows maps DLLs at 64 KiB granularity. */
    static final int IMAGE_BASE_STEP_BITS = 16;
    static final int IMAGE_BASE_SLOTS = 0x8000;

    private PeLinker() {
    }

    static List<String> command(Path compiler, Path output, List<Path> objects, Path definitionFile,
            Path ntdllImportLibrary, List<String> ldflags, List<String> libraries, String dllName) {
        List<String> cmd = new ArrayList<>();
        cmd.add(compiler.toString());
        cmd.add("-shared");
        cmd.add("-o");
        cmd.add(output.toString());
        cmd.add("-Wl,--no-insert-timestamp");
        cmd.add("-Wl,--image-base=0x" + Long.toHexString(imageBase(dllName)));
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

    /** A preferred load address from the DLL name (FNV-1a), 64 KiB aligned, from 0x400000000. */
    static long imageBase(String dllName) {
        int hash = 0x811c9dc5;
        for (byte b : dllName.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x01000193;
        }
        return IMAGE_BASE_START + ((long) Integer.remainderUnsigned(hash, IMAGE_BASE_SLOTS) << IMAGE_BASE_STEP_BITS);
    }
}
