package dev.winelib.toolchain.pe;

import java.util.List;
import java.util.Optional;

/**
 * The PE view of a linked winelib module, decoded from the ELF file the way Wine's loader reads it.
 *
 * @param ntHeaderAddress address of {@code __wine_spec_nt_header}
 * @param imageBase the ImageBase field (start of the header reserve)
 * @param moduleBase where Wine will put the PE headers: ImageBase rounded up to 64 KiB
 * @param entryPoint absolute entry point address, 0 for none
 * @param machine FileHeader.Machine
 * @param characteristics FileHeader.Characteristics
 * @param subsystem OptionalHeader.Subsystem
 * @param sizeOfImage SizeOfImage (relative to the NT header)
 * @param exportDirectoryAddress absolute address of the export directory, 0 when there is none
 * @param exportDirectorySize its size
 * @param dllName the Name of the export directory
 * @param ordinalBase the export ordinal base
 * @param exports export slots in ordinal order; holes are left out
 * @param slotCount NumberOfFunctions
 * @param nameTable the export names in the order of the name table (Wine searches it by bisection)
 * @param imports the import and delay-import directories
 * @param header the other header fields
 * @param resources the resources of the resource directory, in directory order
 */
public record WinelibImage(
        long ntHeaderAddress,
        long imageBase,
        long moduleBase,
        long entryPoint,
        int machine,
        int characteristics,
        int subsystem,
        long sizeOfImage,
        long exportDirectoryAddress,
        long exportDirectorySize,
        Optional<String> dllName,
        int ordinalBase,
        List<PeExport> exports,
        int slotCount,
        List<String> nameTable,
        List<PeImport> imports,
        PeHeader header,
        List<PeResource> resources) {

    public WinelibImage {
        exports = List.copyOf(exports);
        nameTable = List.copyOf(nameTable);
        imports = List.copyOf(imports);
        resources = List.copyOf(resources);
    }

    /** The address Wine maps its header page over; nothing the PE view uses may lie below its end. */
    public long firstUsableAddress() {
        return moduleBase + 0x1000;
    }
}
