package dev.winelib.toolchain.pe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.asm.ModuleOptions;
import dev.winelib.resources.ResourceTable;
import dev.winelib.spec.ModuleSpec;
import dev.winelib.toolchain.elf.ElfFile;
import dev.winelib.toolchain.module.ModuleObjectsAccess;

/** What inspect reports: the PE view, and the layout problems that make Wine refuse a module. */
class ImageReportTest {

    @TempDir
    Path dir;

    @Test
    void aWellLinkedModuleAndABadlyLinkedOne() throws Exception {
        ModuleObjectsAccess m = new ModuleObjectsAccess(dir);
        Path good = m.buildDll("@ stdcall add(long long)\n@ stdcall Fwd(long) kernel32.Sleep\n",
                "int __attribute__((ms_abi)) add(int a, int b) { return a + b; }\n", true);
        ImageReport report = ImageReport.of(good);
        assertThat(report.problems()).isEmpty();
        assertThat(report.text()).contains("characteristics:     0x2102 (DLL, 32-bit machine)",
                "entry point:", "(__wine_spec_dll_entry)", "exports of t.dll: ordinal base 1, 2 slots, 2 names",
                " add ", "-> kernel32.Sleep (forward)", "constructors:        hidden from ld.so",
                "layout problems: none");

        // ld.lld's default layout puts .text before .init: the exports end up below the module base
        Path bad = m.buildDll("@ stdcall add(long long)\n", "int __attribute__((ms_abi)) add(int a, int b)"
                + " { return a + b; }\n", false);
        ImageReport badReport = ImageReport.of(ElfFile.read(bad));
        assertThat(badReport.problems()).isNotEmpty();
        assertThat(badReport.problems()).anyMatch(p -> p.startsWith("export add at 0x") && p.contains("lies below"));
        assertThat(badReport.text()).contains("BELOW THE MODULE BASE");
    }

    @Test
    void fakeModulesArePeFiles() throws Exception {
        Path fake = dir.resolve("x.dll");
        Files.write(fake, FakeModuleWriter.write(ModuleSpec.withoutExports("x.exe", "t"), ModuleOptions.exe("x"),
                ResourceTable.empty()));
        ImageReport report = ImageReport.of(fake);
        assertThat(report.text()).contains("PE32+ file", "\"Wine placeholder DLL\"", ".text", ".reloc",
                "resources: none");
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void otherFilesAreRefused() throws Exception {
        Path text = dir.resolve("x.txt");
        Files.writeString(text, "hello");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ImageReport.of(text))
                .isInstanceOf(PeFormatException.class).hasMessageContaining("neither an ELF winelib module nor a PE");
    }
}
