package dev.winelib.resources;

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

/** Reading and writing .res files; every malformed file is refused with its name and offset. */
class ResourceFilesTest {

    @TempDir
    Path dir;

    static Resource resource(ResourceName type, ResourceName name, int language, long version, String data) {
        return new Resource(type, name, language, version, 0x30, data.getBytes(StandardCharsets.ISO_8859_1), "test");
    }

    @Test
    void writesAndReadsBackNumbersStringsAndOddSizes() throws Exception {
        ResourceTable table = ResourceTable.of(List.of(
                resource(ResourceName.of(16), ResourceName.of(1), 0x409, 0, "version bytes"),
                resource(ResourceName.of("MYTYPE"), ResourceName.of("ab"), 0, 3, "x"),
                resource(ResourceName.of(10), ResourceName.of("DATA"), 7, 0, "")));
        byte[] file = ResourceFileWriter.write(table);
        Path res = dir.resolve("t.res");
        Files.write(res, file);
        assertThat(ResourceFileReader.isResourceFile(res)).isTrue();
        List<Resource> read = ResourceFileReader.read(res);
        assertThat(read).containsExactlyElementsOf(table.resources());
        assertThat(read.get(0).origin()).isEqualTo(res + " at offset 32");
        assertThat(file.length % 4).isZero();
    }

    @Test
    void theFirstEntryMustBeTheEmptyHeader() {
        byte[] file = new byte[32];
        assertThatThrownBy(() -> ResourceFileReader.parse("x.res", file)).isInstanceOf(ResourceException.class)
                .hasMessage("x.res: not a 32-bit resource file (it does not start with the empty header entry;"
                        + " compile .rc files with wrc or windres into .res)");
        assertThatThrownBy(() -> ResourceFileReader.parse("x.res", new byte[4])).hasMessageContaining("too short");
    }

    @Test
    void bigEndianFilesAreRefused() {
        byte[] file = ResourceFileWriter.write(ResourceTable.empty());
        file[4] = 0;
        file[7] = 0x20;
        assertThatThrownBy(() -> ResourceFileReader.parse("x.res", file)).hasMessageContaining("big-endian");
    }

    @Test
    void truncatedAndMalformedEntries() throws Exception {
        byte[] good = ResourceFileWriter.write(ResourceTable.of(List.of(
                resource(ResourceName.of(10), ResourceName.of(1), 0, 0, "12345678"))));
        assertThatThrownBy(() -> ResourceFileReader.parse("x.res", Arrays.copyOf(good, good.length - 4)))
                .isInstanceOf(ResourceException.class)
                .hasMessage("x.res: invalid resource file at offset 32: the data (8 bytes) runs past the end of the"
                        + " file: truncated");
        byte[] odd = good.clone();
        ByteBuffer.wrap(odd).order(ByteOrder.LITTLE_ENDIAN).putInt(36, 30);
        assertThatThrownBy(() -> ResourceFileReader.parse("x.res", odd))
                .hasMessageContaining("offset 32: header size 30 is not a multiple of 4");
        byte[] huge = good.clone();
        ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN).putInt(36, 0x7ffffffc);
        assertThatThrownBy(() -> ResourceFileReader.parse("x.res", huge)).hasMessageContaining("runs past the end");
        byte[] small = good.clone();
        ByteBuffer.wrap(small).order(ByteOrder.LITTLE_ENDIAN).putInt(36, 16);
        assertThatThrownBy(() -> ResourceFileReader.parse("x.res", small)).hasMessageContaining("smaller than 32");
    }

    @Test
    void objectsAreNotResourceFiles() throws Exception {
        Path o = dir.resolve("a.o");
        Files.write(o, new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0, 0});
        assertThat(ResourceFileReader.isResourceFile(o)).isFalse();
        assertThat(ResourceFileReader.isResourceFile(dir.resolve("missing.res"))).isFalse();
        assertThatThrownBy(() -> ResourceFileReader.read(dir.resolve("missing.res")))
                .hasMessage(dir.resolve("missing.res") + ": resource file not found");
    }
}
