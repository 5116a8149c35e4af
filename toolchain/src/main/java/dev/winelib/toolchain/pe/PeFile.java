package dev.winelib.toolchain.pe;

import java.util.List;
import java.util.Optional;

/**
 * A PE file (a fake module, a module built with MinGW) as its headers describe it.
 *
 * @param origin the file, for messages
 * @param wineSignature the Wine signature after the DOS header ({@code Wine builtin DLL},
 *     {@code Wine placeholder DLL}), if it has one
 * @param machine FileHeader.Machine
 * @param characteristics FileHeader.Characteristics
 * @param magic the optional header's magic (0x20b for PE32+, 0x10b for PE32)
 * @param entryPoint AddressOfEntryPoint (an RVA)
 * @param imageBase ImageBase
 * @param sizeOfImage SizeOfImage
 * @param subsystem Subsystem
 * @param header the other header fields
 * @param sections the section headers
 * @param exportedNames the names of the export name table, with the DLL name first, if it has exports
 * @param resources the resources
 */
public record PeFile(String origin, Optional<String> wineSignature, int machine, int characteristics, int magic,
        long entryPoint, long imageBase, long sizeOfImage, int subsystem, PeHeader header, List<Section> sections,
        List<String> exportedNames, List<PeResource> resources) {

    /** One section header. */
    public record Section(String name, long virtualAddress, long virtualSize, long rawSize, long rawOffset,
            long characteristics) {
    }

    public PeFile {
        sections = List.copyOf(sections);
        exportedNames = List.copyOf(exportedNames);
        resources = List.copyOf(resources);
    }
}
