package dev.winelib.unixlib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Wine builtin mark, checked against Wine's own winebuild --builtin and mingw ld's checksum. */
class BuiltinMarkerTest {

    @TempDir
    Path dir;

    /** A small DLL linked by mingw, which writes a PE checksum. */
    private byte[] mingwDll() throws Exception {
        Path source = dir.resolve("m.c");
        Files.writeString(source, "__declspec(dllexport) int answer(void) { return 42; }\n", StandardCharsets.UTF_8);
        Path dll = dir.resolve("m.dll");
        Tools.run(List.of(Tools.mingwGcc().toString(), "-shared", "-o", dll.toString(), source.toString(),
                "-Wl,--no-insert-timestamp"), dir);
        return Files.readAllBytes(dll);
    }

    @Test
    void theMarkIsTheSignatureZeroPaddedTo32Bytes() {
        byte[] mark = BuiltinMarker.mark();
        assertThat(mark).hasSize(32);
        assertThat(new String(mark, 0, 16, StandardCharsets.US_ASCII)).isEqualTo("Wine builtin DLL");
        assertThat(Arrays.copyOfRange(mark, 16, 32)).containsOnly(0);
    }

    @Test
    void theChecksumIsComputedAsTheLinkerComputesIt() throws Exception {
        byte[] dll = mingwDll();
        int peOffset = BuiltinMarker.peOffset("m.dll", dll);
        int stored = BuiltinMarker.storedChecksum("m.dll", dll);
        assertThat(stored).isNotZero();
        assertThat(BuiltinMarker.checksum(dll, BuiltinMarker.checksumOffset("m.dll", dll, peOffset))).isEqualTo(stored);
    }

    @Test
    void markingWritesWhatWinebuildWritesAndFixesTheChecksum() throws Exception {
        byte[] dll = mingwDll();
        assertThat(BuiltinMarker.isMarked(dll)).isFalse();
        Path byWinebuild = dir.resolve("wb.dll");
        Files.write(byWinebuild, dll);
        Tools.run(List.of(Tools.winebuild().toString(), "--builtin", byWinebuild.toString()), dir);
        byte[] reference = Files.readAllBytes(byWinebuild);

        byte[] marked = BuiltinMarker.apply("m.dll", dll);

        assertThat(BuiltinMarker.isMarked(marked)).isTrue();
        assertThat(BuiltinMarker.isMarked(reference)).isTrue();
        int checksumOffset = BuiltinMarker.checksumOffset("m.dll", marked, BuiltinMarker.peOffset("m.dll", marked));
        // identical to winebuild's result but for the checksum, which winebuild leaves stale
        byte[] withoutChecksum = marked.clone();
        System.arraycopy(reference, checksumOffset, withoutChecksum, checksumOffset, 4);
        assertThat(withoutChecksum).isEqualTo(reference);
        assertThat(BuiltinMarker.storedChecksum("m.dll", marked)).isEqualTo(BuiltinMarker.checksum(marked,
                checksumOffset));
        // marking twice changes nothing
        assertThat(BuiltinMarker.apply("m.dll", marked)).isEqualTo(marked);
    }

    @Test
    void aFileThatIsNotPeIsRefused() {
        assertThatThrownBy(() -> BuiltinMarker.apply("x", new byte[200])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("x is not a PE file (no MZ header)");
        byte[] noPe = new byte[200];
        noPe[0] = 'M';
        noPe[1] = 'Z';
        noPe[0x3c] = (byte) 0x80;
        assertThatThrownBy(() -> BuiltinMarker.apply("x", noPe)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("x is not a PE file (no PE signature at 0x80)");
        byte[] outside = noPe.clone();
        ByteBuffer.wrap(outside).order(ByteOrder.LITTLE_ENDIAN).putInt(0x3c, 0x7fff_fff0);
        assertThatThrownBy(() -> BuiltinMarker.apply("x", outside)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("x: the PE header offset 0x7ffffff0 lies outside the file");
        assertThatThrownBy(() -> BuiltinMarker.apply("x", new byte[] {'M', 'Z'}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("x is not a PE file (no MZ header)");
    }

    @Test
    void aPeHeaderRightAfterTheDosHeaderLeavesNoRoom() throws Exception {
        byte[] dll = mingwDll();
        int peOffset = BuiltinMarker.peOffset("m.dll", dll);
        // move the PE header to 0x40, as some linkers without a DOS stub do
        byte[] tight = new byte[dll.length - (peOffset - 0x40)];
        System.arraycopy(dll, 0, tight, 0, 0x40);
        System.arraycopy(dll, peOffset, tight, 0x40, dll.length - peOffset);
        ByteBuffer.wrap(tight).order(ByteOrder.LITTLE_ENDIAN).putInt(0x3c, 0x40);
        assertThatThrownBy(() -> BuiltinMarker.apply("t.dll", tight)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("t.dll: the PE header starts at 0x40, leaving no room");
    }
}
