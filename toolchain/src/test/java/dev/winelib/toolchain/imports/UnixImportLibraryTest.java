package dev.winelib.toolchain.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.toolchain.imports.TestAr.Member;

class UnixImportLibraryTest {

    @TempDir
    Path dir;

    @Test
    void readsKernel32() throws Exception {
        Map<String, List<ImportableExport>> read = UnixImportLibrary.read(InstalledWine.unixLibrary("libkernel32.a"));
        assertThat(read).containsOnlyKeys("kernel32.dll");
        DllExports kernel32 = new DllExports("kernel32.dll", read.get("kernel32.dll"), "libkernel32.a");
        assertThat(kernel32.byName("AcquireSRWLockExclusive"))
                .contains(new ImportableExport(Optional.of("AcquireSRWLockExclusive"), 1, 0, false, false));
        assertThat(kernel32.byName("GetVersionExW")).isPresent();
    }

    @Test
    void ordinalImportsKeepTheirCName() throws Exception {
        // comctl32's DPA_LoadStream is -noname: __wine$ord$comctl32$9$DPA_LoadStream
        Map<String, List<ImportableExport>> read = UnixImportLibrary.read(InstalledWine.unixLibrary("libcomctl32.a"));
        DllExports comctl32 = new DllExports("comctl32.dll", read.get("comctl32.dll"), "libcomctl32.a");
        assertThat(comctl32.byName("DPA_LoadStream"))
                .contains(new ImportableExport(Optional.of("DPA_LoadStream"), 9, 0, false, true));
    }

    @Test
    void decodesDllNamesWithOtherExtensionsAndCharacters() throws Exception {
        assertThat(UnixImportLibrary.firstDll(InstalledWine.unixLibrary("libvulkan-1.a"))).contains("vulkan-1.dll");
        assertThat(UnixImportLibrary.firstDll(InstalledWine.unixLibrary("libhtmlhelp.a"))).contains("hhctrl.ocx");
        assertThat(UnixImportLibrary.firstDll(InstalledWine.unixLibrary("libwinspool.a"))).contains("winspool.drv");
        assertThat(UnixImportLibrary.firstDll(InstalledWine.unixLibrary("libd3dx9.a"))).contains("d3dx9_36.dll");
        assertThat(UnixImportLibrary.firstDll(InstalledWine.unixLibrary("libuuid.a"))).isEmpty();
    }

    @Test
    void parsesThunkSymbols() {
        assertThat(UnixImportLibrary.parseThunk("kernel32$1$Sleep", false)).contains(new UnixImportLibrary.Thunk(
                "kernel32.dll", new ImportableExport(Optional.of("Sleep"), 1, 0, false, false)));
        assertThat(UnixImportLibrary.parseThunk("vulkan$x2d1$3$vkFoo", false)).get()
                .extracting(UnixImportLibrary.Thunk::dll).isEqualTo("vulkan-1.dll");
        assertThat(UnixImportLibrary.parseThunk("hhctrl.ocx$13$doWinMain", true)).get()
                .satisfies(t -> assertThat(t.dll()).isEqualTo("hhctrl.ocx"))
                .satisfies(t -> assertThat(t.export().byOrdinal()).isTrue());
        assertThat(UnixImportLibrary.parseThunk("ws2_32$5$a$b", false)).get()
                .satisfies(t -> assertThat(t.export().name()).contains("a$b"));
        for (String bad : List.of("kernel32$$Sleep", "kernel32$1", "kernel32$1$", "$1$Sleep", "k$xzz$1$Sleep",
                "kernel32$65536$Sleep", "kernel32$1234567$Sleep", "kernel32", "kernel32$x$Sleep")) {
            assertThat(UnixImportLibrary.parseThunk(bad, false)).as(bad).isEmpty();
        }
    }

