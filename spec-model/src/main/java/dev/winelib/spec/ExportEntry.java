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
 * @param argumentList whether an argument list was declared (always for functions; optional for
 *     a stub, which then gets a relay thunk too)
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
        SourceLocation location,
        boolean argumentList) {

    /** An entry whose argument list is declared exactly when it has arguments or is a function. */
    public ExportEntry(int ordinal, boolean explicitOrdinal, Optional<String> declaredName, EntryType type,
            List<ArgType> args, String target, boolean forward, Set<ExportFlag> flags, SourceLocation location) {
        this(ordinal, explicitOrdinal, declaredName, type, args, target, forward, flags, location,
                type != null && (type.isFunction() || !args.isEmpty()));
    }

    public ExportEntry {
        Objects.requireNonNull(declaredName, "declaredName");
        Objects.requireNonNull(type, "type");
        args = List.copyOf(args);
        Objects.requireNonNull(target, "target");
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
        Objects.requireNonNull(location, "location");
    }

    /**
     * The name in the export name table, if the entry has one there. As in winebuild, {@code -ordinal} wins over
     * {@code -noname}: an entry with both keeps its name.
     */
    public Optional<String> exportedName() {
        return flags.contains(ExportFlag.NONAME) && !flags.contains(ExportFlag.ORDINAL) ? Optional.empty()
                : declaredName;
    }

    public boolean hasFlag(ExportFlag flag) {
        return flags.contains(flag);
    }

    /**
     * Whether Wine's relay tracer can wrap this entry: stdcall and cdecl functions, and stubs that
     * declare an argument list, unless marked {@code -norelay} or forwarded.
     */
    public boolean isRelayed() {
        boolean candidate = type == EntryType.STDCALL || type == EntryType.CDECL
                || (type == EntryType.STUB && argumentList);
        return candidate && !forward && !flags.contains(ExportFlag.NORELAY);
    }

    /**
     * The bytes the arguments take on the stack of {@code cpu}, as in the {@code @N} of a stdcall
     * decoration: a pointer's size per argument, except {@code int64} and {@code double} (8 bytes)
     * and {@code int128} (16 bytes on i386, passed by pointer on x86_64).
     */
    public int argumentBytes(TargetCpu cpu) {
        int size = 0;
        for (ArgType a : args) {
            size += switch (a) {
                case INT64, DOUBLE -> 8;
                case INT128 -> cpu == TargetCpu.X86_64 ? cpu.pointerSize() : 16;
                default -> cpu.pointerSize();
            };
        }
        return size;
    }

    /**
     * The ELF symbol that implements this entry in a winelib module for {@code cpu}: the target,
     * except that i386 thiscall and fastcall functions are reached through the wrappers
     * {@code __thiscall_TARGET} and {@code __fastcall_TARGET} that the module's code defines.
     */
    public String linkSymbol(TargetCpu cpu) {
        if (cpu == TargetCpu.I386 && type == EntryType.STDCALL && !forward) {
            if (flags.contains(ExportFlag.THISCALL)) {
                return "__thiscall_" + target;
            }
            if (flags.contains(ExportFlag.FASTCALL)) {
                return "__fastcall_" + target;
            }
        }
        return target;
    }

    ExportEntry withOrdinal(int newOrdinal) {
        return new ExportEntry(newOrdinal, explicitOrdinal, declaredName, type, args, target, forward, flags, location,
                argumentList);
    }
}
