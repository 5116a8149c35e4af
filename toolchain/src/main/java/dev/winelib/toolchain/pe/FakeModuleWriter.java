package dev.winelib.toolchain.pe;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.winelib.asm.ModuleAssemblyEmitter;
import dev.winelib.asm.ModuleOptions;
import dev.winelib.resources.ResourceDirectory;
import dev.winelib.resources.ResourceTable;
import dev.winelib.spec.ModuleSpec;

/**
 * Writes a "fake" PE module, as winebuild's {@code --fake-module} does: the small PE file Wine puts
 * in {@code C:\windows\system32} for each builtin module, so that programs find a file there. Its
 * DOS header is followed by the signature {@code "Wine placeholder DLL"}; Wine's loader, finding
 * such a file, loads the builtin module of the same name instead. It holds a code section that
 * returns at once, the module's resources (so that version information can be read from the file),
 * and an empty relocation section. Byte for byte what winebuild writes for the same inputs.
 */
public final class FakeModuleWriter {

    /** The signature winebuild writes after the DOS header of a fake module. */
    public static final String PLACEHOLDER_SIGNATURE = "Wine placeholder DLL";
    /** The signature that marks a PE module as a Wine builtin ({@code --builtin}). */
    public static final String BUILTIN_SIGNATURE = "Wine builtin DLL";
    /** Room for a signature: 32 bytes, zero-padded. */
    public static final int SIGNATURE_SIZE = 32;

    private static final int DOS_HEADER_SIZE = 0x40;
    private static final int LFANEW = DOS_HEADER_SIZE + SIGNATURE_SIZE;
    private static final int SECTION_ALIGN = ModuleAssemblyEmitter.PAGE_SIZE;
    private static final int FILE_ALIGN = 0x200;
    private static final long IMAGE_BASE = 0x10000000L;
    private static final int CODE = 0x60000020;
    private static final int RESOURCES = 0x40000040;
    private static final int RELOCATIONS = 0x42000040;
    /** xor %eax,%eax; ret $12: a DLL entry point that fails the load if the file itself is ever run. */
    private static final byte[] DLL_CODE = {0x31, (byte) 0xc0, (byte) 0xc2, 0x0c, 0x00};
    /** movl $1,%eax; ret $4. */
    private static final byte[] EXE_CODE = {(byte) 0xb8, 0x01, 0x00, 0x00, 0x00, (byte) 0xc2, 0x04, 0x00};

    private record Section(String name, byte[] data, int flags, int rva, int filePosition, int directory) {
        int fileSize() {
            return align(data.length, FILE_ALIGN);
        }

        int virtualSize() {
            return align(data.length, SECTION_ALIGN);
        }
    }

    private FakeModuleWriter() {
    }

