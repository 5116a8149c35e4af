package dev.winelib.toolchain.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportListsTest {

    @TempDir
    Path dir;

    private static ExportLists peOnly() {
        InstalledWine.require();
        return ExportLists.of(List.of(), List.of(InstalledWine.PE_DIRECTORY), List.of());
    }

    private static ExportLists unixOnly() {
        InstalledWine.require();
        return ExportLists.of(List.of(), List.of(), List.of(InstalledWine.UNIX_DIRECTORY));
    }

    @Test
    void namesAreNormalized() throws Exception {
        ExportLists lists = peOnly();
        DllExports kernel32 = lists.find("kernel32").orElseThrow();
        assertThat(kernel32.dllName()).isEqualTo("kernel32.dll");
        assertThat(kernel32.source()).isEqualTo(InstalledWine.PE_DIRECTORY.resolve("kernel32.dll").toString());
        assertThat(kernel32.byName("GetVersionExW")).isPresent();
        for (String name : List.of("kernel32.dll", "KERNEL32.DLL", " Kernel32 ")) {
            assertThat(lists.find(name)).as(name).containsSame(kernel32);
        }
        assertThatThrownBy(() -> lists.find("../x86_64-windows/kernel32"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void otherExtensionsAreKeptAndFoundWithoutExtension() throws Exception {
        ExportLists pe = peOnly();
        assertThat(pe.find("winspool")).get().extracting(DllExports::dllName).isEqualTo("winspool.drv");
        assertThat(pe.find("WINSPOOL.DRV")).get().extracting(DllExports::dllName).isEqualTo("winspool.drv");
        assertThat(pe.find("hhctrl.ocx")).get().extracting(DllExports::dllName).isEqualTo("hhctrl.ocx");
        assertThat(pe.find("msacm32")).get().extracting(DllExports::dllName).isEqualTo("msacm32.dll"); // not .drv
        assertThat(pe.find("windows.media")).get().extracting(DllExports::dllName).isEqualTo("windows.media.dll");
        assertThat(pe.find("ntoskrnl.exe")).get().extracting(DllExports::dllName).isEqualTo("ntoskrnl.exe");
        assertThat(pe.find("libkernel32")).isEmpty(); // a PE import library in the same directory is no DLL
    }

    @Test
    void unixImportLibrariesAreFoundByTheDllTheyImportFrom() throws Exception {
        ExportLists unix = unixOnly();
        DllExports kernel32 = unix.find("KERNEL32").orElseThrow();
        assertThat(kernel32.dllName()).isEqualTo("kernel32.dll");
        assertThat(kernel32.source()).endsWith("libkernel32.a");
        assertThat(kernel32.byName("GetVersionExW")).get().extracting(ImportableExport::hint).isEqualTo(0);
        assertThat(unix.find("winspool")).get().extracting(DllExports::dllName).isEqualTo("winspool.drv");
        DllExports hhctrl = unix.find("hhctrl.ocx").orElseThrow();
        assertThat(hhctrl.source()).endsWith("libhtmlhelp.a");
        assertThat(hhctrl.byName("HtmlHelpW")).isPresent();
        assertThat(unix.find("vulkan-1")).get().extracting(DllExports::dllName).isEqualTo("vulkan-1.dll");
        assertThat(unix.find("d3dx9_36")).get().extracting(DllExports::source).asString().endsWith("libd3dx9.a");
        assertThat(unix.find("d3dx9")).isEmpty(); // libd3dx9.a imports from d3dx9_36.dll
    }

    @Test
    void unknownDllsAreNotFound() throws Exception {
        InstalledWine.require();
        ExportLists lists = ExportLists.standard(List.of());
        long start = System.nanoTime();
        assertThat(lists.find("nosuchdll")).isEmpty();
        assertThat(lists.find("nosuch.drv")).isEmpty();
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(millis).as("milliseconds to search every import library").isLessThan(5000);
        assertThat(ExportLists.of(List.of(), List.of(dir.resolve("missing")), List.of(dir.resolve("missing")))
                .find("kernel32")).isEmpty();
    }

    @Test
    void definitionFilesComeFirst() throws Exception {
        InstalledWine.require();
        Path spec = Files.writeString(dir.resolve("kernel32.spec"), String.join("\n",
                "@ stdcall GetVersionExW(ptr)",
                "@ stdcall -private Hidden()",
                "10 stdcall -noname ByOrdinal()",
                "@ extern Variable",
                "11 stdcall -ordinal OrdinalNamed()",
                "@ stub Stubbed",
                "12 stub @",
                ""));
        ExportLists lists = ExportLists.standard(List.of(spec));
        DllExports kernel32 = lists.find("KERNEL32.dll").orElseThrow();
        assertThat(kernel32.dllName()).isEqualTo("kernel32.dll");
        assertThat(kernel32.source()).isEqualTo(spec.toString());
        // name table: GetVersionExW, Hidden, OrdinalNamed, Stubbed, Variable
        assertThat(kernel32.exports()).containsExactly(
                new ImportableExport(Optional.of("ByOrdinal"), 10, 0, false, true),
                new ImportableExport(Optional.of("OrdinalNamed"), 11, 2, false, true),
                new ImportableExport(Optional.empty(), 12, 0, false, true),
                ImportableExport.named("GetVersionExW", 13, 0, false),
                ImportableExport.named("Variable", 15, 4, true),
                ImportableExport.named("Stubbed", 16, 3, false));
        assertThat(kernel32.byName("Sleep")).isEmpty(); // the installed kernel32 is not consulted
        assertThat(lists.find("user32")).get().extracting(DllExports::source).asString().endsWith("user32.dll");
    }

    @Test
    void defFilesDefineTheirLibrary() throws Exception {
        Path def = Files.writeString(dir.resolve("anything.def"), String.join("\n",
                "LIBRARY Printer.DRV",
                "EXPORTS",
                "  Open",
                "  Counter DATA",
                "  Close @7 NONAME",
                "  Internal PRIVATE",
                ""));
        ExportLists lists = ExportLists.of(List.of(def), List.of(), List.of());
        DllExports printer = lists.find("printer").orElseThrow();
        assertThat(printer.dllName()).isEqualTo("printer.drv");
        assertThat(printer.byName("Counter")).get().extracting(ImportableExport::data).isEqualTo(true);
        assertThat(printer.byName("Close")).get().extracting(ImportableExport::byOrdinal).isEqualTo(true);
        assertThat(printer.byOrdinal(7)).isPresent();
        assertThat(printer.byName("Internal")).isEmpty();
        assertThat(lists.find("printer.drv")).containsSame(printer);
        assertThat(lists.find("printer.dll")).isEmpty();
    }

    @Test
    void twoFilesForOneDllAreRefused() throws Exception {
        Path spec = Files.writeString(dir.resolve("kernel32.spec"), "@ stdcall Sleep(long)\n");
        Path def = Files.writeString(dir.resolve("k.def"), "LIBRARY kernel32.dll\nEXPORTS\n  Sleep\n");
        assertThatThrownBy(() -> ExportLists.of(List.of(spec, def), List.of(), List.of()).find("user32"))
                .isInstanceOf(ImportException.class)
                .hasMessage(def + " defines kernel32.dll, which " + spec + " defines already");
    }

    @Test
    void malformedFilesAreReportedWithTheirName() throws Exception {
        Path spec = Files.writeString(dir.resolve("broken.spec"), "@ frobcall Sleep(long)\n");
        assertThatThrownBy(() -> ExportLists.of(List.of(spec), List.of(), List.of()).find("kernel32"))
                .isInstanceOf(ImportException.class).hasMessageStartingWith(spec + ":1:");

        Path pe = Files.createDirectories(dir.resolve("pe"));
        Files.writeString(pe.resolve("broken.dll"), "MZ but nothing else");
        assertThatThrownBy(() -> ExportLists.of(List.of(), List.of(pe), List.of()).find("broken"))
                .isInstanceOf(ImportException.class)
                .hasMessageStartingWith(pe.resolve("broken.dll") + " is not a PE file");

        Path unix = Files.createDirectories(dir.resolve("unix"));
        Files.writeString(unix.resolve("libbroken.a"), "!<arch>\nshort");
        assertThatThrownBy(() -> ExportLists.of(List.of(), List.of(), List.of(unix)).find("broken"))
                .isInstanceOf(ImportException.class)
                .hasMessageStartingWith(unix.resolve("libbroken.a") + ": the member header at offset 8 is truncated");
    }

    @Test
    void searchedListsTheSourcesInOrder() throws Exception {
        Path spec = dir.resolve("kernel32.spec");
        Path pe = Files.createDirectories(dir.resolve("pe"));
        ExportLists lists = ExportLists.of(List.of(spec), List.of(pe), List.of(dir.resolve("gone")));
        assertThat(lists.searched()).containsExactly(
                spec + " (definition file)",
                pe + " (PE DLLs of Wine)",
                dir.resolve("gone") + " (Unix import libraries of Wine; not a directory)");
    }

    @Test
    void standardListsTheInstalledWineOrSaysWhatToInstall() throws Exception {
        assertThat(ExportLists.standard(List.of(), dir).searched()).containsExactly(
                "no PE DLLs of Wine: none of " + dir.resolve("usr/lib/x86_64-linux-gnu/wine/x86_64-windows") + ", "
                        + dir.resolve("usr/lib/wine/x86_64-windows") + ", "
                        + dir.resolve("usr/local/lib/wine/x86_64-windows") + " exists (Debian package wine64)",
                "no Unix import libraries of Wine: none of "
                        + dir.resolve("usr/lib/x86_64-linux-gnu/wine/x86_64-unix") + ", "
                        + dir.resolve("usr/lib/wine/x86_64-unix") + ", " + dir.resolve("usr/local/lib/wine/x86_64-unix")
                        + " exists (Debian package libwine-dev)");
        Path local = Files.createDirectories(dir.resolve("usr/local/lib/wine/x86_64-windows"));
        assertThat(ExportLists.standard(List.of(), dir).searched()).startsWith(local + " (PE DLLs of Wine)");

        InstalledWine.require();
        assertThat(ExportLists.standard(List.of()).searched()).startsWith(
                InstalledWine.PE_DIRECTORY + " (PE DLLs of Wine)",
                InstalledWine.UNIX_DIRECTORY + " (Unix import libraries of Wine)");
    }
}
