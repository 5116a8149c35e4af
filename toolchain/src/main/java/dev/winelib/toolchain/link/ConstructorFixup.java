package dev.winelib.toolchain.link;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import dev.winelib.spec.InputFiles;
import dev.winelib.toolchain.build.AtomicFiles;
import dev.winelib.toolchain.elf.ElfFile;
import dev.winelib.toolchain.elf.ElfFormatException;

/**
 * Hides a linked module's constructors from ld.so, as winebuild's {@code --fixup-ctors} does:
 * the dynamic tags DT_INIT, DT_INIT_ARRAY and DT_INIT_ARRAYSZ become 0x60009996, 0x60009994 and
 * 0x60009995. The module's entry point runs them at DLL_PROCESS_ATTACH, when Win32 calls work.
 */
public final class ConstructorFixup {

    public static final long DT_INIT = 12;
    public static final long DT_INIT_ARRAY = 25;
    public static final long DT_INIT_ARRAYSZ = 27;
    public static final long TAG_INIT = 0x60009996L;
    public static final long TAG_INIT_ARRAY = 0x60009994L;
    public static final long TAG_INIT_ARRAYSZ = 0x60009995L;

    private ConstructorFixup() {
    }

    /**
     * Retags the constructor entries of {@code file} without ever leaving it half done: the changes
     * are made in a copy (with the file's permissions) that is renamed over the file, which is left
     * untouched when there is nothing to change. A symbolic link is followed: the file it names is
     * replaced.
     *
     * @return how many tags were changed
     */
    public static int applyAtomically(Path file) throws IOException, ElfFormatException {
        Path target = file.toRealPath();
        Path tmp = AtomicFiles.temporarySibling(target);
        try {
            Files.copy(target, tmp, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            int changed = apply(tmp, file.toString());
            if (changed > 0) {
                AtomicFiles.commit(tmp, target);
            }
            return changed;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Retags the constructor entries of {@code file} in place (for a file the build has not put in
     * place yet; see {@link #applyAtomically}).
     *
     * @return how many tags were changed (0 when the file was already fixed up or has no constructors)
     */
    public static int apply(Path file) throws IOException, ElfFormatException {
        return apply(file, file.toString());
    }

    /**
     * {@link #apply(Path)} for a temporary copy of the file errors call {@code shown}, so that a
     * message names the user's file, not the copy.
     */
    public static int apply(Path file, String shown) throws IOException, ElfFormatException {
        return apply(file, InputFiles.readAll(file, InputFiles.BINARY_LIMIT), shown);
    }

    /**
     * {@link #apply(Path, String)} for a file whose content the caller has read into {@code bytes}: each
     * tag is changed in the file and in {@code bytes} alike, so the caller's copy stays the file's and
     * the file is read once.
     */
    public static int apply(Path file, byte[] bytes, String shown) throws IOException, ElfFormatException {
        ElfFile elf = ElfFile.parseEither(shown, bytes);
        if (elf.type() != ElfFile.ET_DYN) {
            throw new ElfFormatException(shown + " is not a shared object");
        }
        if (elf.sections().stream().noneMatch(s -> s.type() == ElfFile.SHT_DYNAMIC)) {
            throw new ElfFormatException(shown + " has no dynamic section");
        }
        int changed = 0;
        int tagSize = elf.dynamicEntrySize() / 2;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            for (ElfFile.DynamicEntry entry : elf.dynamicEntries()) {
                long tag = entry.tag();
                long replacement = tag == DT_INIT ? TAG_INIT
                        : tag == DT_INIT_ARRAY ? TAG_INIT_ARRAY
                        : tag == DT_INIT_ARRAYSZ ? TAG_INIT_ARRAYSZ : -1;
                if (replacement >= 0) {
                    ByteBuffer b = ByteBuffer.allocate(tagSize).order(ByteOrder.LITTLE_ENDIAN);
                    if (tagSize == 8) {
                        b.putLong(0, replacement);
                    } else {
                        b.putInt(0, (int) replacement);
                    }
                    channel.write(b, entry.fileOffset());
                    System.arraycopy(b.array(), 0, bytes, Math.toIntExact(entry.fileOffset()), tagSize);
                    changed++;
                }
            }
        }
        return changed;
    }
}
