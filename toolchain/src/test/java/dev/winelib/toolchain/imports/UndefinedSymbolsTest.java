package dev.winelib.toolchain.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class UndefinedSymbolsTest {

    @Test
    void readsLldWarningsWithTheirReferences() {
        String out = """
                ld.lld-16: warning: undefined symbol: GetVersionExW
                >>> referenced by win32calls.c
                >>>               /p/work/obj/win32calls.c.o:(w32_major_version)
                >>> referenced by win32calls.c
                >>>               /p/work/obj/win32calls.c.o:(other)
                ld.lld-16: warning: undefined symbol: __imp_Sleep
                >>> referenced by a.c
                ld.lld-16: error: something else
                ld.lld-16: warning: undefined symbol: GetVersionExW
                >>> referenced by b.c
                """;
        assertThat(UndefinedSymbols.parse(out)).containsExactly(
                new UndefinedSymbols.Symbol("GetVersionExW", List.of("win32calls.c", "b.c")),
                new UndefinedSymbols.Symbol("__imp_Sleep", List.of("a.c")));
    }

    @Test
    void hiddenAndProtectedSymbolsAreReadApartFromDefaultOnes() {
        String out = """
                ld.lld-16: error: undefined hidden symbol: GetTickCount
                >>> referenced by w.c
                >>>               w.o:(f) in archive /p/libw.a
                ld.lld-16: warning: undefined symbol: Sleep
                >>> referenced by s.c
                ld.lld-16: error: undefined protected symbol: helper
                """;
        assertThat(UndefinedSymbols.parseNonDefault(out)).containsExactly(
                new UndefinedSymbols.Symbol("GetTickCount", List.of("w.c")),
                new UndefinedSymbols.Symbol("helper", List.of()));
        assertThat(UndefinedSymbols.parse(out)).containsExactly(new UndefinedSymbols.Symbol("Sleep", List.of("s.c")));
    }

    @Test
    void nothingUndefined() {
        assertThat(UndefinedSymbols.parse("")).isEmpty();
    }
}
