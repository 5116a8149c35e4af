package dev.winelib.toolchain.pe;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.winelib.toolchain.elf.ElfFile;
import dev.winelib.toolchain.elf.ElfFormatException;
import dev.winelib.toolchain.elf.ElfSymbol;
import dev.winelib.toolchain.link.ConstructorFixup;

/**
 * What {@code winebuild-j inspect} prints about a module: for a winelib ELF module, the PE view
 * Wine's loader builds from it (NT header fields, exports with the symbols at their addresses,
 * imports, resources), whether its constructors are hidden from ld.so, and the layout problems that
 * make Wine refuse it or call the wrong code; for a PE file, its headers, Wine signature, sections,
 * export names and resources.
 *
 * @param text the report
 * @param problems the layout problems found (also listed in the text); empty when there are none
 */
public record ImageReport(String text, List<String> problems) {

    public ImageReport {
        problems = List.copyOf(problems);
    }

    /** Reports on a file: an ELF winelib module or a PE file. */
    public static ImageReport of(Path file) throws IOException, ElfFormatException, PeFormatException {
        if (PeFileReader.isPe(file)) {
            return of(PeFileReader.read(file));
        }
        byte[] start;
        try (var in = Files.newInputStream(file)) {
            start = in.readNBytes(4);
        }
        if (start.length < 4 || start[0] != 0x7f || start[1] != 'E' || start[2] != 'L' || start[3] != 'F') {
            throw new PeFormatException(file + ": neither an ELF winelib module nor a PE file");
        }
        return of(ElfFile.readEither(file));
    }

    /** Reports on a winelib ELF module. */
    public static ImageReport of(ElfFile elf) throws ElfFormatException {
        WinelibImage image = WinelibImageReader.read(elf);
        StringBuilder out = new StringBuilder();
        List<String> problems = new ArrayList<>();
        long floor = image.firstUsableAddress();
        line(out, "file", elf.origin() + " (winelib ELF module)");
        line(out, "NT header", hex(image.ntHeaderAddress()) + " (__wine_spec_nt_header)");
        line(out, "image base", hex(image.imageBase()) + " (start of the header reserve)");
        line(out, "module base", hex(image.moduleBase()) + " (Wine writes the PE headers in " + hex(image.moduleBase())
                + ".." + hex(floor) + ")");
        line(out, "machine", hex4(image.machine()) + (image.machine() == 0x8664 ? " (AMD64)" : image.machine() == 0x14c ? " (i386)" : ""));
        line(out, "characteristics", hex4(image.characteristics()) + " (" + characteristics(image.characteristics())
                + ")");
        line(out, "subsystem", image.subsystem() + " (" + subsystem(image.subsystem()) + ") version "
                + image.header().subsystemMajor() + "." + image.header().subsystemMinor());
        line(out, "DLL characteristics", hex4(image.header().dllCharacteristics()) + " ("
                + dllCharacteristics(image.header().dllCharacteristics()) + ")");
        line(out, "time stamp", hex(image.header().timeDateStamp()));
        line(out, "stack reserve", hex(image.header().stackReserve()) + ", heap reserve "
                + hex(image.header().heapReserve()));
        line(out, "size of image", hex(image.sizeOfImage()) + " (from the NT header)");
        String entrySymbol = symbolAt(elf, image.entryPoint());
        line(out, "entry point", image.entryPoint() == 0 ? "none" : hex(image.entryPoint())
                + (entrySymbol.isEmpty() ? "" : " (" + entrySymbol + ")"));
        if (image.entryPoint() != 0 && image.entryPoint() < floor) {
            problems.add("the entry point " + hex(image.entryPoint()) + " lies below " + hex(floor)
                    + ": Wine overwrites it with the PE headers (link the module header object first, with .init"
                    + " before .text, as winebuild-j's ordering script does)");
        }
        if (image.ntHeaderAddress() < floor && image.ntHeaderAddress() >= image.moduleBase()) {
            problems.add("the NT header itself lies in the page Wine overwrites (" + hex(image.moduleBase()) + ".."
                    + hex(floor) + ")");
        }
        line(out, "constructors", constructors(elf));

        out.append('\n');
        if (image.dllName().isEmpty()) {
            out.append("exports: none (no export directory)\n");
        } else {
            out.append("exports of ").append(image.dllName().get()).append(": ordinal base ")
                    .append(image.ordinalBase()).append(", ").append(image.slotCount()).append(" slots, ")
                    .append(image.nameTable().size()).append(" names\n");
            for (PeExport e : image.exports()) {
                out.append(String.format(Locale.ROOT, "  %5d  %-32s ", e.ordinal(), e.name().orElse("(no name)")));
                if (e.forward().isPresent()) {
                    out.append("-> ").append(e.forward().get()).append(" (forward)");
                } else {
                    out.append(hex(e.address()));
                    e.symbol().ifPresent(s -> out.append(' ').append(s));
                    if (e.address() < floor) {
                        out.append("  BELOW THE MODULE BASE");
                        problems.add("export " + e.name().orElse("#" + e.ordinal()) + " at " + hex(e.address())
                                + " lies below " + hex(floor) + ": Wine turns it into a negative RVA and the export"
                                + " breaks (link the module header object first, with .init before .text and"
                                + " .rodata)");
                    }
                }
                out.append('\n');
            }
        }

        out.append('\n');
        if (image.imports().isEmpty()) {
            out.append("imports: none\n");
        }
        for (PeImport i : image.imports()) {
            out.append(i.delayed() ? "delay-imports from " : "imports from ").append(i.dllName()).append(": ")
                    .append(String.join(", ", i.functions())).append('\n');
        }

        out.append('\n');
        resources(out, image.resources());
        problems(out, problems);
        return new ImageReport(out.toString(), problems);
    }

