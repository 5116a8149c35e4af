package dev.winelib.asm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import dev.winelib.spec.ArgType;
import dev.winelib.spec.EntryType;
import dev.winelib.spec.ExportEntry;
import dev.winelib.spec.ExportFlag;
import dev.winelib.spec.ModuleSpec;
import dev.winelib.spec.TargetCpu;

/**
 * The data Wine's relay tracer ({@code WINEDEBUG=+relay}) needs from a module: a descriptor
 * right after the export directory, a table of thunk offsets per export slot, one string of
 * argument-type letters shared by all functions, and a thunk per traced function that calls the
 * tracer through the descriptor. On x86_64 the thunk first stores the register arguments in the
 * caller's home area; on i386 it pushes the register arguments of thiscall and fastcall functions
 * back onto the stack, and a stdcall thunk pops the arguments on return.
 */
final class RelayModel {

    /** The magic value that marks relay data; ntdll checks it before and after the name table. */
    static final String MAGIC = "0xdeb90002";

    /** Functions with most arguments first (a class rather than a lambda, whose call site each short run would link). */
    private static final java.util.Comparator<ExportEntry> MOST_ARGUMENTS_FIRST = new java.util.Comparator<>() {
        @Override
        public int compare(ExportEntry a, ExportEntry b) {
            return Integer.compare(b.args().size(), a.args().size());
        }
    };

    private RelayModel() {
    }

    /**
     * What the relay text needs besides the spec: the argument string as a literal, and for each
     * export slot the offset of its function's letters in that string, or -1 when the slot is not
     * traced. The thunks themselves are written straight from the spec ({@link #thunk}).
     */
    record Relay(String argString, int[] argOffsets) {
        boolean traced(int slot) {
            return argOffsets[slot] >= 0;
        }

        /**
         * The value a thunk passes the tracer: the offset of its letters in the argument string in the
         * high 16 bits, its export slot in the low.
         */
        long index(int slot) {
            return ((long) argOffsets[slot] << 16) | slot;
        }
    }

    /** The relay data, or null when no entry is traced. */
    static Relay of(ModuleSpec spec) {
        List<ExportEntry> relayed = new ArrayList<>(spec.exportSlotCount());
        for (int ordinal = spec.base(); ordinal <= spec.limit(); ordinal++) {
            ExportEntry e = spec.atOrdinal(ordinal).orElse(null);
            if (e != null && e.isRelayed()) {
                relayed.add(e);
            }
        }
        if (relayed.isEmpty()) {
            return null;
        }
        // the argument string: functions with most arguments first, so that shorter strings can
        // often reuse the tail of a longer one
        relayed.sort(MOST_ARGUMENTS_FIRST);
        StringBuilder argString = new StringBuilder();
        int[] argOffsets = new int[spec.limit() - spec.base() + 1];
        Arrays.fill(argOffsets, -1);
        TargetCpu cpu = spec.cpu();
        // where each signature is, by the argument list it comes from when no flag changes it (the
        // lists are shared between entries, see SpecParser)
        Map<List<ArgType>, Integer> offsets = new IdentityHashMap<>();
        for (ExportEntry e : relayed) {
            argOffsets[e.ordinal() - spec.base()] = offset(e, cpu, argString, offsets);
        }
        return new Relay(AsmText.stringLiteral(argString.toString()), argOffsets);
    }

    /** Where {@code e}'s signature is in {@code argString}, appended when it is not there yet. */
    private static int offset(ExportEntry e, TargetCpu cpu, StringBuilder argString,
            Map<List<ArgType>, Integer> offsets) {
        boolean plain = !e.hasFlag(ExportFlag.THISCALL) && !e.hasFlag(ExportFlag.FASTCALL)
                && !e.hasFlag(ExportFlag.RET64);
        Integer known = plain ? offsets.get(e.args()) : null;
        if (known != null) {
            return known;
        }
        String sig = signature(e, cpu);
        int at = argString.indexOf(sig);
        if (at < 0) {
            at = argString.length();
            argString.append(sig);
        }
        if (plain) {
            offsets.put(e.args(), at);
        }
        return at;
    }

    /** The label of the thunk of the function at {@code ordinal}. */
    static String thunkLabel(int ordinal) {
        return "__wine_spec_relay_entry_point_" + ordinal;
    }

    /** The instructions that put a traced function's register arguments in place for the tracer. */
    static List<String> argumentMoves(ExportEntry e, TargetCpu cpu) {
        return cpu == TargetCpu.I386 ? registerPushes(e) : spills(e);
    }

    /** The return instruction of a traced function's thunk: a stdcall function pops its arguments. */
    static String returnInstruction(ExportEntry e, TargetCpu cpu) {
        return e.type() == EntryType.STDCALL ? "ret $" + e.argumentBytes(cpu) : "ret";
    }

    /**
     * One letter per argument (s: str, w: wstr, f: float, d: double, on i386 j: int64 and k: int128,
     * i: anything else; t for the register arguments of i386 thiscall and fastcall functions), then
     * the result: J for an i386 {@code -ret64} function, else I.
     */
    static String signature(ExportEntry e, TargetCpu cpu) {
        boolean i386 = cpu == TargetCpu.I386;
        StringBuilder b = new StringBuilder();
        for (ArgType a : e.args()) {
            b.append(switch (a) {
                case STR -> 's';
                case WSTR -> 'w';
                case FLOAT -> 'f';
                case DOUBLE -> 'd';
                case INT64 -> i386 ? 'j' : 'i';
                case INT128 -> i386 ? 'k' : 'i';
                default -> 'i';
            });
        }
        boolean thiscall = e.hasFlag(ExportFlag.THISCALL);
        boolean fastcall = e.hasFlag(ExportFlag.FASTCALL);
        if ((thiscall || fastcall) && b.length() > 0) {
            b.setCharAt(0, 't');
        }
        if (fastcall && b.length() > 1) {
            b.setCharAt(1, 't');
        }
        return b.append(i386 && e.hasFlag(ExportFlag.RET64) ? 'J' : 'I').toString();
    }

    /**
     * i386: the pushes that put the register arguments of a thiscall ({@code %ecx}) or fastcall
     * ({@code %ecx}, {@code %edx}) function back on the stack below the return address.
     */
    private static List<String> registerPushes(ExportEntry e) {
        boolean fastcall = e.hasFlag(ExportFlag.FASTCALL);
        if (!e.hasFlag(ExportFlag.THISCALL) && !fastcall) {
            return List.of();
        }
        List<String> pushes = new ArrayList<>();
        pushes.add("popl %eax");
        if (fastcall && e.argumentBytes(TargetCpu.I386) > 4) {
            pushes.add("pushl %edx");
        }
        pushes.add("pushl %ecx");
        pushes.add("pushl %eax");
        return pushes;
    }

    /** Stores of the register arguments (at most four) into their home slots, last one first. */
    private static List<String> spills(ExportEntry e) {
        String[] intRegs = {"rcx", "rdx", "r8", "r9"};
        List<String> spills = new ArrayList<>();
        int n = Math.min(e.args().size(), 4);
        for (int i = n - 1; i >= 0; i--) {
            ArgType a = e.args().get(i);
            String reg = a == ArgType.FLOAT || a == ArgType.DOUBLE ? "xmm" + i : intRegs[i];
            spills.add("movq %" + reg + "," + 8 * (i + 1) + "(%rsp)");
        }
        return spills;
    }
}
