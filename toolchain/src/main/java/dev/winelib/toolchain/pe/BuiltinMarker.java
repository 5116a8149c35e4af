package dev.winelib.toolchain.pe;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import dev.winelib.asm.ModuleOptions;

/**
 * Marks a PE module as a Wine builtin, as winebuild's {@code --builtin} mode does: the signature
 * {@code "Wine builtin DLL"} (zero-padded to 32 bytes) is written right after the 64-byte DOS
 * header, over the DOS stub, where Wine's loader looks for it. With {@code preferNative}, the
 * module's DllCharacteristics also get Wine's "prefer native" flag (0x0010). The file is changed in
 * place; a file that is not a PE module, or whose PE header starts too early for the signature, is
 * refused and left unchanged.
 */
public final class BuiltinMarker {

    private static final int DOS_HEADER_SIZE = 0x40;
    private static final int DLL_CHARACTERISTICS_OFFSET = 0x5e;

    private BuiltinMarker() {
    }

    /** Marks {@code file}. */
    public static void mark(Path file, boolean preferNative) throws IOException, PeFormatException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer header = ByteBuffer.allocate(DOS_HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
            int read = channel.read(header, 0);
            if (read < DOS_HEADER_SIZE || header.getShort(0) != 0x5a4d) {
                throw new PeFormatException(file + ": not a PE module (no MZ header); --builtin marks PE files such as"
                        + " those built with x86_64-w64-mingw32-gcc");
            }
            long lfanew = Integer.toUnsignedLong(header.getInt(0x3c));
            if (lfanew < DOS_HEADER_SIZE + FakeModuleWriter.SIGNATURE_SIZE) {
                throw new PeFormatException(file + ": not enough space (0x" + Long.toHexString(lfanew) + ") for the Wine"
                        + " signature: the PE header starts before offset 0x60");
            }
            channel.write(ByteBuffer.wrap(FakeModuleWriter.signature(FakeModuleWriter.BUILTIN_SIGNATURE)),
                    DOS_HEADER_SIZE);
            if (preferNative) {
                ByteBuffer value = ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN);
                long at = lfanew + DLL_CHARACTERISTICS_OFFSET;
                if (channel.read(value, at) == 2) {
                    value.putShort(0, (short) (value.getShort(0) | ModuleOptions.PREFER_NATIVE));
                    value.rewind();
                    channel.write(value, at);
                }
            }
        }
    }
}
