package dev.winelib.toolchain.elf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.winelib.toolchain.link.ConstructorFixup;
import dev.winelib.toolchain.pe.WinelibImageReader;

/**
 * The ELF reader and the winelib PE-view reader on any bytes: every input ends in a result or an
 * {@link ElfFormatException} naming the file and what is wrong; nothing else may escape, however the
 * headers, section table, symbol tables, dynamic section and relocations lie about offsets and sizes.
 * {@link ConstructorFixup} (winebuild-j {@code --fixup-ctors FILE}) may also be given any file.
 */
class ElfReadersFuzzTest {

    @FuzzTest
    void elfFile(byte[] input) {
        readEverything(input);
    }

    /**
     * A real winelib DLL (the seed in the inputs) with bytes changed where the fuzzer chooses: mutations land
     * in the headers and tables, which random bytes rarely reach.
     */
    @FuzzTest
    void mutatedWinelibModule(FuzzedDataProvider data) throws IOException {
        byte[] module = seedModule();
        int changes = data.consumeInt(1, 16);
        for (int i = 0; i < changes && data.remainingBytes() > 0; i++) {
            int at = data.pickValue(new int[] {data.consumeInt(0, 0x200), data.consumeInt(0, module.length - 1)});
            module[at] = data.consumeByte();
        }
        readEverything(module);
    }

    @FuzzTest
    void fixupConstructors(byte[] input) throws IOException {
        Path file = Files.createTempFile("fuzz-fixup", ".so");
        try {
            Files.write(file, input);
            try {
                ConstructorFixup.apply(file);
            } catch (ElfFormatException expected) {
                // not a module it can fix
            }
        } finally {
            Files.delete(file);
        }
    }

    private static void readEverything(byte[] input) {
        ElfFile elf;
        try {
            elf = ElfFile.parse("fuzz.so", input);
        } catch (ElfFormatException expected) {
            return;
        }
        try {
            elf.symbols();
        } catch (ElfFormatException expected) {
            // next
        }
        try {
            elf.dynamicSymbols();
        } catch (ElfFormatException expected) {
            // next
        }
        try {
            elf.dynamicRelocations();
        } catch (ElfFormatException expected) {
            // next
        }
        for (ElfFile.Section s : elf.sections()) {
            try {
                elf.sectionData(s);
                elf.linkedSection(s);
            } catch (ElfFormatException expected) {
                // next
            }
        }
        for (ElfFile.Segment s : elf.segments()) {
            if (elf.isMapped(s.virtualAddress())) {
                try {
                    elf.readAtAddress(s.virtualAddress(), (int) Math.min(64, Math.max(0, s.fileSize())));
                } catch (ElfFormatException expected) {
                    // next
                }
            }
        }
        try {
            WinelibImageReader.read(elf);
        } catch (ElfFormatException expected) {
            // not a readable winelib module
        }
    }

    private static byte[] seed;

    private static synchronized byte[] seedModule() throws IOException {
        if (seed == null) {
            try (var in = ElfReadersFuzzTest.class.getResourceAsStream("module.dll.so")) {
                seed = in.readAllBytes();
            }
        }
        return seed.clone();
    }
}
