package dev.winelib.toolchain.pe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.asm.ModuleOptions;
import dev.winelib.resources.Resource;
import dev.winelib.resources.ResourceFileWriter;
import dev.winelib.resources.ResourceName;
import dev.winelib.resources.ResourceTable;
import dev.winelib.spec.ModuleSpec;
import dev.winelib.spec.SpecParser;
import dev.winelib.toolchain.differential.DifferentialTools;
import dev.winelib.toolchain.process.ProcessRunner;

/**
 * Fake modules and builtin marks are byte for byte what winebuild writes ({@code --fake-module},
 * {@code --builtin}), and read back as PE files.
 */
class FakeModuleAndBuiltinTest {

    @TempDir
    Path dir;

    private Path winebuild() {
        return DifferentialTools.require().winebuild();
    }

    private ResourceTable resources() throws Exception {
        List<Resource> list = new ArrayList<>();
        byte[] version = new byte[200];
        ByteBuffer.wrap(version).order(ByteOrder.LITTLE_ENDIAN).putInt(40, 0xfeef04bd).putInt(48, 0x00030001)
                .putInt(52, 0x00070002);
        list.add(new Resource(ResourceName.of(16), ResourceName.of(1), 0x409, 0, 0x30, version, "t"));
        list.add(new Resource(ResourceName.of("MY"), ResourceName.of("DATA"), 0, 0, 0x30, new byte[] {9, 8, 7},
                "t"));
        return ResourceTable.of(list);
    }

    private byte[] winebuildFake(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(winebuild().toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--fake-module", "-o", "wb.fake"));
        ProcessRunner.check("winebuild", command, dir);
        return Files.readAllBytes(dir.resolve("wb.fake"));
    }

    @Test
    void dllWithResourcesIsWinebuilds() throws Exception {
        Files.writeString(dir.resolve("hello.spec"), "@ stdcall add(long long)\n@ stub later\n");
        ResourceTable resources = resources();
        Files.write(dir.resolve("r.res"), ResourceFileWriter.write(resources));
        ModuleSpec spec = SpecParser.parse(dir.resolve("hello.spec"), Optional.empty());
        byte[] ours = FakeModuleWriter.write(spec, ModuleOptions.dllWithOptionalEntry("DllMain"), resources);
        assertThat(ours).isEqualTo(winebuildFake("--dll", "-E", "hello.spec", "-r", "r.res"));

        PeFile pe = PeFileReader.parse("hello.dll", ours);
        assertThat(pe.wineSignature()).contains(FakeModuleWriter.PLACEHOLDER_SIGNATURE);
        assertThat(pe.sections()).extracting(PeFile.Section::name).containsExactly(".text", ".rsrc", ".reloc");
        assertThat(pe.resources()).extracting(r -> r.type() + "/" + r.name()).containsExactly("MY/DATA", "#16/#1");
        assertThat(pe.resources().get(1).fileVersion()).contains("3.1.7.2");
        assertThat(pe.characteristics()).isEqualTo(ModuleOptions.DLL_CHARACTERISTICS);
    }

    @Test
    void executablesWithHeaderOptionsAreWinebuilds() throws Exception {
        ModuleSpec app = ModuleSpec.withoutExports("app.exe", "test");
        ModuleOptions options = ModuleOptions.exe("x").withSubsystem(ModuleOptions.SUBSYSTEM_WINDOWS_GUI, 5, 1)
                .withCharacteristics(ModuleOptions.EXE_CHARACTERISTICS | ModuleOptions.LARGE_ADDRESS_AWARE)
                .withDllCharacteristics(ModuleOptions.PREFER_NATIVE).withHeapReserveKib(300);
        assertThat(FakeModuleWriter.write(app, options, ResourceTable.empty())).isEqualTo(winebuildFake("--exe", "-F",
                "app.exe", "--subsystem", "windows:5.1", "--large-address-aware", "--nxcompat=n", "--prefer-native",
                "-H", "300"));
    }

    @Test
    void builtinMarkIsWinebuilds() throws Exception {
        byte[] module = FakeModuleWriter.write(ModuleSpec.withoutExports("m.exe", "t"), ModuleOptions.exe("x"),
                ResourceTable.empty());
        // a file with a DOS stub between the DOS header and the PE header, as MinGW writes one
        byte[] withStub = new byte[module.length + 0x40];
        System.arraycopy(module, 0, withStub, 0, 0x40);
        System.arraycopy(module, 0x60, withStub, 0xa0, module.length - 0x60);
        ByteBuffer.wrap(withStub).order(ByteOrder.LITTLE_ENDIAN).putInt(0x3c, 0xa0);
        for (int i = 0x40; i < 0xa0; i++) {
            withStub[i] = (byte) 0xcc;
        }
        for (boolean preferNative : List.of(false, true)) {
            Path ours = dir.resolve("ours.dll");
            Path theirs = dir.resolve("theirs.dll");
            Files.write(ours, withStub);
            Files.write(theirs, withStub);
            BuiltinMarker.mark(ours, preferNative);
            List<String> command = new ArrayList<>(List.of(winebuild().toString(), "--builtin"));
            if (preferNative) {
                command.add("--prefer-native");
            }
            command.add("theirs.dll");
            ProcessRunner.check("winebuild", command, dir);
            assertThat(Files.readAllBytes(ours)).isEqualTo(Files.readAllBytes(theirs));
            PeFile pe = PeFileReader.read(ours);
            assertThat(pe.wineSignature()).contains(FakeModuleWriter.BUILTIN_SIGNATURE);
            assertThat(pe.header().dllCharacteristics() & ModuleOptions.PREFER_NATIVE).isEqualTo(preferNative
                    ? ModuleOptions.PREFER_NATIVE : 0);
        }
    }

    @Test
    void builtinRefusesWhatItCannotMarkAndLeavesItUnchanged() throws Exception {
        Path elf = dir.resolve("x.so");
        byte[] notPe = {0x7f, 'E', 'L', 'F', 0, 0, 0, 0};
        Files.write(elf, notPe);
        assertThatThrownBy(() -> BuiltinMarker.mark(elf, false)).isInstanceOf(PeFormatException.class)
                .hasMessageContaining(elf + ": not a PE module");
        assertThat(Files.readAllBytes(elf)).isEqualTo(notPe);

        byte[] tight = new byte[0x100];
        ByteBuffer b = ByteBuffer.wrap(tight).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(0, (short) 0x5a4d).putInt(0x3c, 0x40);
        Path early = dir.resolve("early.dll");
        Files.write(early, tight);
        assertThatThrownBy(() -> BuiltinMarker.mark(early, false))
                .hasMessage(early + ": not enough space (0x40) for the Wine signature: the PE header starts before"
                        + " offset 0x60");
        assertThat(Files.readAllBytes(early)).isEqualTo(tight);
    }

    @Test
    void malformedPeFilesAreRefusedByTheReader() {
        assertThatThrownBy(() -> PeFileReader.parse("x", new byte[10])).isInstanceOf(PeFormatException.class)
                .hasMessage("x: not a PE file (no MZ header)");
        byte[] module = FakeModuleWriter.write(ModuleSpec.withoutExports("m.exe", "t"), ModuleOptions.exe("x"),
                ResourceTable.empty());
        ByteBuffer.wrap(module).order(ByteOrder.LITTLE_ENDIAN).putInt(0x3c, 0x7ffffff0);
        assertThatThrownBy(() -> PeFileReader.parse("x", module)).hasMessageContaining("no PE header");
    }
}
