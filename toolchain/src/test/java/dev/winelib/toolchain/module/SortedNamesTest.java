package dev.winelib.toolchain.module;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

class SortedNamesTest {

    @Test
    void findsExactlyTheNamesItHolds() {
        Set<String> names = new HashSet<>(List.of("memcpy", "mem", "memcpy@GLIBC_2.14", "_", "a", "z", "ü_name",
                "\uD83D\uDE00", "\uFFFD", "GCC_3.0", "__libc_start_main"));
        Random random = new Random(20);
        for (int i = 0; i < 3000; i++) {
            names.add("f" + Integer.toString(random.nextInt(1_000_000), 36) + (i % 7 == 0 ? "_x" : ""));
        }
        SystemLibrarySymbols.SortedNames sorted = SystemLibrarySymbols.SortedNames.of(names);

        assertThat(sorted).hasSize(names.size());
        assertThat(new TreeSet<>(sorted)).isEqualTo(new TreeSet<>(names));
        for (String name : names) {
            assertThat(sorted.contains(name)).as(name).isTrue();
            assertThat(sorted.contains(name + "_")).as(name + "_").isEqualTo(names.contains(name + "_"));
            assertThat(sorted.contains(name.substring(0, name.length() - 1)))
                    .isEqualTo(names.contains(name.substring(0, name.length() - 1)));
        }
        assertThat(sorted.contains("memcp")).isFalse();
        assertThat(sorted.contains("")).isFalse();
        assertThat(sorted.contains("zz")).isFalse();
        assertThat(sorted.contains(7)).isFalse();
        assertThat(SystemLibrarySymbols.SortedNames.of(Set.of()).contains("a")).isFalse();
        assertThat(SystemLibrarySymbols.SortedNames.of(Set.of())).isEmpty();
    }
}
