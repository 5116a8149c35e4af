package dev.winelib.unixlib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.toolchain.build.OutputTimestamp;

/** The configured time in a mingw-linked PE file, read back with mingw's objdump. */
class PeTimeDateStampsTest {

    private static final OutputTimestamp NOV_2023 = new OutputTimestamp(Instant.ofEpochSecond(1_700_000_000L));

    @TempDir
    Path dir;

    /** Links {@code source} with mingw as the unixlib build does: no time stamp. */
    private byte[] link(String name, String source, String... flags) throws Exception {
        Path c = dir.resolve(name + ".c");
        Files.writeString(c, source, StandardCharsets.UTF_8);
        Path out = dir.resolve(name);
        List<String> command = new java.util.ArrayList<>(List.of(Tools.mingwGcc().toString(), "-o", out.toString(),
                c.toString(), "-Wl,--no-insert-timestamp"));
        command.addAll(List.of(flags));
        Tools.run(command, dir);
        return Files.readAllBytes(out);
    }

    private ObjdumpPeStamps objdump(String name, byte[] file) throws Exception {
        Path path = dir.resolve("checked-" + name);
        Files.write(path, file);
        return ObjdumpPeStamps.of(path);
    }

    private static boolean checksumIsValid(byte[] file) {
        int offset = BuiltinMarker.checksumOffset("f", file, BuiltinMarker.peOffset("f", file));
        return BuiltinMarker.storedChecksum("f", file) == BuiltinMarker.checksum(file, offset);
    }

    @Test
    void aDllGetsTheTimeInItsFileHeaderAndExportDirectoryAndAValidChecksum() throws Exception {
        byte[] dll = link("x.dll", "__declspec(dllexport) int answer(void) { return 42; }\n", "-shared");
        assertThat(objdump("before.dll", dll)).isEqualTo(new ObjdumpPeStamps(0, OptionalLong.of(0)));

        byte[] stamped = PeTimeDateStamps.apply("x.dll", dll, NOV_2023);

        assertThat(objdump("x.dll", stamped)).isEqualTo(new ObjdumpPeStamps(1_700_000_000L,
                OptionalLong.of(1_700_000_000L)));
        assertThat(checksumIsValid(dll)).isTrue();
        assertThat(checksumIsValid(stamped)).isTrue();
        assertThat(BuiltinMarker.storedChecksum("x.dll", stamped)).isNotEqualTo(BuiltinMarker.storedChecksum("x.dll",
                dll));
        // only the two stamps and the checksum change
        int changed = 0;
        for (int i = 0; i < dll.length; i++) {
            if (dll[i] != stamped[i]) {
                changed++;
            }
        }
        assertThat(changed).isBetween(2, 12);
        assertThat(PeTimeDateStamps.apply("x.dll", stamped, NOV_2023)).isEqualTo(stamped);
    }

    @Test
    void theLargestTimeFillsAll32Bits() throws Exception {
        byte[] dll = link("x.dll", "__declspec(dllexport) int answer(void) { return 42; }\n", "-shared");
        OutputTimestamp last = new OutputTimestamp(Instant.ofEpochSecond(0xFFFF_FFFFL));

        byte[] stamped = PeTimeDateStamps.apply("x.dll", dll, last);

        assertThat(objdump("x.dll", stamped).exportDirectory()).hasValue(0xFFFF_FFFFL);
        assertThat(checksumIsValid(stamped)).isTrue();
    }

    @Test
    void aFileWithoutExportsGetsTheTimeInItsFileHeader() throws Exception {
        byte[] exe = link("x.exe", "int main(void) { return 0; }\n");
        assertThat(PeTimeDateStamps.exportDirectoryOffset("x.exe", exe)).isEmpty();

        byte[] stamped = PeTimeDateStamps.apply("x.exe", exe, NOV_2023);

        assertThat(objdump("x.exe", stamped)).isEqualTo(new ObjdumpPeStamps(1_700_000_000L, OptionalLong.empty()));
        assertThat(checksumIsValid(stamped)).isTrue();
    }

    @Test
    void aFileThatIsNotPeIsRefused() {
        byte[] elf = new byte[256];
        elf[0] = 0x7f;
        elf[1] = 'E';
        assertThatThrownBy(() -> PeTimeDateStamps.apply("lib.so", elf, NOV_2023))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lib.so is not a PE file");
    }

    @Test
    void anExportDirectoryOutsideTheSectionsIsRefused() throws Exception {
        byte[] dll = link("x.dll", "__declspec(dllexport) int answer(void) { return 42; }\n", "-shared");
        int peOffset = BuiltinMarker.peOffset("x.dll", dll);
        // the export directory's RVA: the first data directory, 112 bytes into the PE32+ optional header
        int exportRva = peOffset + 4 + 20 + 112;
        java.nio.ByteBuffer.wrap(dll).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(exportRva, 0x7fff_0000);

        assertThatThrownBy(() -> PeTimeDateStamps.apply("x.dll", dll, NOV_2023))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x.dll: ")
                .hasMessageContaining("0x7fff0000");
    }
}
