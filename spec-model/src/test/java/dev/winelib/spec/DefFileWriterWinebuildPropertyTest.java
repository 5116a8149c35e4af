package dev.winelib.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The .def file of a spec is byte for byte what winebuild's {@code --def} mode writes: for hand-written
 * specs covering every entry type and flag, and for random specs that winebuild accepts.
 */
@AddLifecycleHook(ExternalTools.NeedsWinebuild.class)
class DefFileWriterWinebuildPropertyTest {

    private static Path dir;

    @BeforeContainer
    static void createDirectory() throws IOException {
        dir = Files.createTempDirectory("spec-model-winebuild-def-output");
    }

    @AfterContainer
    static void deleteDirectory() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    @Provide
    Arbitrary<String> specs() {
        return new SpecParserWinebuildPropertyTest().specs();
    }

    @Property(tries = 60)
    void defFileIsWinebuilds(@ForAll("specs") String text) throws IOException {
        compare(text);
    }

    @Example
    void handWrittenSpecs() throws IOException {
        for (String text : List.of(
                "@ stdcall add(long long) impl_add\n@ cdecl same(ptr)\n5 stdcall -noname hidden(ptr)\n",
                "6 cdecl -ordinal byord()\n@ extern counter\n@ extern other real_var\n@ stub later\n@ stub later2(long)\n",
                "@ stdcall -private DllCanUnloadNow()\n@ stdcall Fwd(long) kernel32.Sleep\n@ varargs v(str)\n"
                        + "10 stdcall @(long) anonymous\n11 stdcall -noname -ordinal both(ptr)\n",
                "@ stdcall -fastcall fast(long)\n@ thiscall meth(ptr)\n@ stdcall -import GetLastError()\n"
                        + "@ stdcall -arch=win64 only64()\n@ stdcall -arch=i386 only32()\n@ stdcall F2(long) ntdll.#3\n",
                "# no entries\n")) {
            compare(text);
        }
    }

    private static void compare(String text) throws IOException {
        Path spec = dir.resolve("t.spec");
        Files.writeString(spec, text, StandardCharsets.ISO_8859_1);
        Path out = dir.resolve("t.def");
        Files.deleteIfExists(out);
        ExternalTools.Result r = ExternalTools.run(dir, ExternalTools.winebuild().toString(), "--def", "-E", "t.spec",
                "-o", "t.def");
        if (r.exitCode() != 0) {
            return; // refusals are compared by the parser's own winebuild tests
        }
        ModuleSpec parsed = SpecParser.parse("t.spec", text, Optional.empty());
        assertThat(DefFileWriter.write(parsed, new DefFileWriter.Options(false, Optional.of("t.spec"))))
                .as("the .def file of%n%s", text)
                .isEqualTo(Files.readString(out, StandardCharsets.ISO_8859_1));
    }
}
