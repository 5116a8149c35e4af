package dev.winelib.asm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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

    private RelayModel() {
    }

    /**
     * What the relay text holds: for each export slot the offset of its thunk (an expression, or 0),
     * the argument string as a literal, and the thunks.
     */
    record Relay(List<String> offsets, String argString, List<Thunk> thunks) {
    }

    /**
     * One traced function's thunk: its label, the instructions that put its register arguments in
     * place, its return instruction, and the value it passes the tracer (argument string offset in the
     * high 16 bits, export slot index in the low).
     */
    record Thunk(String label, List<String> spills, String ret, String index) {
    }

    /** The relay data, or null when no entry is traced. */
    static Relay of(ModuleSpec spec) {
        List<ExportEntry> relayed = new ArrayList<>();
        for (int ordinal = spec.base(); ordinal <= spec.limit(); ordinal++) {
            spec.atOrdinal(ordinal).filter(ExportEntry::isRelayed).ifPresent(relayed::add);
        }
        if (relayed.isEmpty()) {
            return null;
        }
        // the argument string: functions with most arguments first, so that shorter strings can
        // often reuse the tail of a longer one
        List<ExportEntry> byArgCount = new ArrayList<>(relayed);
        byArgCount.sort(Comparator.comparingInt((ExportEntry e) -> e.args().size()).reversed());
        StringBuilder argString = new StringBuilder();
        Map<Integer, Integer> argOffset = new HashMap<>();
        TargetCpu cpu = spec.cpu();
        for (ExportEntry e : byArgCount) {
            String sig = signature(e, cpu);
            int at = argString.indexOf(sig);
            if (at < 0) {
                at = argString.length();
                argString.append(sig);
            }
            argOffset.put(e.ordinal(), at);
        }
        List<String> offsets = new ArrayList<>();
        for (int ordinal = spec.base(); ordinal <= spec.limit(); ordinal++) {
            boolean traced = spec.atOrdinal(ordinal).map(ExportEntry::isRelayed).orElse(false);
            offsets.add(traced ? "__wine_spec_relay_entry_point_" + ordinal + "-__wine_spec_relay_entry_points" : "0");
        }
        List<Thunk> thunks = new ArrayList<>();
        for (ExportEntry e : relayed) {
            thunks.add(new Thunk("__wine_spec_relay_entry_point_" + e.ordinal(),
                    cpu == TargetCpu.I386 ? registerPushes(e) : spills(e),
                    e.type() == EntryType.STDCALL ? "ret $" + e.argumentBytes(cpu) : "ret",
                    Long.toString(((long) argOffset.get(e.ordinal()) << 16) | (e.ordinal() - spec.base()))));
        }
        return new Relay(offsets, AsmText.stringLiteral(argString.toString()), thunks);
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
