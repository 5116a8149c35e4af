package dev.winelib.asm;

import static dev.winelib.asm.ModuleAssemblyEmitterTest.EMITTER;
import static dev.winelib.asm.ModuleAssemblyEmitterTest.spec;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.resources.Resource;
import dev.winelib.resources.ResourceFileWriter;
import dev.winelib.resources.ResourceName;
import dev.winelib.resources.ResourceTable;
import dev.winelib.spec.ModuleSpec;

/**
 * Resource directories and modules without exports: assembled, the resource directory (tables,
 * data entries, strings and data) is byte for byte winebuild's for the same .res file, and an
 * executable without spec has no export directory, as with winebuild.
 */
class ResourcesAndExecutablesTest {

    @TempDir
    Path dir;

    private static Resource resource(ResourceName type, ResourceName name, int language, int size, int seed) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (seed + i * 7);
        }
        return new Resource(type, name, language, 0, 0x1030, data, "test");
    }

    private ResourceTable table() throws Exception {
        List<Resource> all = new ArrayList<>();
        all.add(resource(ResourceName.of(16), ResourceName.of(1), 0x409, 123, 1));
        all.add(resource(ResourceName.of(16), ResourceName.of(1), 0x407, 64, 2));
        all.add(resource(ResourceName.of(6), ResourceName.of(3), 0, 70, 3));
        all.add(resource(ResourceName.of("MYTYPE"), ResourceName.of("Z"), 0, 1, 4));
        all.add(resource(ResourceName.of("MYTYPE"), ResourceName.of("AB\u00e9"), 0x409, 0, 5));
        all.add(resource(ResourceName.of(10), ResourceName.of("DATA"), 0, 513, 6));
        return ResourceTable.of(all);
    }

    @Test
    void resourceDirectoryIsWinebuilds() throws Exception {
        ResourceTable table = table();
        Path res = dir.resolve("t.res");
        Files.write(res, ResourceFileWriter.write(table));
        Files.writeString(dir.resolve("t.spec"), "@ stdcall f()\n");
        ExternalTools.Result r = ExternalTools.run(dir, ExternalTools.winebuild().toString(), "--dll", "-m64", "-E",
                "t.spec", "-r", "t.res", "-o", "wb.s");
        assertThat(r.exitCode()).as(r.output()).isZero();
        AssembledModule theirs = AssembledModule.assemble(dir, "wb", Files.readString(dir.resolve("wb.s"),
                StandardCharsets.ISO_8859_1));
        String text = EMITTER.emit(spec("@ stdcall f()"), ModuleAssemblyEmitterTest.NO_ENTRY, ModuleImports.none(),
                table);
        AssembledModule ours = AssembledModule.assemble(dir, "ours", text);

        assertThat(resourceBytes(ours)).isEqualTo(resourceBytes(theirs));
        assertThat(resourceBytes(ours).length).isGreaterThan(700);
    }

    /** The bytes the resource data directory of the NT header covers (offsets count from the NT header). */
    private static byte[] resourceBytes(AssembledModule m) {
        long rva = m.u32(24 + 112 + 2 * 8);
        long size = m.u32(24 + 112 + 2 * 8 + 4);
        assertThat(rva).isNotZero();
        byte[] data = m.elf.contents(m.dataSection);
        return Arrays.copyOfRange(data, (int) (m.nt + rva), (int) (m.nt + rva + size));
    }

    @Test
    void noResourcesNoDirectory() throws Exception {
        AssembledModule m = AssembledModule.assemble(dir, "none", EMITTER.emit(spec("@ stdcall f()"),
                ModuleAssemblyEmitterTest.NO_ENTRY));
        assertThat(m.u32(24 + 112 + 16)).isZero();
        assertThat(m.u32(24 + 112 + 20)).isZero();
    }

    @Test
    void anExecutableWithoutSpecHasNoExportDirectory() throws Exception {
        ModuleSpec exe = ModuleSpec.withoutExports("app.exe", "test");
        String text = EMITTER.emit(exe, ModuleOptions.exe("__wine_spec_exe_entry"));
        AssembledModule m = AssembledModule.assemble(dir, "exe", text);
        assertThat(m.exportRva()).isZero();
        assertThat(m.exportSize()).isZero();
        assertThat(m.u16(22)).as("characteristics").isEqualTo(ModuleOptions.EXE_CHARACTERISTICS);
        assertThat(m.relocationAt(24 + 16).orElseThrow().symbol().name()).isEqualTo("__wine_spec_exe_entry");
        assertThat(text).doesNotContain(".L__wine_spec_exports", ".L__wine_spec_exp_names");
    }

    @Test
    void headerValuesFromOptions() throws Exception {
        ModuleOptions o = ModuleOptions.exe("start").withSubsystem(ModuleOptions.SUBSYSTEM_WINDOWS_GUI, 6, 2)
                .withCharacteristics(ModuleOptions.EXE_CHARACTERISTICS | ModuleOptions.LARGE_ADDRESS_AWARE)
                .withDllCharacteristics(ModuleOptions.PREFER_NATIVE).withHeapReserveKib(64);
        AssembledModule m = AssembledModule.assemble(dir, "o", EMITTER.emit(ModuleSpec.withoutExports("a.exe", "t"),
                o));
        assertThat(m.u16(22)).isEqualTo(0x0122);
        assertThat(m.u16(24 + 68)).isEqualTo(2);
        assertThat(m.u16(24 + 48)).isEqualTo(6);
        assertThat(m.u16(24 + 50)).isEqualTo(2);
        assertThat(m.u16(24 + 70)).isEqualTo(0x0010);
        assertThat(m.u64(24 + 88)).isEqualTo(64 * 1024);
        assertThat(o.isDll()).isFalse();
        assertThat(ModuleOptions.dll(java.util.Optional.empty()).isDll()).isTrue();
    }
}
