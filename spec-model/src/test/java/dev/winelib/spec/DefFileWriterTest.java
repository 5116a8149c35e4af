package dev.winelib.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The .def text written for each kind of entry, as winebuild's --def mode writes it on x86_64. */
class DefFileWriterTest {

    private static String def(String spec) {
        return DefFileWriter.write(Specs.parse(spec), new DefFileWriter.Options(false, Optional.of("t.spec")));
    }

    @Test
    void headerAndOneFunction() {
        assertThat(def("@ stdcall add(long long)\n")).isEqualTo("""
                ; File generated automatically from t.spec; do not edit!

                LIBRARY t.dll

                EXPORTS
                  add @1
                """);
    }

    @Test
    void everyKindOfEntry() {
        String text = def("""
                @ stdcall add(long long) impl_add
                @ cdecl same(ptr)
                5 stdcall -noname hidden(ptr)
                6 cdecl -ordinal byord()
                @ extern counter
                @ extern other_name real_var
                @ stub later
                @ stdcall -private DllCanUnloadNow()
                @ stdcall Fwd(long) kernel32.Sleep
                @ varargs vfunc(str)
                10 stdcall @(long) anonymous
                """);
        // explicit ordinals first; '@' entries then count up from above the highest explicit one
        assertThat(text.lines().skip(5)).containsExactly(
                "  add=impl_add @7",
                "  same @8",
                "  hidden @5 NONAME",
                "  byord @6 NONAME",
                "  counter @9 DATA",
                "  other_name=real_var @11 DATA",
                "  later @12 PRIVATE",
                "  DllCanUnloadNow @13 PRIVATE",
                "  Fwd=kernel32.Sleep @14",
                "  vfunc @15");
    }

    @Test
    void importOnlyLeavesOutStubsAndLinkNames() {
        String text = DefFileWriter.write(Specs.parse("""
                @ stdcall add(long long) impl_add
                @ stub later
                @ stdcall Fwd(long) kernel32.Sleep
                """), new DefFileWriter.Options(true, Optional.empty()));
        assertThat(text).startsWith("; File generated automatically; do not edit!\n");
        assertThat(text.lines().skip(5)).containsExactly("  add @1", "  Fwd @3");
    }

    @Test
    void fastcallIsAnI386ConventionWithoutEffectOnX8664() {
        ModuleSpec spec = Specs.parse("@ stdcall -fastcall fast(long)\n");
        assertThat(DefFileWriter.write(spec, new DefFileWriter.Options(false, Optional.empty())))
                .contains("  fast @1\n");
    }

    @Test
    void knowsWhetherAnImportLibraryWouldImportAnything() {
        assertThat(DefFileWriter.exportsAnything(Specs.parse("@ stdcall -private f()\n"))).isFalse();
        assertThat(DefFileWriter.exportsAnything(Specs.parse("# nothing\n"))).isFalse();
        assertThat(DefFileWriter.exportsAnything(Specs.parse("@ stub f\n"))).isTrue();
    }
}
