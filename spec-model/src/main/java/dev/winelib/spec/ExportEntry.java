package dev.winelib.spec;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One entry point of a module, as declared in its spec file, with its final ordinal.
 *
 * @param ordinal the ordinal in the export table (assigned when the spec wrote {@code @})
 * @param explicitOrdinal whether the spec gave the ordinal as a number
 * @param declaredName the name written in the spec, empty for an anonymous ({@code @}) entry
 * @param type the entry type
 * @param args argument types of a function (empty for extern, and for a stub without a list)
 * @param target the C symbol the entry resolves to, or the forward string {@code dll.func}; empty
 *     for a stub
 * @param forward whether {@code target} is a forward to another DLL
 * @param flags flags given in the spec
 * @param location where the entry was declared
 */
public record ExportEntry(
        int ordinal,
        boolean explicitOrdinal,
        Optional<String> declaredName,
        EntryType type,
        List<ArgType> args,
        String target,
        boolean forward,
        Set<ExportFlag> flags,
        SourceLocation location) {

    public ExportEntry {
        Objects.requireNonNull(declaredName, "declaredName");
        Objects.requireNonNull(type, "type");
        args = List.copyOf(args);
        Objects.requireNonNull(target, "target");
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
        Objects.requireNonNull(location, "location");
    }

    /** The name in the export name table, if the entry has one there. */
    public Optional<String> exportedName() {
        return flags.contains(ExportFlag.NONAME) ? Optional.empty() : declaredName;
    }

    public boolean hasFlag(ExportFlag flag) {
        return flags.contains(flag);
    }

    ExportEntry withOrdinal(int newOrdinal) {
        return new ExportEntry(newOrdinal, explicitOrdinal, declaredName, type, args, target, forward, flags, location);
    }
}
