package dev.winelib.maven;

import java.util.List;
import java.util.Objects;

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
        return list.stream().filter(Objects::nonNull).filter(e -> !(e instanceof String s) || !s.isBlank()).toList();
    }
}
