package dev.winelib.resources;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The layout of a PE resource directory for a {@link ResourceTable}, the same bytes winebuild
 * lays out: the root table (types), then per type its table of names followed by one table of
 * languages per name; then one data entry per resource in table order; then the type and name
 * strings (a 16-bit length and the UTF-16 code units); then, from the next 4-byte boundary, the
 * resources' data, each padded to 4 bytes. Offsets of tables and strings count from the start of
 * the directory; a data entry holds the data's RVA, which depends on where the directory is
 * placed.
 */
public final class ResourceDirectory {

    /** Bytes of a table header (characteristics, time stamp, version, entry counts). */
    public static final int TABLE_HEADER_SIZE = 16;
    /** Bytes of a table entry (name or id, offset). */
    public static final int ENTRY_SIZE = 8;
    /** Bytes of a data entry (RVA, size, code page, reserved). */
    public static final int DATA_ENTRY_SIZE = 16;
    /** Set in an entry's name field when it is the offset of a string; in its offset field when it points at a table. */
    public static final long HIGH_BIT = 0x80000000L;

    /** One entry of a table: a name field (an id, or a string offset with the high bit) and an offset field. */
    public record Entry(long nameField, long offsetField) {
    }

    /** One table: how many entries have string names, how many numbers, and the entries (strings first). */
    public record Table(int namedEntries, int idEntries, List<Entry> entries) {
        public Table {
            entries = List.copyOf(entries);
        }
    }

    private final List<Table> tables;
    private final List<Resource> resources;
    private final List<String> strings;
    private final int dataEntriesOffset;
    private final int directorySize;

    private ResourceDirectory(List<Table> tables, List<Resource> resources, List<String> strings,
            int dataEntriesOffset, int directorySize) {
        this.tables = List.copyOf(tables);
        this.resources = List.copyOf(resources);
        this.strings = List.copyOf(strings);
        this.dataEntriesOffset = dataEntriesOffset;
        this.directorySize = directorySize;
    }

    private static final class NameNode {
        final ResourceName name;
        final List<Integer> resourceIndexes = new ArrayList<>();
        int tableOffset;
        long nameField;

        NameNode(ResourceName name) {
            this.name = name;
        }
    }

    private static final class TypeNode {
        final ResourceName type;
        final List<NameNode> names = new ArrayList<>();
        int tableOffset;
        long nameField;

        TypeNode(ResourceName type) {
            this.type = type;
        }
    }

    /** Lays out the directory of a table (which is already in directory order). */
    public static ResourceDirectory of(ResourceTable table) {
        List<Resource> resources = table.resources();
        List<TypeNode> types = new ArrayList<>();
        for (int i = 0; i < resources.size(); i++) {
            Resource r = resources.get(i);
            TypeNode type = types.isEmpty() ? null : types.get(types.size() - 1);
            if (type == null || !type.type.equals(r.type())) {
                type = new TypeNode(r.type());
                types.add(type);
            }
            NameNode name = type.names.isEmpty() ? null : type.names.get(type.names.size() - 1);
            if (name == null || !name.name.equals(r.name())) {
                name = new NameNode(r.name());
                type.names.add(name);
            }
            name.resourceIndexes.add(i);
        }

        int offset = tableSize(types.size());
        for (TypeNode type : types) {
            type.tableOffset = offset;
            offset += tableSize(type.names.size());
            for (NameNode name : type.names) {
                name.tableOffset = offset;
                offset += tableSize(name.resourceIndexes.size());
            }
        }
        int dataEntries = offset;
        offset += resources.size() * DATA_ENTRY_SIZE;
        List<String> strings = new ArrayList<>();
        for (TypeNode type : types) {
            if (type.type.isString()) {
                type.nameField = offset | HIGH_BIT;
                String s = type.type.string().orElseThrow();
                strings.add(s);
                offset += stringSize(s);
            } else {
                type.nameField = type.type.id();
            }
            for (NameNode name : type.names) {
                if (name.name.isString()) {
                    name.nameField = offset | HIGH_BIT;
                    String s = name.name.string().orElseThrow();
                    strings.add(s);
                    offset += stringSize(s);
                } else {
                    name.nameField = name.name.id();
                }
            }
        }

        List<Table> tables = new ArrayList<>();
        List<Entry> root = new ArrayList<>();
        int namedTypes = 0;
        for (TypeNode type : types) {
            root.add(new Entry(type.nameField, type.tableOffset | HIGH_BIT));
            namedTypes += type.type.isString() ? 1 : 0;
        }
        tables.add(new Table(namedTypes, types.size() - namedTypes, root));
        for (TypeNode type : types) {
            List<Entry> names = new ArrayList<>();
            int named = 0;
            for (NameNode name : type.names) {
                names.add(new Entry(name.nameField, name.tableOffset | HIGH_BIT));
                named += name.name.isString() ? 1 : 0;
            }
            tables.add(new Table(named, type.names.size() - named, names));
            for (NameNode name : type.names) {
                List<Entry> languages = new ArrayList<>();
                for (int index : name.resourceIndexes) {
                    languages.add(new Entry(resources.get(index).language(), dataEntries + (long) index
                            * DATA_ENTRY_SIZE));
                }
                tables.add(new Table(0, languages.size(), languages));
            }
        }
        return new ResourceDirectory(tables, resources, strings, dataEntries, align4(offset));
    }

    private static int tableSize(int entries) {
        return TABLE_HEADER_SIZE + entries * ENTRY_SIZE;
    }

    private static int stringSize(String s) {
        return (s.length() + 1) * 2;
    }

    static int align4(int n) {
        return (n + 3) & ~3;
    }

    /** The tables in the order they are laid out: the root first. */
    public List<Table> tables() {
        return tables;
    }

    /** The resources, one per data entry, in order. */
    public List<Resource> resources() {
        return resources;
    }

    /** The type and name strings in the order they are laid out. */
    public List<String> strings() {
        return strings;
    }

    /** Where the data entries start. */
    public int dataEntriesOffset() {
        return dataEntriesOffset;
    }

    /** The size of tables, data entries and strings, rounded up to 4: where the data starts. */
    public int directorySize() {
        return directorySize;
    }

    /** Where the data of resource {@code index} starts, from the start of the directory. */
    public int dataOffset(int index) {
        int offset = directorySize;
        for (int i = 0; i < index; i++) {
            offset += align4(resources.get(i).size());
        }
        return offset;
    }

    /** The size of the whole directory with the data. */
    public int totalSize() {
        return dataOffset(resources.size());
    }

    /**
     * The directory with its data as bytes, for a directory placed at {@code rva}: each data entry
     * holds {@code rva} plus the offset of its data.
     */
    public byte[] toBytes(long rva) {
        ByteBuffer b = ByteBuffer.allocate(totalSize()).order(ByteOrder.LITTLE_ENDIAN);
        for (Table t : tables) {
            b.putInt(0).putInt(0).putShort((short) 0).putShort((short) 0);
            b.putShort((short) t.namedEntries()).putShort((short) t.idEntries());
            for (Entry e : t.entries()) {
                b.putInt((int) e.nameField()).putInt((int) e.offsetField());
            }
        }
        for (int i = 0; i < resources.size(); i++) {
            b.putInt((int) (rva + dataOffset(i))).putInt(resources.get(i).size()).putInt(0).putInt(0);
        }
        for (String s : strings) {
            b.putShort((short) s.length());
            for (char c : s.toCharArray()) {
                b.putChar(c);
            }
        }
        for (int i = 0; i < resources.size(); i++) {
            b.position(dataOffset(i));
            b.put(resources.get(i).data());
        }
        return b.array();
    }
}
