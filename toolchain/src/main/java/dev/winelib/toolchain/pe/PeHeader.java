package dev.winelib.toolchain.pe;

import java.util.List;

/**
 * Header fields of a module's NT header that the other views leave out.
 *
 * @param timeDateStamp FileHeader.TimeDateStamp (winebuild writes a hash of the file name)
 * @param subsystemMajor OptionalHeader.MajorSubsystemVersion
 * @param subsystemMinor OptionalHeader.MinorSubsystemVersion
 * @param dllCharacteristics OptionalHeader.DllCharacteristics
 * @param stackReserve SizeOfStackReserve
 * @param stackCommit SizeOfStackCommit
 * @param heapReserve SizeOfHeapReserve
 * @param heapCommit SizeOfHeapCommit
 * @param sizeOfHeaders SizeOfHeaders
 * @param directories the data directories (RVA and size), 16 of them
 */
public record PeHeader(long timeDateStamp, int subsystemMajor, int subsystemMinor, int dllCharacteristics,
        long stackReserve, long stackCommit, long heapReserve, long heapCommit, long sizeOfHeaders,
        List<Directory> directories) {

    /** Names of the 16 data directories, by index. */
    public static final List<String> DIRECTORY_NAMES = List.of("export", "import", "resource", "exception",
            "security", "base relocation", "debug", "architecture", "global pointer", "TLS", "load config",
            "bound import", "import address table", "delay import", "COM descriptor", "reserved");

    /** One data directory. */
    public record Directory(long rva, long size) {
    }

    public PeHeader {
        directories = List.copyOf(directories);
    }
}
