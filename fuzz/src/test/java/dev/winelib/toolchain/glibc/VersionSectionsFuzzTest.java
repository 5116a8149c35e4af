package dev.winelib.toolchain.glibc;

import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.winelib.toolchain.elf.ElfFile;
import dev.winelib.toolchain.elf.ElfFormatException;

/**
 * The glibc baseline check's readers of a linked module ({@code .gnu.version_r}, {@code .gnu.version},
 * {@code DT_NEEDED}) on any ELF bytes: a report or an {@link ElfFormatException}, nothing else.
 */
class VersionSectionsFuzzTest {

    @FuzzTest
    void versionSections(byte[] input) throws java.io.IOException {
        try {
            ElfFile elf = ElfFile.parse("fuzz.so", input);
            GlibcBaselineCheck.check(elf, List.of(), GlibcVersion.parse("2.31"));
        } catch (ElfFormatException expected) {
            // a malformed module
        }
    }
}
