package dev.winelib.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.winelib.toolchain.elf.ElfFile;
import dev.winelib.toolchain.pe.WinelibImage;
import dev.winelib.toolchain.pe.WinelibImageReader;

/**
 * Reproducible builds: the same project built with {@code mvn package} in two directories, and rebuilt from
 * clean, gives byte-identical DLLs, though the code has debug information, {@code __FILE__},
 * {@code __DATE__} and {@code __TIME__}; {@code project.build.outputTimestamp} is the PE TimeDateStamp.
 */
class ReproducibleIT {

    private static final Instant OUTPUT_TIMESTAMP = Instant.parse("2024-02-29T12:34:56Z");

    @Test
    void twoDirectoriesAndACleanRebuildGiveTheSameBytes() throws Exception {
        ExternalTools.requireBuildTools();
        TestProject first = TestProject.copyAs("reproducible", "reproducible-a/project");
        TestProject second = TestProject.copyAs("reproducible", "reproducible-b/somewhere/else/entirely");

        first.mvnPackage().assertSuccess();
        second.mvnPackage().assertSuccess();
        byte[] a = Files.readAllBytes(first.resolve("target/repro.dll"));
        byte[] b = Files.readAllBytes(second.resolve("target/repro.dll"));
        assertThat(b).as("DLLs built in %s and %s", first.directory(), second.directory()).isEqualTo(a);
        String text = new String(a, StandardCharsets.ISO_8859_1);
        assertThat(text).doesNotContain(first.directory().toString()).doesNotContain("reproducible-a")
                .contains("./src/main/c/repro.c on Feb 29 2024 at 12:34:56");

        ElfFile elf = ElfFile.read(first.resolve("target/repro.dll"));
        WinelibImage image = WinelibImageReader.read(elf);
        assertThat(u32(elf, image.ntHeaderAddress() + 8)).isEqualTo(OUTPUT_TIMESTAMP.getEpochSecond());
        assertThat(u32(elf, image.exportDirectoryAddress() + 4)).isEqualTo(OUTPUT_TIMESTAMP.getEpochSecond());

        // from clean: the same bytes again
        TestProject.deleteRecursively(first.resolve("target"));
        first.mvnPackage().assertSuccess();
        assertThat(Files.readAllBytes(first.resolve("target/repro.dll"))).isEqualTo(a);

        // another build time changes the TimeDateStamp (and __DATE__), and relinks
        first.mvnPackage(Map.of("project.build.outputTimestamp", "1700000000")).assertSuccess();
        ElfFile later = ElfFile.read(first.resolve("target/repro.dll"));
        assertThat(u32(later, WinelibImageReader.read(later).ntHeaderAddress() + 8)).isEqualTo(1700000000L);
    }

    private static long u32(ElfFile elf, long address) throws Exception {
        return Integer.toUnsignedLong(ByteBuffer.wrap(elf.readAtAddress(address, 4)).order(ByteOrder.LITTLE_ENDIAN)
                .getInt());
    }
}