    /** The fake module of a spec with the given header values and resources. */
    public static byte[] write(ModuleSpec spec, ModuleOptions options, ResourceTable resources) {
        List<Section> sections = new ArrayList<>();
        add(sections, ".text", options.isDll() ? DLL_CODE : EXE_CODE, CODE, -1);
        if (!resources.isEmpty()) {
            int rva = nextRva(sections);
            add(sections, ".rsrc", ResourceDirectory.of(resources).toBytes(rva), RESOURCES, 2);
        }
        add(sections, ".reloc", new byte[8], RELOCATIONS, 5);

        int codeSize = 0;
        int dataSize = 0;
        for (Section s : sections) {
            if ((s.flags() & 0x20) != 0) {
                codeSize += s.fileSize();
            }
            if ((s.flags() & 0x60) == 0x40) {
                dataSize += s.fileSize();
            }
        }
        int headersEnd = LFANEW + 4 + 20 + 240 + 40 * sections.size();
        Section last = sections.get(sections.size() - 1);
        ByteBuffer b = ByteBuffer.allocate(last.filePosition() + last.fileSize()).order(ByteOrder.LITTLE_ENDIAN);

        b.putShort((short) 0x5a4d); // e_magic
        b.putShort((short) 0x40); // e_cblp
        b.putShort((short) 1); // e_cp
        b.putShort((short) 0); // e_crlc
        b.putShort((short) (LFANEW / 16)); // e_cparhdr
        b.putShort((short) 0); // e_minalloc
        b.putShort((short) 0xffff); // e_maxalloc
        b.putShort((short) 0); // e_ss
        b.putShort((short) 0xb8); // e_sp
        b.putShort((short) 0); // e_csum
        b.putShort((short) 0); // e_ip
        b.putShort((short) 0); // e_cs
        b.putShort((short) LFANEW); // e_lfarlc
        b.putShort((short) 0); // e_ovno
        b.position(0x3c);
        b.putInt(LFANEW); // e_lfanew
        b.put(signature(PLACEHOLDER_SIGNATURE));

        b.putInt(0x4550); // PE\0\0
        b.putShort((short) 0x8664); // Machine
        b.putShort((short) sections.size());
        // TimeDateStamp: the configured one, else winebuild's hash of the file name
        b.putInt((int) options.timeDateStamp().orElse(Integer.toUnsignedLong(
                ModuleAssemblyEmitter.fileNameHash(spec.fileName()))));
        b.putInt(0).putInt(0); // symbol table
        b.putShort((short) 240); // SizeOfOptionalHeader
        b.putShort((short) options.characteristics());
        b.putShort((short) 0x20b); // PE32+
        b.put((byte) 7).put((byte) 10); // linker version
        b.putInt(codeSize);
        b.putInt(dataSize);
        b.putInt(0); // SizeOfUninitializedData
        b.putInt(codeSize != 0 ? sections.get(0).rva() : 0); // AddressOfEntryPoint
        b.putInt(codeSize != 0 ? sections.get(0).rva() : 0); // BaseOfCode
        b.putLong(IMAGE_BASE);
        b.putInt(SECTION_ALIGN).putInt(FILE_ALIGN);
        b.putShort((short) 1).putShort((short) 0); // operating system version
        b.putShort((short) 0).putShort((short) 0); // image version
        b.putShort((short) options.subsystemMajor()).putShort((short) options.subsystemMinor());
        b.putInt(0); // Win32VersionValue
        b.putInt(nextRva(sections)); // SizeOfImage
        b.putInt(FILE_ALIGN); // SizeOfHeaders
        b.putInt(0); // CheckSum
        b.putShort((short) options.subsystem());
        b.putShort((short) options.dllCharacteristics());
        b.putLong((long) options.stackReserveKib() * 1024).putLong(SECTION_ALIGN);
        b.putLong((long) options.heapReserveKib() * 1024).putLong(SECTION_ALIGN);
        b.putInt(0); // LoaderFlags
        b.putInt(16); // NumberOfRvaAndSizes
        int directories = b.position();
        for (int i = 0; i < 16; i++) {
            b.putInt(0).putInt(0);
        }
        for (Section s : sections) {
            if (s.directory() >= 0) {
                b.putInt(directories + 8 * s.directory(), s.rva());
                b.putInt(directories + 8 * s.directory() + 4, s.data().length);
            }
        }
        for (Section s : sections) {
            byte[] name = new byte[8];
            byte[] text = s.name().getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(text, 0, name, 0, text.length);
            b.put(name);
            b.putInt(s.data().length); // VirtualSize
            b.putInt(s.rva());
            b.putInt(s.fileSize());
            b.putInt(s.filePosition());
            b.putInt(0).putInt(0).putShort((short) 0).putShort((short) 0);
            b.putInt(s.flags());
        }
        if (b.position() != headersEnd) {
            throw new IllegalStateException("header layout error");
        }
        for (Section s : sections) {
            b.put(s.filePosition(), s.data());
        }
        return b.array();
    }

    /** A signature as it is written: its characters, zero-padded to 32 bytes. */
    public static byte[] signature(String text) {
        byte[] bytes = new byte[SIGNATURE_SIZE];
        byte[] t = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(t, 0, bytes, 0, t.length);
        return bytes;
    }

    private static void add(List<Section> sections, String name, byte[] data, int flags, int directory) {
        int rva = nextRva(sections);
        int filePosition = sections.isEmpty() ? FILE_ALIGN : sections.get(sections.size() - 1).filePosition()
                + sections.get(sections.size() - 1).fileSize();
        sections.add(new Section(name, data, flags, rva, filePosition, directory));
    }

    private static int nextRva(List<Section> sections) {
        if (sections.isEmpty()) {
            return SECTION_ALIGN;
        }
        Section last = sections.get(sections.size() - 1);
        return last.rva() + last.virtualSize();
    }

    private static int align(int n, int alignment) {
        return (n + alignment - 1) & -alignment;
    }
}
