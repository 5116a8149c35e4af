package dev.winelib.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.winelib.toolchain.elf.ElfFile;
import dev.winelib.toolchain.pe.PeExport;
import dev.winelib.toolchain.pe.PeImport;
import dev.winelib.toolchain.pe.PeResource;
import dev.winelib.toolchain.pe.WinelibImage;
import dev.winelib.toolchain.pe.WinelibImageReader;

/**
 * Compares the PE views Wine's loader builds from two winelib modules: one whose module object
 * winebuild-j wrote, one whose object Wine's winebuild wrote, both linked by winegcc.
 */
final class PeViews {

    /**
     * Functions only the modules' runtimes import: winebuild's come from libwinecrt0 (its default
     * DllMain calls DisableThreadLibraryCalls, its command-line splitting allocates with HeapAlloc,
     * its stubs raise with kernel32's RaiseException), winebuild-j's from its own runtime (malloc,
     * ntdll's RtlRaiseException). The modules' own imports must be the same.
     */
    static final Set<String> RUNTIME_IMPORTS = Set.of("DisableThreadLibraryCalls", "HeapAlloc", "GetProcessHeap",
            "RaiseException", "RtlRaiseException", "ResolveDelayLoadedAPI", "DelayLoadFailureHook");

    private PeViews() {
    }

    static WinelibImage read(Path module) throws Exception {
        return WinelibImageReader.read(ElfFile.readEither(module));
    }

    /** Asserts that the two modules look the same to Wine, apart from their runtimes' own imports. */
    static void assertSame(Path ours, Path reference) throws Exception {
        WinelibImage a = read(ours);
        WinelibImage b = read(reference);
        String what = ours.getFileName() + " (winebuild-j) against the winebuild build";
        assertThat(a.machine()).as(what + ": machine").isEqualTo(b.machine());
        assertThat(a.characteristics()).as(what + ": characteristics").isEqualTo(b.characteristics());
        assertThat(a.subsystem()).as(what + ": subsystem").isEqualTo(b.subsystem());
        assertThat(a.header().subsystemMajor() + "." + a.header().subsystemMinor()).as(what + ": subsystem version")
                .isEqualTo(b.header().subsystemMajor() + "." + b.header().subsystemMinor());
        assertThat(a.header().dllCharacteristics()).as(what + ": DLL characteristics")
                .isEqualTo(b.header().dllCharacteristics());
        assertThat(a.header().timeDateStamp()).as(what + ": time stamp").isEqualTo(b.header().timeDateStamp());
        assertThat(List.of(a.header().stackReserve(), a.header().heapReserve())).as(what + ": reserves")
                .isEqualTo(List.of(b.header().stackReserve(), b.header().heapReserve()));
        assertThat(a.entryPoint() != 0).as(what + ": has an entry point").isEqualTo(b.entryPoint() != 0);
        assertThat(a.entryPoint()).as(what + ": entry point above the module base")
                .isGreaterThanOrEqualTo(a.firstUsableAddress());

        assertThat(a.dllName()).as(what + ": export directory name").isEqualTo(b.dllName());
        assertThat(a.ordinalBase()).as(what + ": ordinal base").isEqualTo(b.ordinalBase());
        assertThat(a.slotCount()).as(what + ": export slots").isEqualTo(b.slotCount());
        assertThat(a.nameTable()).as(what + ": export names").isEqualTo(b.nameTable());
        assertThat(exports(a)).as(what + ": exports").isEqualTo(exports(b));
        for (PeExport e : a.exports()) {
            assertThat(e.address() == 0 || e.address() >= a.firstUsableAddress()).as(what + ": " + e).isTrue();
        }

        assertThat(imports(a, false)).as(what + ": imports").isEqualTo(imports(b, false));
        assertThat(imports(a, true)).as(what + ": delay imports").isEqualTo(imports(b, true));

        assertThat(resources(a)).as(what + ": resources").isEqualTo(resources(b));
    }

    /** Per ordinal: the name, and the forward or the symbol at the export's address. */
    private static List<String> exports(WinelibImage image) {
        List<String> list = new ArrayList<>();
        for (PeExport e : image.exports()) {
            list.add(e.ordinal() + " " + e.name().orElse("-") + " " + e.forward().map(f -> "-> " + f)
                    .orElse(e.symbol().orElse("?")));
        }
        return list;
    }

    /** Per DLL, the functions imported, without the runtimes' own. */
    private static Map<String, Set<String>> imports(WinelibImage image, boolean delayed) {
        Map<String, Set<String>> map = new TreeMap<>();
        for (PeImport i : image.imports()) {
            if (i.delayed() != delayed) {
                continue;
            }
            Set<String> functions = new TreeSet<>(i.functions());
            functions.removeAll(RUNTIME_IMPORTS);
            if (!functions.isEmpty()) {
                map.computeIfAbsent(i.dllName(), k -> new TreeSet<>()).addAll(functions);
            }
        }
        return map;
    }

    private static List<String> resources(WinelibImage image) {
        List<String> list = new ArrayList<>();
        for (PeResource r : image.resources()) {
            list.add(r.type() + "/" + r.name() + "/" + r.language() + "/" + java.util.HexFormat.of()
                    .formatHex(r.data()));
        }
        return list;
    }
}
