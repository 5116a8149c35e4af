package dev.winelib.unixlib;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a unixlib build puts its files. For the x86_64 PE half alone: {@code NAME.dll} and
 * {@code NAME.so} side by side. Otherwise Wine's own layout, in which one directory of
 * {@code WINEDLLPATH} serves every architecture: {@code x86_64-windows/NAME.dll},
 * {@code i386-windows/NAME.dll}, {@code x86_64-unix/NAME.so} (64-bit processes, including
 * new-style WoW64) and {@code i386-unix/NAME.so} (Wine's old-style 32-bit process).
 *
 * @param dlls the DLL of each architecture
 * @param unixLibrary the 64-bit Unix library
 * @param unixLibrary32 the 32-bit Unix library, when a 32-bit PE half is built
 */
record OutputFiles(Map<PeArchitecture, Path> dlls, Path unixLibrary, Optional<Path> unixLibrary32) {

    static OutputFiles of(UnixlibBuildRequest request, ModuleNames names) {
        Path out = request.outputDirectory().toAbsolutePath();
        Map<PeArchitecture, Path> dlls = new LinkedHashMap<>();
        if (!request.wineLayout()) {
            dlls.put(PeArchitecture.X86_64, out.resolve(names.dll()));
            return new OutputFiles(dlls, out.resolve(names.unixLibrary()), Optional.empty());
        }
        for (PeArchitecture a : request.architectures()) {
            dlls.put(a, out.resolve(a.windowsDirectory()).resolve(names.dll()));
        }
        return new OutputFiles(dlls, out.resolve(PeArchitecture.X86_64.unixDirectory()).resolve(names.unixLibrary()),
                request.has32Bit()
                        ? Optional.of(out.resolve(PeArchitecture.I686.unixDirectory()).resolve(names.unixLibrary()))
                        : Optional.empty());
    }

    /** Every file, for removal when a build fails. */
    List<Path> all() {
        List<Path> all = new ArrayList<>(dlls.values());
        dlls.forEach((architecture, dll) -> {
            if (architecture.is32Bit()) {
                // the 32-bit import library and .def file beside the DLL
                String name = dll.getFileName().toString();
                String stem = name.substring(0, name.lastIndexOf('.'));
                all.add(dll.resolveSibling("lib" + stem + ".a"));
                all.add(dll.resolveSibling(stem + ".def"));
            }
        });
        all.add(unixLibrary);
        unixLibrary32.ifPresent(all::add);
        return all;
    }
}
