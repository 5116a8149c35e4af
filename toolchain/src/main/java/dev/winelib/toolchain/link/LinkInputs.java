package dev.winelib.toolchain.link;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.elf.ElfFile;
import dev.winelib.toolchain.elf.ElfFormatException;

/**
 * Prebuilt link inputs: x86_64 ELF relocatable objects and {@code ar} archives of them (static
 * libraries), told apart by their content, not their names.
 */
public final class LinkInputs {

    private static final byte[] AR_MAGIC = "!<arch>\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] THIN_AR_MAGIC = "!<thin>\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] ELF_MAGIC = {0x7f, 'E', 'L', 'F'};

    private LinkInputs() {
    }

    /**
     * Checks that every input exists and is an object or a static library; returns them as
     * absolute paths, in order.
     */
    public static List<Path> check(List<Path> inputs) throws BuildFailure, IOException {
        List<Path> checked = new ArrayList<>();
        for (Path input : inputs) {
            Path p = input.toAbsolutePath().normalize();
            if (!Files.isRegularFile(p)) {
                throw new BuildFailure(p + ": link input not found (link inputs are .o objects and .a static"
                        + " libraries)");
            }
            byte[] head = head(p, 8);
            if (startsWith(head, THIN_AR_MAGIC)) {
                throw new BuildFailure(p + ": a thin archive cannot be a link input (its members live elsewhere);"
                        + " make a normal one with 'ar rcs'");
            }
            if (!startsWith(head, AR_MAGIC)) {
                if (!startsWith(head, ELF_MAGIC)) {
                    throw new BuildFailure(p + ": a link input must be an ELF object (.o) or a static library (.a)");
                }
                try {
                    ElfFile elf = ElfFile.readEither(p);
                    if (elf.type() != ElfFile.ET_REL) {
                        throw new BuildFailure(p + ": a link input must be a relocatable object (.o) or a static"
                                + " library (.a), not a linked file (ELF type " + elf.type() + "); link shared"
                                + " libraries with <libraries>/-l");
                    }
                } catch (ElfFormatException e) {
                    throw new BuildFailure(p + ": " + e.getMessage(), e);
                }
            }
            checked.add(p);
        }
        return checked;
    }

    /** Whether a file is an {@code ar} archive (a static library). */
    public static boolean isArchive(Path file) {
        try {
            return startsWith(head(file, 8), AR_MAGIC);
        } catch (IOException e) {
            return false;
        }
    }

    private static byte[] head(Path file, int n) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(n);
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }
}
