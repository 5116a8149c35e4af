package dev.winelib.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
 * Random specs using every entry type, every flag and -arch lists (some of which leave entries out of an x86_64
 * module, sometimes entries that would otherwise be errors): SpecParser accepts exactly when winebuild does, then
 * with winebuild's ordinal base, limit, sorted name table and relay thunks; when both refuse, on the same line.
 * For x86_64 and for i386 ({@code -m32}).
 */
@AddLifecycleHook(ExternalTools.NeedsWinebuild.class)
class SpecParserWinebuildPropertyTest {

    private static Path dir;

    @BeforeContainer
    static void createDirectory() throws IOException {
        dir = Files.createTempDirectory("spec-model-winebuild");
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

    private static final List<String> FLAGS = List.of("-norelay", "-noname", "-ret64", "-private", "-ordinal",
            "-thiscall", "-fastcall", "-syscall", "-import");

    /** One generated line; the index of the line and a unique ordinal complete it. */
    record Line(int ordinalMode, String type, Set<String> flags, List<String> arch, int nameMode, List<ArgType> args,
            boolean stubList, int linkMode) {

        String render(int i, int ordinal, int firstOrdinal) {
            StringBuilder b = new StringBuilder();
            if (ordinalMode < 30) {
                b.append('@');
            } else if (ordinalMode < 97) {
                b.append(ordinal);
            } else if (ordinalMode < 99) {
                b.append(ordinalMode == 97 ? "0" : "65535");
            } else {
                b.append(firstOrdinal);
            }
            b.append(' ').append(type);
            List<String> allFlags = new ArrayList<>(flags);
            allFlags.addAll(Math.min(allFlags.size(), arch.size()), arch);
            for (String f : allFlags) {
                b.append(' ').append(f);
            }
            b.append(' ').append(nameMode < 95 ? "f" + i : nameMode < 97 ? "f0" : "@");
            if (!type.equals("extern") && (!type.equals("stub") || stubList)) {
                List<ArgType> written = new ArrayList<>(args);
                if ((type.equals("thiscall") || flags.contains("-thiscall")) && nameMode % 4 != 0) {
                    // mostly the pointer to the object that a thiscall function needs
                    if (written.isEmpty()) {
                        written.add(ArgType.PTR);
                    } else {
                        written.set(0, ArgType.PTR);
                    }
                }
                b.append('(');
                for (int a = 0; a < written.size(); a++) {
                    b.append(a == 0 ? "" : " ").append(written.get(a).keyword());
                }
                b.append(')');
            }
            if (!type.equals("stub")) {
                if (linkMode >= 50 && linkMode < 85) {
                    b.append(" impl_").append(i);
                } else if (linkMode >= 85 && linkMode < 95) {
                    b.append(" kernel32.Func").append(i);
                } else if (linkMode >= 95) {
                    b.append(" ntdll.#").append(i + 1);
                }
            }
            return b.toString();
        }
    }

    private static Arbitrary<List<String>> archFlags() {
        Arbitrary<String> cpu = Arbitraries.frequencyOf(
                Tuple.of(40, Arbitraries.of("i386", "i686", "x86_64", "amd64", "arm", "armv7", "arm64", "aarch64",
                        "win32", "win64", "!i386", "!x86_64", "!amd64", "!arm", "!arm64")),
                Tuple.of(1, Arbitraries.of("bogus", "!win64")));
        Arbitrary<String> arch = cpu.list().ofMinSize(1).ofMaxSize(3).map(l -> "-arch=" + String.join(",", l));
        return Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.just(List.<String>of())),
                Tuple.of(4, arch.map(List::of)),
                Tuple.of(1, arch.list().ofSize(2)),
                Tuple.of(1, Arbitraries.just(List.of("-i386"))));
    }

    private static Arbitrary<Line> lines() {
        Arbitrary<String> type = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.just("stdcall")),
                Tuple.of(4, Arbitraries.just("cdecl")),
                Tuple.of(1, Arbitraries.just("varargs")),
                Tuple.of(2, Arbitraries.just("thiscall")),
                Tuple.of(2, Arbitraries.just("extern")),
                Tuple.of(3, Arbitraries.just("stub")));
        Arbitrary<Set<String>> flags = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just(Set.<String>of())),
                Tuple.of(5, Arbitraries.of(FLAGS).set().ofSize(1)),
                Tuple.of(2, Arbitraries.of(FLAGS).set().ofSize(2)));
        Arbitrary<ArgType> arg = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(ArgType.PTR)),
                Tuple.of(4, Arbitraries.just(ArgType.LONG)),
                Tuple.of(4, Arbitraries.of(ArgType.class)));
        return Combinators.combine(
                Arbitraries.integers().between(0, 99),
                type,
                flags,
                archFlags(),
                Arbitraries.integers().between(0, 99),
                arg.list().ofMaxSize(4),
                Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 99))
                .as(Line::new);
    }

    @Provide
    Arbitrary<String> specs() {
        return Arbitraries.integers().between(1, 8).flatMap(n -> Combinators.combine(
                lines().list().ofSize(n),
                Arbitraries.integers().between(1, 80).list().uniqueElements().ofSize(n))
                .as((lines, ordinals) -> {
                    StringBuilder text = new StringBuilder();
                    for (int i = 0; i < n; i++) {
                        text.append(lines.get(i).render(i, ordinals.get(i), ordinals.get(0))).append('\n');
                    }
                    return text.toString();
                })).withoutEdgeCases();
    }

    @Property(tries = 100)
    void specParserAgreesWithWinebuild(@ForAll("specs") String text) {
        agrees(text, TargetCpu.X86_64);
    }

    /** The same for i386 ({@code winebuild -m32}): other entries kept, thiscall and fastcall in effect. */
    @Property(tries = 100)
    void specParserAgreesWithWinebuildForI386(@ForAll("specs") String text) {
        agrees(text, TargetCpu.I386);
    }

    private static void agrees(String text, TargetCpu cpu) {
        Optional<ModuleSpec> ours;
        SpecException refusal = null;
        try {
            ours = Optional.of(SpecParser.parse("t.spec", text, Optional.empty(), cpu));
        } catch (SpecException e) {
            ours = Optional.empty();
            refusal = e;
        }
        Winebuild.Outcome theirs = Winebuild.run(dir, "t.spec", text, Optional.of("t.dll"), cpu);
        Statistics.label("accepted").collect(theirs.accepted());
        Statistics.label("accepted").coverage(c -> {
            c.check(true).percentage(p -> p >= 15);
            c.check(false).percentage(p -> p >= 15);
        });
        Statistics.label("architecture flags").collect(text.contains("-arch=") || text.contains("-i386"));
        Statistics.label("architecture flags").coverage(c -> c.check(true).percentage(p -> p >= 30));

        assertThat(ours.isPresent()).as("SpecParser accepts %s; winebuild says:%n%s%s",
                text, theirs.output(), refusal == null ? "" : "SpecParser says: " + refusal.getMessage())
                .isEqualTo(theirs.accepted());
        if (ours.isPresent()) {
            Winebuild.assertSameExports(ours.get(), theirs.exports().orElseThrow());
            return;
        }
        List<Integer> lines = theirs.errorLines("t.spec");
        assertThat(lines).as("winebuild's error lines for %s", text).isNotEmpty();
        if (refusal.problem().contains(" is already ")) {
            // both report the later line of a duplicate, but winebuild reports duplicate names in name order
            assertThat(lines).as("winebuild's errors for %s: %s", text, theirs.output())
                    .contains(refusal.location().line());
        } else {
            assertThat(lines.get(0)).as("winebuild's first error for %s: %s; ours: %s", text, theirs.output(),
                    refusal.getMessage()).isEqualTo(refusal.location().line());
        }
    }
}
