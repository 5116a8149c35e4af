package dev.winelib.unixlib;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.toolchain.process.ProcessRunner;

/**
 * The generated header and table compile cleanly with every compiler that sees them: mingw for the
 * PE half (64-bit, and 32-bit for a WOW64 caller), gcc, g++ and clang for the Unix half; and the
 * layout checks in them are real checks, which a different layout fails.
 */
class GeneratedSourcesCompileTest {

    static final String DECLARATION = """
            wow64
            call everything
                int8 a
                uint8 b
                int16 c
                uint16 d
                int32 e
                uint32 f
                int64 g
                uint64 h
                float i
                double j
                char k
                wchar l
                void *m
                const char *n
                wchar **o
                double p[3]
                char *q[2]
            call nothing
            call plain -unix=plain_impl
                int32 x
                double y
            call explicit32 -wow64=explicit32_for_wow64
                int64 z
            """;

    static final List<String> STRICT = List.of("-std=c11", "-Wall", "-Wextra", "-Werror", "-pedantic");

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private Path generate(String declaration) throws Exception {
        UnixCallsDeclaration d = UnixCallsParser.parse("t.unixcalls", "t", declaration);
        UnixCallsSources sources = new UnixCallsSources("test");
        write(d.headerFileName(), sources.header(d));
        write(UnixCallsSources.HELPER_HEADER, UnixCallsSources.helperHeader());
        return write(UnixCallsSources.TABLE_SOURCE, sources.table(d));
    }

    private void compile(Path compiler, List<String> flags, Path source) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(compiler.toString());
        command.addAll(flags);
        command.addAll(List.of("-I", dir.toString(), "-c", "-o", dir.resolve("out.o").toString(), source.toString()));
        Tools.run(command, dir);
    }

    private ProcessRunner.Result tryCompile(Path compiler, List<String> flags, Path source) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(compiler.toString());
        command.addAll(flags);
        command.addAll(List.of("-I", dir.toString(), "-c", "-o", dir.resolve("out.o").toString(), source.toString()));
        return ProcessRunner.run(command, dir, Map.of());
    }

    /** A PE source that uses every generated function. */
    private Path peUser() throws Exception {
        return write("pe_user.c", """
                #include "t_unixcalls.h"
                NTSTATUS use(void);
                NTSTATUS use(void)
                {
                    struct everything_params e = {0};
                    struct plain_params p = {0};
                    struct explicit32_params x = {0};
                    NTSTATUS status = winelib_unixlib_init();
                    if (!status) status = everything(&e);
                    if (!status) status = nothing();
                    if (!status) status = plain(&p);
                    if (!status) status = explicit32(&x);
                    if (!status) status = t_unix_call(t_unix_call_count, NULL);
                    return status;
                }
                """);
    }

    @Test
    void thePeHalfCompilesWithMingwIn64And32Bits() throws Exception {
        Path mingw = Tools.mingwGcc();
        generate(DECLARATION);
        Path user = peUser();
        compile(mingw, STRICT, user);
        // a 32-bit PE half sees the 32-bit layout, and the header checks it against the WOW64 structures
        compile(mingw, concat(STRICT, "-m32"), user);
    }

    @Test
    void theUnixHalfCompilesWithGccClangAndGxx() throws Exception {
        Path gcc = Tools.gcc();
        Path table = generate(DECLARATION);
        compile(gcc, concat(STRICT, "-fPIC"), table);
        Path cxx = write("unix_user.cc", """
                #include "t_unixcalls.h"
                NTSTATUS unix_everything(struct everything_params *params) { params->a = 1; return STATUS_SUCCESS; }
                """);
        compile(Tools.require("g++", "g++"), List.of("-std=c++11", "-Wall", "-Wextra", "-Werror", "-pedantic"), cxx);
        compile(Tools.require("clang", "clang"), concat(STRICT, "-fPIC"), table);
    }

    @Test
    void a32BitUnixHalfSeesThe32BitPeHalfsLayout() throws Exception {
        Path gcc = Tools.gcc();
        Path table = generate(DECLARATION);
        // i386 Linux aligns 8-byte members to 4 by itself: the header's explicit alignment and its
        // 32-bit asserts (the PE half's offsets) must hold for gcc -m32 (freestanding: no i386 libc needed)
        compile(gcc, concat(STRICT, "-m32", "-ffreestanding", "-fPIC"), table);
        assertThat(Files.readString(dir.resolve("t_unixcalls.h"))).contains(
                "int64_t g " + UnixCallsSources.ALIGNED_8 + ";", "double p[3] " + UnixCallsSources.ALIGNED_8 + ";");
    }

    @Test
    void aDifferentLayoutFailsTheCompilation() throws Exception {
        Path gcc = Tools.gcc();
        generate(DECLARATION);
        Path packed = write("packed.c", "#pragma pack(1)\n#include \"t_unixcalls.h\"\n");
        ProcessRunner.Result result = tryCompile(gcc, List.of(), packed);
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("everything_params.e is not at offset 8");
        assertThat(result.output()).contains("struct everything_params is not 120 bytes");
    }

    @Test
    void aDeclarationWithoutWow64RefusesA32BitCaller() throws Exception {
        Path mingw = Tools.mingwGcc();
        generate("call a\n  char *p\n");
        Path user = write("user.c", "#include \"t_unixcalls.h\"\n");
        compile(mingw, STRICT, user);
        ProcessRunner.Result result = tryCompile(mingw, List.of("-m32"), user);
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("t.unixcalls declares no 'wow64' line");
    }

    @Test
    void theLayoutOfEveryTypeIsAsComputed() {
        UnixCall c = UnixCallsParser.parse("t.unixcalls", "t", DECLARATION).calls().get(0);
        assertThat(c.layout64().offsets()).containsExactly(0, 1, 2, 4, 8, 12, 16, 24, 32, 40, 48, 50, 56, 64, 72, 80,
                104);
        assertThat(c.layout64().size()).isEqualTo(120);
        assertThat(c.layout32().offsets()).containsExactly(0, 1, 2, 4, 8, 12, 16, 24, 32, 40, 48, 50, 52, 56, 60,
                64, 88);
        assertThat(c.layout32().size()).isEqualTo(96);
    }

    private static List<String> concat(List<String> list, String... more) {
        List<String> all = new ArrayList<>(list);
        all.addAll(List.of(more));
        return all;
    }
}