    /** Reports on a PE file. */
    public static ImageReport of(PeFile pe) {
        StringBuilder out = new StringBuilder();
        List<String> problems = new ArrayList<>();
        line(out, "file", pe.origin() + " (PE" + (pe.magic() == 0x20b ? "32+" : "32") + " file)");
        line(out, "Wine signature", pe.wineSignature().map(s -> "\"" + s + "\"" + (s.equals(
                FakeModuleWriter.PLACEHOLDER_SIGNATURE) ? " (a fake module: Wine loads the builtin module instead)"
                : " (Wine treats it as a builtin module)")).orElse("none (a native module)"));
        line(out, "machine", hex4(pe.machine()) + (pe.machine() == 0x8664 ? " (AMD64)" : pe.machine() == 0x14c ? " (i386)" : ""));
        line(out, "characteristics", hex4(pe.characteristics()) + " (" + characteristics(pe.characteristics()) + ")");
        line(out, "subsystem", pe.subsystem() + " (" + subsystem(pe.subsystem()) + ") version "
                + pe.header().subsystemMajor() + "." + pe.header().subsystemMinor());
        line(out, "DLL characteristics", hex4(pe.header().dllCharacteristics()) + " ("
                + dllCharacteristics(pe.header().dllCharacteristics()) + ")");
        line(out, "time stamp", hex(pe.header().timeDateStamp()));
        line(out, "image base", hex(pe.imageBase()));
        line(out, "entry point", "RVA " + hex(pe.entryPoint()));
        line(out, "size of image", hex(pe.sizeOfImage()));
        out.append('\n').append("sections:\n");
        for (PeFile.Section s : pe.sections()) {
            out.append(String.format(Locale.ROOT, "  %-8s RVA %s size %s, file %s size %s, flags %s%n", s.name(),
                    hex(s.virtualAddress()), hex(s.virtualSize()), hex(s.rawOffset()), hex(s.rawSize()),
                    hex(s.characteristics())));
        }
        out.append('\n');
        if (pe.exportedNames().isEmpty()) {
            out.append("exports: none\n");
        } else {
            out.append("exports of ").append(pe.exportedNames().get(0)).append(": ")
                    .append(String.join(", ", pe.exportedNames().subList(1, pe.exportedNames().size()))).append('\n');
        }
        out.append('\n');
        resources(out, pe.resources());
        problems(out, problems);
        return new ImageReport(out.toString(), problems);
    }

