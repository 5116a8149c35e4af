package dev.winelib.toolchain.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.spec.ModuleSpec;
import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.BuildLog;
import dev.winelib.toolchain.RequiredTools;
import dev.winelib.toolchain.check.PostLinkChecks;
import dev.winelib.toolchain.elf.ElfFile;
import dev.winelib.toolchain.elf.ElfFormatException;
import dev.winelib.toolchain.pe.WinelibImageReader;
import dev.winelib.toolchain.process.ToolLocator;

/** Damaged files end in an ElfFormatException or a BuildFailure, never in another exception. */
class MalformedElfTest {

    @TempDir
    Path dir;

    @Test
    void randomlyDamagedModulesAreRejectedCleanly() throws Exception {
        RequiredTools.require("gcc", "gcc");
        RequiredTools.linker();
        TestProjects.write(dir, TestProjects.SPEC, TestProjects.SOURCE);
        BuildResult built = new WinelibBuilder(ToolLocator.fromEnvironment(), BuildLog.silent())
                .build(TestProjects.request(dir, dir.resolve("views")).build());
        byte[] good = Files.readAllBytes(built.outputFile());
        ModuleSpec spec = ModuleInputs.readSpec(dir.resolve("test.spec"), Optional.of("test.dll"));
        Random random = new Random(20261121);
        int accepted = 0;
        for (int round = 0; round < 3000; round++) {
            byte[] bad = good.clone();
            int flips = 1 + random.nextInt(8);
            for (int i = 0; i < flips; i++) {
                // most damage goes to the headers and tables near the start and the end
                int at = random.nextBoolean() ? random.nextInt(Math.min(bad.length, 4096))
                        : bad.length - 1 - random.nextInt(Math.min(bad.length, 8192));
                bad[at] = (byte) random.nextInt(256);
            }
            if (round % 10 == 0) {
                bad = Arrays.copyOf(bad, random.nextInt(bad.length));
            }
            try {
                ElfFile elf = ElfFile.parse("damaged", bad);
                elf.symbols();
                WinelibImageReader.read(elf);
                PostLinkChecks.verify(elf, spec, Optional.of("DllMain"));
                accepted++;
            } catch (ElfFormatException | BuildFailure expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
        // damage in bytes that do not matter (code, padding) is accepted; most damage is not
        assertThat(accepted).isLessThan(3000);
    }

    @Test
    void truncatedAndForeignFilesAreNamed() {
        assertThatThrownBy(() -> ElfFile.parse("empty", new byte[0])).isInstanceOf(ElfFormatException.class)
                .hasMessage("empty is not an ELF file");
        byte[] elf32 = new byte[64];
        elf32[0] = 0x7f;
        elf32[1] = 'E';
        elf32[2] = 'L';
        elf32[3] = 'F';
        elf32[4] = 1;
        elf32[5] = 1;
        assertThatThrownBy(() -> ElfFile.parse("x.so", elf32)).isInstanceOf(ElfFormatException.class)
                .hasMessage("x.so is not a 64-bit little-endian ELF file");
    }
}