    @Test
    void readsGnuAndBsdArchives() throws Exception {
        List<Member> members = versionMembers();
        List<Member> renamed = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            renamed.add(new Member(i % 2 == 0 ? "s" + i + ".o" : "a-rather-long-member-name-" + i + ".o",
                    i == 0 ? oddLength(members.get(i).content()) : members.get(i).content()));
        }
        List<String> expected = names(UnixImportLibrary.read(InstalledWine.unixLibrary("libversion.a")));
        assertThat(expected).contains("GetFileVersionInfoW@8");
        for (byte[] archive : List.of(TestAr.gnu(renamed), TestAr.bsd(renamed))) {
            Path file = Files.write(dir.resolve("libversion.a"), archive);
            assertThat(names(UnixImportLibrary.read(file))).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void malformedArchives() throws Exception {
        Member first = versionMembers().get(0);
        byte[] good = TestAr.gnu(List.of(first));
        assertRejected("not an archive".getBytes(StandardCharsets.US_ASCII),
                "bad.a is not an ar archive (no !<arch> header)");
        assertRejected("!<thin>\n".getBytes(StandardCharsets.US_ASCII), "bad.a is a thin archive, which is not"
                + " supported");
        assertRejected(java.util.Arrays.copyOf(good, 8 + 30), "bad.a: the member header at offset 8 is truncated");
        assertRejected(java.util.Arrays.copyOf(good, good.length - 5), "is truncated: the member has");

        ByteArrayOutputStream badSize = new ByteArrayOutputStream();
        badSize.writeBytes(ArArchive.MAGIC);
        badSize.writeBytes(TestAr.header("x.o/", "12a"));
        assertRejected(badSize.toByteArray(), "bad.a: the member header at offset 8 has a malformed size field"
                + " ('12a')");

        ByteArrayOutputStream noTerminator = new ByteArrayOutputStream();
        noTerminator.writeBytes(ArArchive.MAGIC);
        byte[] header = TestAr.header("x.o/", "0");
        header[59] = 'x';
        noTerminator.writeBytes(header);
        assertRejected(noTerminator.toByteArray(), "bad.a: the member header at offset 8 is malformed");

        ByteArrayOutputStream noTable = new ByteArrayOutputStream();
        noTable.writeBytes(ArArchive.MAGIC);
        TestAr.member(noTable, "/0", first.content());
        assertRejected(noTable.toByteArray(), "refers to a long name, but the archive has no long-name table");

        ByteArrayOutputStream outsideTable = new ByteArrayOutputStream();
        outsideTable.writeBytes(ArArchive.MAGIC);
        TestAr.member(outsideTable, "//", "x.o/\n".getBytes(StandardCharsets.US_ASCII));
        TestAr.member(outsideTable, "/99", first.content());
        assertRejected(outsideTable.toByteArray(), "refers to long name 99 outside the long-name table");

        assertRejected(TestAr.gnu(List.of(new Member("text.o", "hello".getBytes(StandardCharsets.US_ASCII)))),
                "bad.a(text.o) is not an ELF file (a member of the archive bad.a)");

        // __wine$func$version$1$GetFileVersionInfoA with letters for the ordinal
        byte[] content = first.content().clone();
        byte[] symbol = "version$1$".getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(content, symbol);
        assertThat(at).isPositive();
        content[at + 8] = 'z';
        assertRejected(TestAr.gnu(List.of(new Member("x.o", content))), "bad.a(x.o): malformed import symbol"
                + " __wine$func$version$z$");
    }

    private static void assertRejected(byte[] archive, String message) {
        assertThatThrownBy(() -> UnixImportLibrary.scan("bad.a", new ByteArrayInputStream(archive), (d, e) -> true))
                .isInstanceOf(ImportException.class).hasMessageContaining(message);
    }

    private static List<Member> versionMembers() throws Exception {
        List<Member> members = new ArrayList<>();
        try (var in = Files.newInputStream(InstalledWine.unixLibrary("libversion.a"))) {
            ArArchive.read("libversion.a", in, (name, content) -> members.add(new Member(name, content)));
        }
        assertThat(members).hasSizeGreaterThan(5);
        return members;
    }

    /** An ELF object with one byte more at its end, for an odd member size. */
    private static byte[] oddLength(byte[] content) {
        byte[] odd = java.util.Arrays.copyOf(content, content.length % 2 == 0 ? content.length + 1 : content.length);
        return odd;
    }

    private static List<String> names(Map<String, List<ImportableExport>> byDll) {
        assertThat(byDll).containsOnlyKeys("version.dll");
        return byDll.get("version.dll").stream().map(e -> e.name().orElseThrow() + "@" + e.ordinal()).toList();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
