package dev.winelib.toolchain.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.winelib.toolchain.imports.TestPe.Slot;

class PeExportReaderTest {

    @Test
    void readsNamesOrdinalsHintsAndKinds() throws Exception {
        TestPe pe = new TestPe().base(5);
        pe.named("Beta", Slot.CODE); // ordinal 5
        pe.named("Alpha", Slot.DATA); // 6
        pe.slot(Slot.CODE); // 7, by ordinal only
        pe.slot(Slot.EMPTY); // 8, no export
        pe.named("Gamma", Slot.FORWARD); // 9
        List<ImportableExport> exports = PeExportReader.read("test.dll", pe.build());
        DllExports dll = new DllExports("test.dll", exports, "test.dll");
        assertThat(dll.exports()).containsExactly(
                ImportableExport.named("Beta", 5, 1, false),
                ImportableExport.named("Alpha", 6, 0, true),
                new ImportableExport(Optional.empty(), 7, 0, false, true),
                ImportableExport.named("Gamma", 9, 2, false));
        assertThat(dll.byName("Alpha")).map(ImportableExport::ordinal).contains(6);
        assertThat(dll.byName("alpha")).isEmpty();
        assertThat(dll.byOrdinal(7)).map(ImportableExport::byOrdinal).contains(true);
        assertThat(dll.byOrdinal(8)).isEmpty();
    }

    @Test
    void twoNamesForOneSlotAreTwoExports() throws Exception {
        TestPe pe = new TestPe();
        int slot = pe.slot(Slot.CODE);
        pe.name("First", slot).name("Second", slot);
        assertThat(PeExportReader.read("test.dll", pe.build())).containsExactly(
                ImportableExport.named("First", 1, 0, false), ImportableExport.named("Second", 1, 1, false));
    }

    @Test
    void readsPe32() throws Exception {
        TestPe pe = new TestPe().pe32();
        pe.named("Func", Slot.CODE);
        assertThat(PeExportReader.read("test.dll", pe.build())).containsExactly(
                ImportableExport.named("Func", 1, 0, false));
    }

    @Test
    void noExportDirectoryMeansNoExports() throws Exception {
        assertThat(PeExportReader.read("test.dll", new TestPe().withoutExports().build())).isEmpty();
    }

