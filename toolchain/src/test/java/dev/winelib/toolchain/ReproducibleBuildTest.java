package dev.winelib.toolchain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.asm.ModuleAssemblyEmitter;
import dev.winelib.toolchain.elf.ElfFile;
import dev.winelib.toolchain.pe.WinelibImage;
import dev.winelib.toolchain.process.ToolLocator;

/**
 * The same project in two directories gives byte-identical DLLs, debug information, {@code __FILE__},
 * {@code __DATE__} and {@code __TIME__} included; the build time (outputTimestamp / SOURCE_DATE_EPOCH) is
 * the PE TimeDateStamp and the compiler's date.
 */
class ReproducibleBuildTest {

    private static final String SOURCE = TestProjects.SOURCE
            + "const char *where(void) { return __FILE__ \" \" __DATE__ \" \" __TIME__; }\n";
    private static final Instant TIME = Instant.parse("2024-02-29T12:34:56Z");

    @TempDir
    Path dir;

    private WinelibBuilder builder;

    @BeforeEach
    void tools() {
        RequiredTools.require("gcc", "gcc");
        RequiredTools.linker();
        builder = new WinelibBuilder(ToolLocator.fromEnvironment(), BuildLog.silent());
    }

    private byte[] build(Path project, Optional<Instant> time) throws Exception {
        TestProjects.write(project, TestProjects.SPEC, SOURCE);
        builder.build(TestProjects.request(project, dir.resolve("views")).cflags(List.of("-g", "-O1"))
                .outputTimestamp(time).build());
        return Files.readAllBytes(project.resolve("out/test.dll"));
    }

    @Test
    void twoCheckoutsGiveTheSameBytes() throws Exception {
        byte[] a = build(dir.resolve("first/checkout"), Optional.of(TIME));
        byte[] b = build(dir.resolve("second-place/elsewhere/project"), Optional.of(TIME));
        assertThat(b).isEqualTo(a);
        assertThat(new String(a, StandardCharsets.ISO_8859_1)).doesNotContain(dir.toString());
        byte[] c = build(dir.resolve("third"), Optional.empty());
        byte[] d = build(dir.resolve("fourth"), Optional.empty());
        assertThat(d).isEqualTo(c);
    }

    @Test
    void theBuildTimeIsTheTimeDateStampAndTheCompilersDate() throws Exception {
        Path project = dir.resolve("p");
        build(project, Optional.of(TIME));
        ElfFile elf = ElfFile.read(project.resolve("out/test.dll"));
        WinelibImage image = dev.winelib.toolchain.pe.WinelibImageReader.read(elf);
        assertThat(u32(elf, image.ntHeaderAddress() + 8)).as("NT header TimeDateStamp").isEqualTo(TIME.getEpochSecond());
        assertThat(u32(elf, image.exportDirectoryAddress() + 4)).as("export directory TimeDateStamp")
                .isEqualTo(TIME.getEpochSecond());
        // __DATE__ is "Mmm dd yyyy" with the day padded by a space
        String date = DateTimeFormatter.ofPattern("MMM ppd yyyy", Locale.ROOT).withZone(ZoneOffset.UTC).format(TIME);
        assertThat(new String(Files.readAllBytes(project.resolve("out/test.dll")), StandardCharsets.ISO_8859_1))
                .contains("./src/test.c " + date + " 12:34:56");

        // without a build time: winebuild's hash of the module name
        Path plain = dir.resolve("q");
        build(plain, Optional.empty());
        ElfFile elf2 = ElfFile.read(plain.resolve("out/test.dll"));
        WinelibImage image2 = dev.winelib.toolchain.pe.WinelibImageReader.read(elf2);
        assertThat(u32(elf2, image2.ntHeaderAddress() + 8))
                .isEqualTo(Integer.toUnsignedLong(ModuleAssemblyEmitter.fileNameHash("test.dll")));
    }

    private static long u32(ElfFile elf, long address) throws Exception {
        return Integer.toUnsignedLong(ByteBuffer.wrap(elf.readAtAddress(address, 4)).order(ByteOrder.LITTLE_ENDIAN)
                .getInt());
    }
}
