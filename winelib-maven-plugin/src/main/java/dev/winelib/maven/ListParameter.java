package dev.winelib.maven;

import java.util.List;

/**
 * A list parameter's entries: Maven turns an empty element ({@code -Dwinelib.imports=,} or
 * {@code a.o,}) into {@code null}; such elements, and blank ones, are left out.
 */
final class ListParameter {

    private ListParameter() {
    }

    /** The entries of {@code list} that are given: no nulls, no blank strings. */
    static <T> List<T> entries(List<T> list) {
        if (list == null) {
            return List.of();
        }
        List<T> entries = new java.util.ArrayList<>();
        for (T e : list) { // a loop: no lambda to spin up on a no-op build
            if (e != null && !(e instanceof String s && s.isBlank())) {
                entries.add(e);
            }
        }
        return java.util.Collections.unmodifiableList(entries);
    }
}