    @Test
    void readsKernel32() throws Exception {
        Path file = InstalledWine.peDll("kernel32.dll");
        byte[] bytes = Files.readAllBytes(file);
        DllExports kernel32 = new DllExports("kernel32.dll", PeExportReader.read(file.toString(), bytes),
                file.toString());
        assertThat(kernel32.byName("GetVersionExW")).get().satisfies(e -> {
            assertThat(e.data()).isFalse();
            assertThat(e.byOrdinal()).isFalse();
        });
        assertThat(kernel32.byName("Sleep")).isPresent();
        assertThat(kernel32.byName("LoadLibraryA")).isPresent();
        // hints are positions in the sorted name table
        List<ImportableExport> named = kernel32.exports().stream().filter(e -> e.name().isPresent())
                .sorted((a, b) -> Integer.compare(a.hint(), b.hint())).toList();
        assertThat(named).extracting(e -> e.name().orElseThrow()).isSorted();
        assertThat(named).extracting(ImportableExport::hint)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, named.size()).boxed().toList());
        // a forwarded export (HeapAlloc goes to NTDLL.RtlAllocateHeap) is importable, and no data
        assertThat(kernel32.byName("HeapAlloc")).get().extracting(ImportableExport::data).isEqualTo(false);
    }

    @Test
    void readingKernel32TakesMilliseconds() throws Exception {
        Path file = InstalledWine.peDll("kernel32.dll");
        for (int i = 0; i < 5; i++) { // warm up
            ExportLists.of(List.of(), List.of(file.getParent()), List.of()).find("kernel32");
        }
        long start = System.nanoTime();
        ExportLists.of(List.of(), List.of(file.getParent()), List.of()).find("kernel32");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(millis).as("milliseconds to read kernel32.dll's exports").isLessThan(200);
    }

    @Test
    void truncatedFilesAreRejectedAtEveryLength() {
        TestPe pe = new TestPe();
        pe.named("Func", Slot.CODE);
        byte[] good = pe.build();
        for (int length = 0; length < good.length; length += 7) {
            byte[] bad = Arrays.copyOf(good, length);
            assertThatThrownBy(() -> PeExportReader.read("cut.dll", bad)).as("cut at %d", length)
                    .isInstanceOf(ImportException.class).hasMessageStartingWith("cut.dll ");
        }
    }

    @Test
    void garbageIsNotAPeFile() {
        assertThatThrownBy(() -> PeExportReader.read("junk.dll", "hello, world".getBytes()))
                .isInstanceOf(ImportException.class).hasMessage("junk.dll is not a PE file (no MZ header)");
        byte[] noSignature = new TestPe().build();
        noSignature[TestPe.PE_HEADER] = 'X';
        assertThatThrownBy(() -> PeExportReader.read("junk.dll", noSignature))
                .hasMessageContaining("junk.dll is not a PE file (no PE signature");
        byte[] farHeader = new TestPe().build();
        ByteBuffer.wrap(farHeader).order(ByteOrder.LITTLE_ENDIAN).putInt(0x3c, 0x7ffffff0);
        assertThatThrownBy(() -> PeExportReader.read("junk.dll", farHeader))
                .hasMessageContaining("junk.dll is truncated or malformed: the PE header offset 0x7ffffff0");
    }

    @Test
    void unknownOptionalHeaderMagic() {
        byte[] bytes = new TestPe().build();
        bytes[TestPe.PE_HEADER + 24] = 0x07;
        assertThatThrownBy(() -> PeExportReader.read("odd.dll", bytes)).isInstanceOf(ImportException.class)
                .hasMessageContaining("odd.dll has an unknown optional header magic 0x207");
    }

    @Test
    void malformedExportDirectories() {
        TestPe pe = new TestPe();
        pe.named("Func", Slot.CODE);
        pe.named("Other", Slot.EMPTY);
        assertThatThrownBy(() -> PeExportReader.read("bad.dll", pe.build())).isInstanceOf(ImportException.class)
                .hasMessage("bad.dll has a malformed export directory: Other refers to the empty export slot 1");

        TestPe one = new TestPe();
        one.named("Func", Slot.CODE);
        int dir = TestPe.EDATA_FILE_OFFSET;

        byte[] badIndex = one.build();
        int ordinals = buffer(badIndex).getInt(dir + 36) - TestPe.EDATA_RVA + dir;
        buffer(badIndex).putShort(ordinals, (short) 3);
        assertThatThrownBy(() -> PeExportReader.read("bad.dll", badIndex))
                .hasMessage("bad.dll has a malformed export directory: name 0 refers to export slot 3 of 1");

        byte[] badBase = one.build();
        buffer(badBase).putInt(dir + 16, 0xffff);
        buffer(badBase).putInt(dir + 20, 2);
        assertThatThrownBy(() -> PeExportReader.read("bad.dll", badBase))
                .hasMessageContaining("ordinals 65535 to 65536 exceed 65535");

        byte[] outside = one.build();
        buffer(outside).putInt(dir + 32, 0x9000);
        assertThatThrownBy(() -> PeExportReader.read("bad.dll", outside))
                .hasMessage("bad.dll is malformed: the export name table at RVA 0x9000 lies outside every section");

        byte[] unterminated = one.build();
        int names = buffer(unterminated).getInt(dir + 32) - TestPe.EDATA_RVA + dir;
        buffer(unterminated).putInt(names, TestPe.EDATA_RVA + 0x1000 - 3); // 3 bytes before the end of .edata
        Arrays.fill(unterminated, dir + 0x1000 - 3, dir + 0x1000, (byte) 'x');
        assertThatThrownBy(() -> PeExportReader.read("bad.dll", unterminated))
                .hasMessage("bad.dll is malformed: export name 0 at RVA 0x2ffd is not terminated");

        byte[] functionOutside = one.build();
        int functions = buffer(functionOutside).getInt(dir + 28) - TestPe.EDATA_RVA + dir;
        buffer(functionOutside).putInt(functions, 0x7000);
        assertThatThrownBy(() -> PeExportReader.read("bad.dll", functionOutside))
                .hasMessage("bad.dll has a malformed export directory: export Func at RVA 0x7000 lies outside"
                        + " every section");
    }

    private static ByteBuffer buffer(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }
}
