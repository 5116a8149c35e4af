package dev.winelib.unixlib;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * Random declarations: the layouts the generator computes (and asserts in the header) are the
 * layouts mingw gives the PE half, in 64 and 32 bits, and gcc gives the Unix half. Each try
 * compiles one header with many calls three times.
 */
class RandomLayoutsCompileTest {

    private static final List<String> TYPES = List.of("int8", "uint8", "int16", "uint16", "int32", "uint32", "int64",
            "uint64", "float", "double", "char", "wchar");

    @Property(tries = 5, shrinking = ShrinkingMode.OFF)
    void layoutsAgreeWithMingwAndGcc(@ForAll("declarations") String declaration) throws Exception {
        Path mingw = Tools.mingwGcc();
        Path gcc = Tools.gcc();
        Path dir = Files.createTempDirectory("unixcalls-layout");
        try {
            UnixCallsDeclaration d = UnixCallsParser.parse("r.unixcalls", "r", declaration);
            UnixCallsSources sources = new UnixCallsSources("test");
            Files.writeString(dir.resolve(d.headerFileName()), sources.header(d), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(UnixCallsSources.HELPER_HEADER), UnixCallsSources.helperHeader(),
                    StandardCharsets.UTF_8);
            Path user = dir.resolve("user.c");
            Files.writeString(user, "#include \"r_unixcalls.h\"\n", StandardCharsets.UTF_8);
            for (List<String> compiler : List.of(List.of(mingw.toString()), List.of(mingw.toString(), "-m32"),
                    List.of(gcc.toString()))) {
                List<String> command = new ArrayList<>(compiler);
                command.addAll(List.of("-fsyntax-only", "-Wall", "-Werror", "-I", dir.toString(), user.toString()));
                Tools.run(command, dir);
            }
        } finally {
            try (var walk = Files.walk(dir)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Provide
    Arbitrary<String> declarations() {
        Arbitrary<String> member = Combinators.combine(
                Arbitraries.of(TYPES),
                Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 4),
                Arbitraries.of(true, false))
                .as((type, pointers, array, constTarget) -> (constTarget && pointers > 0 ? "const " : "") + type + " "
                        + "*".repeat(pointers) + "%s" + (array > 0 ? "[" + array + "]" : ""));
        Arbitrary<List<String>> call = member.list().ofMinSize(0).ofMaxSize(10);
        return call.list().ofMinSize(1).ofMaxSize(12).map(calls -> {
            StringBuilder b = new StringBuilder("wow64\n");
            for (int c = 0; c < calls.size(); c++) {
                b.append("call c").append(c).append('\n');
                List<String> members = calls.get(c);
                for (int m = 0; m < members.size(); m++) {
                    b.append("    ").append(String.format(members.get(m), "m" + m)).append('\n');
                }
            }
            return b.toString();
        });
    }
}
