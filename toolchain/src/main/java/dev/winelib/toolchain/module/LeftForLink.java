package dev.winelib.toolchain.module;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.winelib.toolchain.imports.UndefinedSymbols;

/**
 * The undefined symbols a module object leaves for the final link, worked out when first asked for:
 * the module's own that nothing imported, less those the system libraries define, in name order;
 * then what the runtime needs that nothing imported. A spec given without its objects leaves every
 * export here (10,000 names for a spec of 10,000 exports), and a build that does not ask for them
 * (the command line without {@code -v}, a module without objects to check) neither sorts them nor
 * looks each up in the system libraries' symbols. Read-only; not for use by several threads at once
 * before it was first read.
 */
final class LeftForLink extends AbstractList<String> {

    private final List<UndefinedSymbols.Symbol> notImported;
    private final Set<String> systemSymbols;
    private final List<String> forRuntime;
    private List<String> names;

    /**
     * @param notImported the module's undefined symbols that nothing imported
     * @param systemSymbols those among them that are not left for the final link
     * @param forRuntime what the runtime needs that nothing imported, in order
     */
    LeftForLink(List<UndefinedSymbols.Symbol> notImported, Set<String> systemSymbols, List<String> forRuntime) {
        this.notImported = notImported;
        this.systemSymbols = systemSymbols;
        this.forRuntime = List.copyOf(forRuntime);
    }

    private List<String> names() {
        if (names == null) {
            List<String> own = new ArrayList<>(notImported.size());
            for (UndefinedSymbols.Symbol s : notImported) {
                if (!systemSymbols.contains(s.name())) {
                    own.add(s.name());
                }
            }
            String[] sorted = own.toArray(new String[0]);
            Arrays.sort(sorted);
            Set<String> all = new LinkedHashSet<>(Arrays.asList(sorted));
            all.addAll(forRuntime);
            names = List.copyOf(all);
        }
        return names;
    }

    @Override
    public String get(int index) {
        return names().get(index);
    }

    @Override
    public int size() {
        return names().size();
    }
}
