package dev.winelib.toolchain.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.winelib.toolchain.pe.PeExport;
import dev.winelib.toolchain.pe.WinelibImage;

/**
 * What Wine's loader sees of a module's exports, without anything that depends on where the linker put
 * things: the DLL name, the ordinal base, NumberOfFunctions, the name table in its order, and for each
 * used slot its name and its target (a forward string, or the name of the symbol at the slot's address).
 *
 * @param dllName the Name of the export directory (empty when the module has no export directory)
 * @param ordinalBase the ordinal base
 * @param slotCount NumberOfFunctions, holes included
 * @param nameTable the name table, in order
 * @param slots the non-empty slots by ordinal
 */
public record ExportView(Optional<String> dllName, int ordinalBase, int slotCount, List<String> nameTable,
        Map<Integer, Slot> slots) {

    /**
     * One non-empty slot.
     *
     * @param name its name in the name table, if any
     * @param target {@code forward DLL.FUNC}, {@code symbol NAME}, or {@code no symbol at 0x...}
     */
    public record Slot(Optional<String> name, String target) {
        @Override
        public String toString() {
            return (name.isPresent() ? "name '" + name.get() + "'" : "no name") + ", " + target;
        }

        /** Equal for the comparison: addresses without a symbol only count as "no symbol". */
        boolean sameAs(Slot other) {
            return name.equals(other.name) && comparableTarget().equals(other.comparableTarget());
        }

        private String comparableTarget() {
            return target.startsWith("no symbol") ? "no symbol" : target;
        }
    }

    public ExportView {
        nameTable = List.copyOf(nameTable);
        slots = new TreeMap<>(slots);
    }

    /** The view of a decoded module. */
    public static ExportView of(WinelibImage image) {
        Map<Integer, Slot> slots = new TreeMap<>();
        for (PeExport e : image.exports()) {
            String target;
            if (e.forward().isPresent()) {
                target = "forward " + e.forward().get();
            } else if (e.symbol().isPresent()) {
                target = "symbol " + e.symbol().get();
            } else {
                target = "no symbol at 0x" + Long.toHexString(e.address());
            }
            slots.put(e.ordinal(), new Slot(e.name(), target));
        }
        return new ExportView(image.dllName(), image.ordinalBase(), image.slotCount(), image.nameTable(), slots);
    }

    /** Every difference, each on one line naming what winebuild's module has and what ours has; empty when equal. */
    public List<String> differencesFrom(ExportView winebuild) {
        ExportView ours = this;
        List<String> d = new ArrayList<>();
        if (!ours.dllName.equals(winebuild.dllName)) {
            d.add("DLL name: winebuild " + quoted(winebuild.dllName) + ", ours " + quoted(ours.dllName));
        }
        if (ours.ordinalBase != winebuild.ordinalBase) {
            d.add("ordinal base: winebuild " + winebuild.ordinalBase + ", ours " + ours.ordinalBase);
        }
        if (ours.slotCount != winebuild.slotCount) {
            d.add("NumberOfFunctions: winebuild " + winebuild.slotCount + ", ours " + ours.slotCount);
        }
        if (!ours.nameTable.equals(winebuild.nameTable)) {
            int i = 0;
            while (i < ours.nameTable.size() && i < winebuild.nameTable.size()
                    && ours.nameTable.get(i).equals(winebuild.nameTable.get(i))) {
                i++;
            }
            d.add("name table: winebuild has " + winebuild.nameTable.size() + " names, ours " + ours.nameTable.size()
                    + "; first difference at index " + i + ": winebuild " + at(winebuild.nameTable, i) + ", ours "
                    + at(ours.nameTable, i));
        }
        TreeSet<Integer> ordinals = new TreeSet<>(ours.slots.keySet());
        ordinals.addAll(winebuild.slots.keySet());
        for (int ordinal : ordinals) {
            Slot w = winebuild.slots.get(ordinal);
            Slot o = ours.slots.get(ordinal);
            if (w == null || o == null || !o.sameAs(w)) {
                d.add("ordinal " + ordinal + ": winebuild " + (w == null ? "(empty slot)" : w) + "; ours "
                        + (o == null ? "(empty slot)" : o));
            }
        }
        return d;
    }

    private static String quoted(Optional<String> s) {
        return s.map(v -> "'" + v + "'").orElse("(no export directory)");
    }

    private static String at(List<String> list, int i) {
        return i < list.size() ? "'" + list.get(i) + "'" : "(end of table)";
    }

    /** A multi-line listing, for reports. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        b.append("DLL name ").append(quoted(dllName)).append(", base ").append(ordinalBase).append(", ")
                .append(slotCount).append(" slots, ").append(nameTable.size()).append(" names\n");
        slots.forEach((ordinal, slot) -> b.append("  ").append(ordinal).append(": ").append(slot).append('\n'));
        return b.toString();
    }
}
