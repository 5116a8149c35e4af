package dev.winelib.toolchain.pe;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

import dev.winelib.resources.ResourceName;

/**
 * One resource as a module's resource directory holds it.
 *
 * @param type its type
 * @param name its name
 * @param language its language id
 * @param rva where its data lies (relative to the module base Wine uses)
 * @param data its bytes
 */
public record PeResource(ResourceName type, ResourceName name, int language, long rva, byte[] data) {

    /** RT_VERSION: version information. */
    public static final int RT_VERSION = 16;
    private static final int FIXED_FILE_INFO_SIGNATURE = 0xfeef04bd;

    public PeResource {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /**
     * For version information: the file version {@code a.b.c.d} from its fixed part
     * (VS_FIXEDFILEINFO), when it has one.
     */
    public Optional<String> fileVersion() {
        if (type.isString() || type.id() != RT_VERSION || data.length < 40 + 52) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        for (int at = 38; at <= 40 + 2 && at + 16 <= data.length; at += 2) {
            if (b.getInt(at) == FIXED_FILE_INFO_SIGNATURE) {
                int ms = b.getInt(at + 8);
                int ls = b.getInt(at + 12);
                return Optional.of((ms >>> 16) + "." + (ms & 0xffff) + "." + (ls >>> 16) + "." + (ls & 0xffff));
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PeResource r && type.equals(r.type) && name.equals(r.name) && language == r.language
                && rva == r.rva && Arrays.equals(data, r.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, name, language, rva, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "type " + type + " name " + name + " language " + String.format("%04x", language) + " (" + data.length
                + " bytes)";
    }
}
