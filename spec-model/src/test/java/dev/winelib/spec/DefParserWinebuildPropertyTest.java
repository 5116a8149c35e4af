package dev.winelib.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Random .def files (without forwards and {@code @N} decorations, see {@link DefParserWinebuildAgreementTest}):
 * DefParser accepts exactly when winebuild does, then with winebuild's export table; when both refuse, on the same
 * line.
 */
@AddLifecycleHook(ExternalTools.NeedsWinebuild.class)
class DefParserWinebuildPropertyTest {

    private static Path dir;

    @BeforeContainer
    static void createDirectory() throws IOException {
        dir = Files.createTempDirectory("spec-model-winebuild-def");
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

    /** One export; the index of the line and a unique ordinal complete it. */
    record Export(int nameMode, boolean internal, int ordinalMode, List<String> keywords, int spacing) {

        String render(int i, int ordinal) {
            String sep = spacing == 0 ? " " : spacing == 1 ? "\t" : "   ";
            StringBuilder b = new StringBuilder(sep);
            b.append(nameMode < 97 ? "e" + i : "e0");
            if (internal) {
                b.append(spacing == 2 ? " = " : "=").append("impl_").append(i);
            }
            if (ordinalMode >= 25) {
                b.append(sep).append('@').append(ordinalMode < 98 ? String.valueOf(ordinal) : ordinalMode == 98 ? "0"
                        : "x");
            }
            for (String k : keywords) {
                b.append(sep).append(k);
            }
            if (spacing == 2) {
                b.append(" ; comment");
            }
            return b.toString();
        }
    }

    private static Arbitrary<Export> exports() {
        Arbitrary<List<String>> keywords = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(List.<String>of())),
                // NONAME at most once: winebuild turns "NONAME NONAME" into a nameless entry, which
                // winebuild-j refuses (see DefParserTest)
                Tuple.of(4, Arbitraries.of("NONAME", "PRIVATE", "DATA").list().ofMinSize(1).ofMaxSize(3)
                        .filter(k -> k.stream().filter("NONAME"::equals).count() <= 1)));
        return Combinators.combine(Arbitraries.integers().between(0, 99), Arbitraries.of(false, false, true),
                Arbitraries.integers().between(0, 99), keywords, Arbitraries.integers().between(0, 2))
                .as(Export::new);
    }

    @Provide
    Arbitrary<String> defs() {
        Arbitrary<String> header = Arbitraries.of("", "LIBRARY gen.dll\n", "NAME gen.exe BASE=0x400000\n",
                "LIBRARY BASE=0x10000000\nSTACKSIZE 0x100000,4096\n", "DESCRIPTION \"x\"\nHEAPSIZE 1024\n",
                "; comment\n", "EXPORTS\n");
        return Arbitraries.integers().between(0, 10).flatMap(n -> Combinators.combine(
                header,
                exports().list().ofSize(n),
                Arbitraries.integers().between(1, 300).list().uniqueElements().ofSize(n),
                Arbitraries.integers().between(0, Math.max(0, n - 1)))
                .as((head, exports, ordinals, imports) -> {
                    StringBuilder text = new StringBuilder(head).append("EXPORTS\n");
                    for (int i = 0; i < n; i++) {
                        if (i == imports && i > 0) {
                            text.append("IMPORTS\n  kernel32.Sleep\nEXPORTS\n");
                        }
                        text.append(exports.get(i).render(i, ordinals.get(i))).append('\n');
                    }
                    return text.toString();
                })).withoutEdgeCases();
    }

    @Property(tries = 100)
    void defParserAgreesWithWinebuild(@ForAll("defs") String text) {
        Optional<ModuleSpec> ours;
        SpecException refusal = null;
        try {
            ours = Optional.of(DefParser.parse("t.def", text, Optional.empty()));
        } catch (SpecException e) {
            ours = Optional.empty();
            refusal = e;
        }
        Winebuild.Outcome theirs = Winebuild.run(dir, "t.def", text, Optional.empty());
        Statistics.label("accepted").collect(theirs.accepted());
        Statistics.label("accepted").coverage(c -> {
            c.check(true).percentage(p -> p >= 15);
            c.check(false).percentage(p -> p >= 15);
        });

        assertThat(ours.isPresent()).as("DefParser accepts %s; winebuild says:%n%s%s", text, theirs.output(),
                refusal == null ? "" : "DefParser says: " + refusal.getMessage()).isEqualTo(theirs.accepted());
        if (ours.isPresent()) {
            Winebuild.assertSameExports(ours.get(), theirs.exports().orElseThrow());
            return;
        }
        List<Integer> lines = theirs.errorLines("t.def");
        assertThat(lines).as("winebuild's error lines for %s", text).isNotEmpty();
        if (refusal.problem().contains(" is already ")) {
            assertThat(lines).as("winebuild's errors for %s: %s", text, theirs.output())
                    .contains(refusal.location().line());
        } else {
            assertThat(lines.get(0)).as("winebuild's first error for %s: %s; ours: %s", text, theirs.output(),
                    refusal.getMessage()).isEqualTo(refusal.location().line());
        }
    }
}
