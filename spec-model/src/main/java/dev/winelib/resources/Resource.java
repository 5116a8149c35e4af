package dev.winelib.resources;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;

/**
 * One resource of a compiled resource file ({@code .res}): its type, name and language, and its
 * bytes. Immutable: the data is copied in and out.
 */
public final class Resource {

    /** The order of a resource directory: by type, then name, then language, then version. */
    public static final Comparator<Resource> ORDER = new Comparator<>() {
        // a class, not a method reference, whose call site every short run of the command line would link
        @Override
        public int compare(Resource a, Resource b) {
            return compareOrder(a, b);
        }
    };

    // written out rather than with Comparator.comparing(...).thenComparing(...), whose lambdas are spun at
    // run time on every start of the command line (no class archive keeps them)
    private static int compareOrder(Resource a, Resource b) {
        int c = ResourceName.ORDER.compare(a.type, b.type);
        if (c == 0) {
            c = ResourceName.ORDER.compare(a.name, b.name);
        }
        if (c == 0) {
            c = Integer.compare(a.language, b.language);
        }
        return c != 0 ? c : Long.compare(a.version, b.version);
    }

    private final ResourceName type;
    private final ResourceName name;
    private final int language;
    private final long version;
    private final int memoryOptions;
    private final byte[] data;
    private final String origin;

    /**
     * @param type the resource type
     * @param name the resource name
     * @param language the language id (16 bits)
     * @param version the resource version (32 bits, unsigned): of two resources with the same type,
     *     name and language, the higher version is kept
     * @param memoryOptions the memory flags (16 bits), kept for {@code .res} output
     * @param data the resource's bytes
     * @param origin where it was read (file and offset), for messages
     */
    public Resource(ResourceName type, ResourceName name, int language, long version, int memoryOptions, byte[] data,
            String origin) {
        this.type = Objects.requireNonNull(type, "type");
        this.name = Objects.requireNonNull(name, "name");
        if (language < 0 || language > 0xffff) {
            throw new IllegalArgumentException("language " + language + " is outside 0..65535");
        }
        if (version < 0 || version > 0xffffffffL) {
            throw new IllegalArgumentException("version " + version + " is outside 32 bits");
        }
        if (memoryOptions < 0 || memoryOptions > 0xffff) {
            throw new IllegalArgumentException("memory options " + memoryOptions + " are outside 16 bits");
        }
        this.language = language;
        this.version = version;
        this.memoryOptions = memoryOptions;
        this.data = data.clone();
        this.origin = Objects.requireNonNull(origin, "origin");
    }

    public ResourceName type() {
        return type;
    }

    public ResourceName name() {
        return name;
    }

    public int language() {
        return language;
    }

    public long version() {
        return version;
    }

    public int memoryOptions() {
        return memoryOptions;
    }

    /** A copy of the resource's bytes. */
    public byte[] data() {
        return data.clone();
    }

    public int size() {
        return data.length;
    }

    /** The byte at {@code index} of the data. */
    public int byteAt(int index) {
        return data[index] & 0xff;
    }

    public String origin() {
        return origin;
    }

    /** Type, name and language, as in messages: {@code type #16 name #1 language 0409}. */
    public String describe() {
        return "type " + type + " name " + name + " language " + String.format("%04x", language);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Resource r && type.equals(r.type) && name.equals(r.name) && language == r.language
                && version == r.version && memoryOptions == r.memoryOptions && Arrays.equals(data, r.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, name, language, version, memoryOptions, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return describe() + " (" + data.length + " bytes, from " + origin + ")";
    }
}
