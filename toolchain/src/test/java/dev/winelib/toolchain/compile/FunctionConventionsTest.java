package dev.winelib.toolchain.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.toolchain.RequiredTools;

/** GCC's own dump says which functions a compilation defined with ms_abi, whatever their return types. */
class FunctionConventionsTest {

    @TempDir
    Path dir;

    @Test
    void readsEachDefinedFunctionFromGccsDump() throws Exception {
        Path gcc = RequiredTools.require("gcc", "gcc");
        Path source = Files.writeString(dir.resolve("f.c"), """
                #define WINAPI __attribute__((ms_abi))
                typedef int (*fp)(int);
                struct s { int a; };
                int plain(int v) { return v; }
                fp WINAPI returns_pointer(int v) { return v ? plain : 0; }
                int (*WINAPI pointer_is_ms(int v))(int) { return 0; }
                struct s WINAPI returns_struct(void) { struct s x = {1}; return x; }
                const char * WINAPI returns_text(void) { return "x"; }
                int __attribute__((noinline)) WINAPI two_lists(int a) { return a; }
                int WINAPI varargs(int n, ...) { return n; }
                static inline int unused(int a) { return a; }
                """);
        Path dump = dir.resolve("f.gimple");
        Process p = new ProcessBuilder(gcc.toString(), "-c", "-fPIC", FunctionConventions.dumpOption(dump), "-o",
                dir.resolve("f.o").toString(), source.toString()).inheritIO().start();
        assertThat(p.waitFor()).isZero();

        assertThat(FunctionConventions.parseDump(dump)).containsExactly(
                java.util.Map.entry("plain", false),
                java.util.Map.entry("returns_pointer", true),
                java.util.Map.entry("pointer_is_ms", false), // the attribute is the returned pointer's
                java.util.Map.entry("returns_struct", true),
                java.util.Map.entry("returns_text", true),
                java.util.Map.entry("two_lists", true),
                java.util.Map.entry("varargs", true));

        Path object = dir.resolve("f.o");
        FunctionConventions.writeList(dump, FunctionConventions.listOf(object));
        assertThat(FunctionConventions.of(object)).hasValueSatisfying(m -> assertThat(m).containsEntry("plain", false)
                .containsEntry("varargs", true).hasSize(7));
        assertThat(FunctionConventions.of(dir.resolve("other.o"))).isEmpty();
    }

    @Test
    void namesComeFromTheLastParameterList() {
        assertThat(FunctionConventions.name("int good (LONG v)")).isEqualTo("good");
        assertThat(FunctionConventions.name("int (*<T34d>) (int) getfp (int v)")).isEqualTo("getfp");
        assertThat(FunctionConventions.name("const char * name ()")).isEqualTo("name");
        assertThat(FunctionConventions.name("int S::m (struct S * const this, int x)")).isEqualTo("S::m");
        assertThat(FunctionConventions.name("not a header")).isNull();
    }

    @Test
    void onlyGccFor64BitCodeWritesTheDump() throws Exception {
        Path gcc = RequiredTools.require("gcc", "gcc");
        assertThat(FunctionConventions.supported(gcc, List.of())).isTrue();
        assertThat(FunctionConventions.supported(gcc, List.of("-m32"))).isFalse();
        assertThat(FunctionConventions.supported(dir.resolve("missing-gcc"), List.of())).isFalse();
        Path clang = Files.createSymbolicLink(dir.resolve("gcc"), Files.writeString(dir.resolve("clang-16"), ""));
        assertThat(FunctionConventions.supported(clang, List.of())).isFalse(); // named gcc, but really clang
    }
}
