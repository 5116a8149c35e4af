package dev.winelib.spec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns declared entries into a {@link ModuleSpec} the way winebuild does: duplicate names and
 * ordinals are errors, explicit ordinals keep their numbers, and every {@code @} entry takes the
 * lowest free ordinal from the base (the lowest explicit ordinal, or 1) upwards.
 */
final class ExportTableBuilder {

    private ExportTableBuilder() {
    }

    static ModuleSpec build(String fileName, String source, TargetCpu cpu, List<ExportEntry> declared) {
        if (declared.size() < ModuleSpec.PARALLEL_ENTRIES) {
            checkDuplicateNames(declared);
            return assignOrdinals(fileName, source, cpu, declared);
        }
        // a large spec: the names are checked on a thread of their own while the ordinals are assigned;
        // a duplicate name is still the error reported first
        Background<List<ExportEntry>> names = Background.start("spec names", () -> checkDuplicateNames(declared));
        ModuleSpec spec;
        try {
            spec = assignOrdinals(fileName, source, cpu, declared);
        } catch (SpecException e) {
            names.join();
            throw e;
        }
        names.join();
        return spec;
    }

    /** Checks that no two entries declare the same name; the entries checked. */
    private static List<ExportEntry> checkDuplicateNames(List<ExportEntry> entries) {
        Map<String, ExportEntry> seen = new HashMap<>(Math.max(16, entries.size() * 2));
        for (ExportEntry e : entries) {
            if (e.declaredName().isEmpty()) {
                continue;
            }
            ExportEntry previous = seen.putIfAbsent(e.declaredName().get(), e);
            if (previous != null) {
                throw new SpecException(e.location(), ErrorText.quote(e.declaredName().get())
                        + " is already defined at "
                        + previous.location());
            }
        }
        return entries;
    }

    private static ModuleSpec assignOrdinals(String fileName, String source, TargetCpu cpu, List<ExportEntry> declared) {
        int max = SpecParser.MAX_ORDINALS;
        int base = max;
        int limit = 0;
        ExportEntry[] slots = new ExportEntry[max];
        for (ExportEntry e : declared) {
            if (!e.explicitOrdinal()) {
                continue;
            }
            base = Math.min(base, e.ordinal());
            limit = Math.max(limit, e.ordinal());
            if (slots[e.ordinal()] != null) {
                throw new SpecException(e.location(), "ordinal " + e.ordinal() + " is already used at "
                        + slots[e.ordinal()].location());
            }
            slots[e.ordinal()] = e;
        }
        if (base == max) {
            base = 1;
        }
        limit = Math.max(limit, base);
        List<ExportEntry> result = new ArrayList<>(declared.size());
        int next = base;
        for (ExportEntry e : declared) {
            if (e.explicitOrdinal()) {
                result.add(e);
                continue;
            }
            while (next < max && slots[next] != null) {
                next++;
            }
            if (next >= max) {
                throw new SpecException(e.location(), "too many entry points: no ordinal below " + max
                        + " is left for this one");
            }
            ExportEntry assigned = e.withOrdinal(next);
            slots[next] = assigned;
            result.add(assigned);
            limit = Math.max(limit, next);
        }
        return new ModuleSpec(fileName, source, cpu, result, base, limit);
    }
}