    private static void resources(StringBuilder out, List<PeResource> resources) {
        if (resources.isEmpty()) {
            out.append("resources: none\n");
            return;
        }
        out.append("resources:\n");
        for (PeResource r : resources) {
            out.append("  type ").append(typeName(r)).append(", name ").append(r.name()).append(", language ")
                    .append(String.format(Locale.ROOT, "%04x", r.language())).append(", ").append(r.data().length)
                    .append(" bytes at RVA ").append(hex(r.rva()));
            r.fileVersion().ifPresent(v -> out.append(", file version ").append(v));
            out.append('\n');
        }
    }

    private static void problems(StringBuilder out, List<String> problems) {
        out.append('\n');
        if (problems.isEmpty()) {
            out.append("layout problems: none\n");
        } else {
            out.append("layout problems:\n");
            problems.forEach(p -> out.append("  - ").append(p).append('\n'));
        }
    }

    private static final String[] RESOURCE_TYPES = {null, "CURSOR", "BITMAP", "ICON", "MENU", "DIALOG", "STRING",
        "FONTDIR", "FONT", "ACCELERATOR", "RCDATA", "MESSAGETABLE", "GROUP_CURSOR", null, "GROUP_ICON", null,
        "VERSION", "DLGINCLUDE", null, "PLUGPLAY", "VXD", "ANICURSOR", "ANIICON", "HTML", "MANIFEST"};

    private static String typeName(PeResource r) {
        if (!r.type().isString() && r.type().id() < RESOURCE_TYPES.length && RESOURCE_TYPES[r.type().id()] != null) {
            return r.type() + " (" + RESOURCE_TYPES[r.type().id()] + ")";
        }
        return r.type().toString();
    }

    /** Whether the module's constructor tags are renamed (winebuild --fixup-ctors). */
    private static String constructors(ElfFile elf) throws ElfFormatException {
        boolean renamed = false;
        boolean plain = false;
        for (ElfFile.Section s : elf.sections()) {
            if (s.type() == ElfFile.SHT_DYNAMIC) {
                ByteBuffer b = ByteBuffer.wrap(elf.sectionData(s)).order(ByteOrder.LITTLE_ENDIAN);
                for (int at = 0; at + 16 <= b.capacity(); at += 16) {
                    long tag = b.getLong(at);
                    if (tag == 0) {
                        break;
                    }
                    if (tag == ConstructorFixup.TAG_INIT || tag == ConstructorFixup.TAG_INIT_ARRAY) {
                        renamed = true;
                    } else if (tag == ConstructorFixup.DT_INIT || tag == ConstructorFixup.DT_INIT_ARRAY) {
                        plain = true;
                    }
                }
            }
        }
        if (plain) {
            return "run by ld.so when Wine loads the module, before Win32 works (run winebuild-j --fixup-ctors on it)";
        }
        return renamed ? "hidden from ld.so; the entry point runs them (fixed up)" : "none";
    }

    private static String symbolAt(ElfFile elf, long address) throws ElfFormatException {
        String best = "";
        for (ElfSymbol s : elf.symbols()) {
            if (s.isDefined() && s.value() == address && !s.name().isEmpty() && s.type() != 3 && s.type() != 4
                    && (best.isEmpty() || best.startsWith(".L"))) {
                best = s.name();
            }
        }
        return best;
    }

    static String characteristics(int c) {
        List<String> names = new ArrayList<>();
        if ((c & 0x2000) != 0) {
            names.add("DLL");
        } else {
            names.add("executable");
        }
        if ((c & 0x0020) != 0) {
            names.add("large address aware");
        }
        if ((c & 0x0100) != 0) {
            names.add("32-bit machine");
        }
        return String.join(", ", names);
    }

    static String dllCharacteristics(int c) {
        List<String> names = new ArrayList<>();
        if ((c & 0x0010) != 0) {
            names.add("prefer native");
        }
        if ((c & 0x0040) != 0) {
            names.add("dynamic base");
        }
        if ((c & 0x0100) != 0) {
            names.add("NX compatible");
        }
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    static String subsystem(int s) {
        return switch (s) {
            case 1 -> "native";
            case 2 -> "windows";
            case 3 -> "console";
            case 9 -> "wince";
            default -> "other";
        };
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append(String.format(Locale.ROOT, "%-20s %s%n", label + ":", value));
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    private static String hex4(int v) {
        return String.format(Locale.ROOT, "0x%04x", v);
    }
}
