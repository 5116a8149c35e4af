package dev.winelib.resources;

import static dev.winelib.resources.ResourceFilesTest.resource;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The layout of a resource directory, checked entry by entry for a small tree. */
class ResourceDirectoryTest {

    @Test
    void tablesDataEntriesStringsAndData() throws Exception {
        ResourceTable table = ResourceTable.of(List.of(
                resource(ResourceName.of(16), ResourceName.of(1), 0x409, 0, "ver"),
                resource(ResourceName.of("T"), ResourceName.of("NM"), 0, 0, "12345"),
                resource(ResourceName.of(16), ResourceName.of(1), 0x407, 0, "de")));
        ResourceDirectory d = ResourceDirectory.of(table);
        // root: one named type (T) and one id type (16)
        // type T: one named name; its language table: one entry
        // type 16: one id name; its language table: two entries
        assertThat(d.tables()).hasSize(5);
        ResourceDirectory.Table root = d.tables().get(0);
        assertThat(root.namedEntries()).isEqualTo(1);
        assertThat(root.idEntries()).isEqualTo(1);
        int rootSize = 16 + 2 * 8;
        int typeT = rootSize;
        int typeTNames = typeT + 16 + 8;
        int type16 = typeTNames + 16 + 8;
        int type16Languages = type16 + 16 + 8;
        int dataEntries = type16Languages + 16 + 2 * 8;
        int strings = dataEntries + 3 * 16;
        assertThat(root.entries()).containsExactly(
                new ResourceDirectory.Entry(strings | ResourceDirectory.HIGH_BIT, typeT | ResourceDirectory.HIGH_BIT),
                new ResourceDirectory.Entry(16, type16 | ResourceDirectory.HIGH_BIT));
        assertThat(d.tables().get(1).entries()).containsExactly(new ResourceDirectory.Entry(
                (strings + 4) | ResourceDirectory.HIGH_BIT, typeTNames | ResourceDirectory.HIGH_BIT));
        assertThat(d.tables().get(2).entries()).containsExactly(new ResourceDirectory.Entry(0, dataEntries));
        assertThat(d.tables().get(4).entries()).containsExactly(
                new ResourceDirectory.Entry(0x407, dataEntries + 16), new ResourceDirectory.Entry(0x409,
                        dataEntries + 32));
        assertThat(d.strings()).containsExactly("T", "NM");
        int end = strings + 4 + 6;
        assertThat(d.directorySize()).isEqualTo((end + 3) & ~3);
        assertThat(d.dataOffset(1)).isEqualTo(d.directorySize() + 8);
        assertThat(d.dataOffset(2)).isEqualTo(d.directorySize() + 12);

        byte[] bytes = d.toBytes(0x5000);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getInt(dataEntries)).isEqualTo(0x5000 + d.dataOffset(0));
        assertThat(b.getInt(dataEntries + 4)).isEqualTo(5);
        assertThat(b.getShort(strings)).isEqualTo((short) 1);
        assertThat(b.getChar(strings + 2)).isEqualTo('T');
        assertThat(new String(bytes, d.dataOffset(0), 5)).isEqualTo("12345");
        assertThat(bytes).hasSize(d.dataOffset(2) + 4);
    }
}
