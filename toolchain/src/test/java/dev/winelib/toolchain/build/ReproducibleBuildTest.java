package dev.winelib.toolchain.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.asm.ModuleAssemblyEmitter;
import dev.winelib.toolchain.BuildLog;
import dev.winelib.toolchain.RequiredTools;
import dev.winelib.toolchain.elf.ElfFile;
import dev.winelib.toolchain.pe.WinelibImage;
import dev.winelib.toolchain.process.ToolLocator;

/**
 * The same project built in two directories gives the same bytes, even when the code uses
 * {@code __FILE__} and {@code __DATE__}; the only time in a module is the configured one.
 */
class ReproducibleBuildTest {

    private static final String SOURCE = TestProjects.SOURCE + """
            const char *where(void) { return __FILE__; }
            const char *when(void) { return __DATE__ " " __TIME__; }
            """;

    @TempDir
    Path dir;

    private final WinelibBuilder builder = new WinelibBuilder(ToolLocator.fromEnvironment(), BuildLog.silent());

    @Test
    void twoCheckoutsGiveByteIdenticalModules() throws Exception {
        RequiredTools.require("gcc", "gcc");
        RequiredTools.linker();
        OutputTimestamp time = OutputTimestamp.parseMaven("2023-11-14T22:13:20Z").orElseThrow();
        Path a = TestProjects.write(dir.resolve("a"), TestProjects.SPEC, SOURCE);
        Path b = TestProjects.write(dir.resolve("checkout-with-a-longer-name/b"), TestProjects.SPEC, SOURCE);
        BuildResult ra = builder.build(TestProjects.request(a, dir.resolve("views")).baseDirectory(a)
                .outputTimestamp(time).build());
        BuildResult rb = builder.build(TestProjects.request(b, dir.resolve("views")).baseDirectory(b)
                .outputTimestamp(time).build());

        byte[] dllA = Files.readAllBytes(ra.outputFile());
        assertThat(dllA).isEqualTo(Files.readAllBytes(rb.outputFile()));
        assertThat(new String(dllA, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(dir.toString())
                .contains("./src/test.c").contains("Nov 14 2023 22:13:20");
        assertThat(Files.readAllBytes(a.resolve("work/obj/test.c.o")))
                .isEqualTo(Files.readAllBytes(b.resolve("work/obj/test.c.o")));
    }

    @Test
    void theConfiguredTimeIsTheTimeDateStampOfHeaderAndExports() throws Exception {
        RequiredTools.require("gcc", "gcc");
        RequiredTools.linker();
        Path p = TestProjects.write(dir.resolve("p"), TestProjects.SPEC, TestProjects.SOURCE);
        BuildResult r = builder.build(TestProjects.request(p, dir.resolve("views"))
                .outputTimestamp(OutputTimestamp.parseMaven("1700000000").orElseThrow()).build());
        assertThat(timeDateStamps(r)).containsExactly(1700000000L, 1700000000L);

        BuildResult again = builder.build(TestProjects.request(p, dir.resolve("views"))
                .outputTimestamp(OutputTimestamp.parseMaven("1800000000").orElseThrow()).build());
        assertThat(again.linked()).as("another time links again").isTrue();
        assertThat(timeDateStamps(again)).containsExactly(1800000000L, 1800000000L);
    }

    @Test
    void withoutATimeNoneIsWritten() throws Exception {
        RequiredTools.require("gcc", "gcc");
        RequiredTools.linker();
        Path p = TestProjects.write(dir.resolve("p"), TestProjects.SPEC, TestProjects.SOURCE);
        BuildResult r = builder.build(TestProjects.request(p, dir.resolve("views")).build());
        long hash = Integer.toUnsignedLong(ModuleAssemblyEmitter.fileNameHash("test.dll"));
        assertThat(timeDateStamps(r)).containsExactly(hash, hash);
    }

    /** TimeDateStamp of the NT header's file header and of the export directory. */
    private static long[] timeDateStamps(BuildResult r) throws Exception {
        ElfFile elf = ElfFile.read(r.outputFile());
        WinelibImage image = r.image();
        return new long[] {u32(elf.readAtAddress(image.ntHeaderAddress() + 8, 4)),
            u32(elf.readAtAddress(image.exportDirectoryAddress() + 4, 4))};
    }

    private static long u32(byte[] b) {
        return Integer.toUnsignedLong(ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt());
    }
}
