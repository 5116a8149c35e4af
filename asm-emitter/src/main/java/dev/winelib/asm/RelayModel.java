package dev.winelib.asm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.winelib.spec.ArgType;
import dev.winelib.spec.ExportEntry;
import dev.winelib.spec.ModuleSpec;

/**
 * The data Wine's relay tracer ({@code WINEDEBUG=+relay}) needs from a module: a descriptor
 * right after the export directory, a table of thunk offsets per export slot, one string of
 * argument-type letters shared by all functions, and a thunk per traced function that stores its
 * register arguments in the caller's home area and calls the tracer through the descriptor.
 */
final class RelayModel {

    /** The magic value that marks relay data; ntdll checks it before and after the name table. */
    static final String MAGIC = "0xdeb90002";

    private RelayModel() {
    }

    /** The template model, or null when no entry is traced. */
    static Map<String, Object> of(ModuleSpec spec) {
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
        for (ExportEntry e : byArgCount) {
            String sig = signature(e);
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
        List<Map<String, Object>> thunks = new ArrayList<>();
        for (ExportEntry e : relayed) {
            Map<String, Object> t = new HashMap<>();
            t.put("label", "__wine_spec_relay_entry_point_" + e.ordinal());
            t.put("spills", spills(e));
            t.put("index", Long.toString(((long) argOffset.get(e.ordinal()) << 16) | (e.ordinal() - spec.base())));
            thunks.add(t);
        }
        Map<String, Object> m = new HashMap<>();
        m.put("magic", MAGIC);
        m.put("offsets", offsets);
        m.put("argString", AsmText.stringLiteral(argString.toString()));
        m.put("thunks", thunks);
        return m;
    }

    /** One letter per argument (s: str, w: wstr, f: float, d: double, i: anything else) and I for the result. */
    static String signature(ExportEntry e) {
        StringBuilder b = new StringBuilder();
        for (ArgType a : e.args()) {
            b.append(switch (a) {
                case STR -> 's';
                case WSTR -> 'w';
                case FLOAT -> 'f';
                case DOUBLE -> 'd';
                default -> 'i';
            });
        }
        return b.append('I').toString();
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
