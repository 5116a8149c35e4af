package dev.winelib.resources;

import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * The type or the name of a Win32 resource: a 16-bit number ({@code RT_VERSION} is 16) or a
 * string ({@code "MYDATA"}). Strings are kept as UTF-16 text, exactly as the resource file holds
 * them.
 *
 * @param string the name, when it is a string
 * @param id the number, when it is not a string (0 otherwise)
 */
public record ResourceName(Optional<String> string, int id) implements Comparable<ResourceName> {

    /**
     * The order of a resource directory: strings before numbers, strings by their UTF-16 code units
     * (a prefix first), numbers by value.
     */
    public static final Comparator<ResourceName> ORDER = new Comparator<>() {
        // a class, not a lambda, whose call site every short run of the command line would link
        @Override
        public int compare(ResourceName a, ResourceName b) {
            if (a.string.isPresent() != b.string.isPresent()) {
                return a.string.isPresent() ? -1 : 1;
            }
            if (a.string.isPresent()) {
                return a.string.get().compareTo(b.string.get());
            }
            return Integer.compare(a.id, b.id);
        }
    };

    public ResourceName {
        Objects.requireNonNull(string, "string");
        if (string.isPresent() && id != 0) {
            throw new IllegalArgumentException("a resource name is a string or a number, not both");
        }
        if (id < 0 || id > 0xffff) {
            throw new IllegalArgumentException("resource number " + id + " is outside 0..65535");
        }
    }

    public static ResourceName of(int id) {
        return new ResourceName(Optional.empty(), id);
    }

    public static ResourceName of(String name) {
        return new ResourceName(Optional.of(name), 0);
    }

    public boolean isString() {
        return string.isPresent();
    }

    @Override
    public int compareTo(ResourceName other) {
        return ORDER.compare(this, other);
    }

    /** {@code #16} for a number, the string (non-printable characters as {@code ?}) otherwise. */
    @Override
    public String toString() {
        if (string.isEmpty()) {
            return "#" + id;
        }
        StringBuilder b = new StringBuilder();
        for (char c : string.get().toCharArray()) {
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.toString();
    }
}
