package dev.winelib.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** Properties of SpecParser over generated specs, valid and invalid. */
class SpecParserPropertiesTest {

    static final String NAME_CHARS = "/$:-_@?<>abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    static final String SYMBOL_CHARS = "_$?@<>:abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /** How one generated declaration is written; its name and ordinal come separately. */
    record Shape(boolean explicit, EntryType type, Set<ExportFlag> flags, boolean anonymous, List<ArgType> args,
            boolean stubWithArgs, Optional<String> link, int style, boolean thiscall, Optional<ArchCase> arch) {
    }

    /** A generated declaration and what the parser must make of it. */
    record Decl(String name, int ordinal, Shape shape) {

        boolean anonymous() {
            return shape.anonymous() && shape.explicit();
        }

        /** Whether the -arch flags keep the entry in an x86_64 module. */
        boolean kept() {
            return shape.arch().map(ArchCase::kept).orElse(true);
        }

        /** Whether the declaration has an argument list, where winebuild checks the calling convention flags. */
        boolean hasArgumentList() {
            return shape.type().isFunction() || shape.type() == EntryType.STUB && shape.stubWithArgs();
        }

        /** A stdcall entry generated as thiscall: its first argument is a pointer. */
        boolean thiscall() {
            return shape.thiscall() && shape.type() == EntryType.STDCALL;
        }

        /** The flags written in the declaration: only combinations winebuild accepts. */
        Set<ExportFlag> writtenFlags() {
            Set<ExportFlag> flags = shape.flags().isEmpty() ? EnumSet.noneOf(ExportFlag.class)
                    : EnumSet.copyOf(shape.flags());
            flags.remove(ExportFlag.RET16);
            flags.remove(ExportFlag.REGISTER);
            if (!shape.explicit()) {
                flags.remove(ExportFlag.NONAME);
                flags.remove(ExportFlag.ORDINAL);
            }
            if (hasArgumentList()) {
                if (!thiscall()) {
                    flags.remove(ExportFlag.THISCALL);
                }
                if (shape.type() != EntryType.STDCALL) {
                    flags.remove(ExportFlag.FASTCALL);
                }
                if (shape.type() != EntryType.STDCALL && shape.type() != EntryType.CDECL) {
                    flags.remove(ExportFlag.SYSCALL);
                }
            }
            return flags;
        }

        /** The flags of the parsed entry. */
        Set<ExportFlag> flags() {
            Set<ExportFlag> flags = writtenFlags();
            if (shape.type() == EntryType.VARARGS) {
                flags.add(ExportFlag.NORELAY);
            }
            if (flags.contains(ExportFlag.FASTCALL) && hasArgumentList()
                    && args().stream().limit(2).anyMatch(a -> a != ArgType.PTR && a != ArgType.LONG)) {
                flags.add(ExportFlag.NORELAY);
            }
            flags.remove(ExportFlag.THISCALL);
            flags.remove(ExportFlag.FASTCALL);
            return flags;
        }

        Optional<String> link() {
            if (shape.type() == EntryType.STUB) {
                return Optional.empty();
            }
            if (anonymous() && shape.link().isEmpty()) {
                return Optional.of("impl_" + ordinal);
            }
            return shape.link();
        }

        String target() {
            return shape.type() == EntryType.STUB ? "" : link().orElse(name);
        }

        List<ArgType> args() {
            if (!hasArgumentList()) {
                return List.of();
            }
            if (thiscall()) {
                List<ArgType> args = new ArrayList<>(shape.args());
                if (args.isEmpty()) {
                    args.add(ArgType.PTR);
                } else {
                    args.set(0, ArgType.PTR);
                }
                return List.copyOf(args);
            }
            return shape.args();
        }

        String render() {
            int style = shape.style();
            String sep = switch (style % 3) {
                case 0 -> " ";
                case 1 -> "\t";
                default -> "  ";
            };
            StringBuilder b = new StringBuilder();
            if ((style & 8) != 0) {
                b.append(' ');
            }
            b.append(shape.explicit() ? ((style & 16) != 0 ? "00" : "") + ordinal : "@");
            boolean thiscallKeyword = thiscall() && (style & 2048) != 0;
            b.append(sep).append(thiscallKeyword ? "thiscall" : shape.type().keyword());
            if ((style & 32) != 0) {
                b.append(" \\\n   ");
            }
            List<String> flags = new ArrayList<>();
            for (ExportFlag f : writtenFlags()) {
                if (!(thiscallKeyword && f == ExportFlag.THISCALL)) {
                    flags.add("-" + f.keyword());
                }
            }
            if (thiscall() && !thiscallKeyword && !writtenFlags().contains(ExportFlag.THISCALL)) {
                flags.add("-thiscall");
            }
            shape.arch().ifPresent(a -> flags.add((style >> 12) % (flags.size() + 1), a.flags()));
            for (String f : flags) {
                b.append(sep).append(f);
            }
            b.append(sep).append(anonymous() ? "@" : name);
            if (hasArgumentList()) {
                b.append((style & 64) != 0 ? "(" : " ( ");
                for (int i = 0; i < args().size(); i++) {
                    if (i > 0) {
                        b.append((style & 128) != 0 && i == 1 ? " \\\n" : sep);
                    }
                    b.append(args().get(i).keyword());
                }
                b.append(")");
            }
            link().ifPresent(l -> b.append(sep).append(l));
            if ((style & 256) != 0) {
                b.append(sep).append((style & 512) != 0 ? "# trailing comment" : ";c");
            }
            if ((style & 1024) != 0) {
                b.append(sep);
            }
            return b.toString();
        }
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withChars(NAME_CHARS).ofMinLength(1).ofMaxLength(12)
                .filter(s -> !s.startsWith("-") && !s.equals("@"));
    }

    private Arbitrary<Optional<String>> links() {
        Arbitrary<String> symbol = Arbitraries.strings().withChars(SYMBOL_CHARS).ofMinLength(1).ofMaxLength(10);
        Arbitrary<String> dll = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789_-").ofMinLength(1)
                .ofMaxLength(8);
        Arbitrary<String> forwardByName = Combinators.combine(dll, symbol).as((d, s) -> d + "." + s);
        Arbitrary<String> forwardByOrdinal = Combinators.combine(dll, Arbitraries.integers().between(1, 65534))
                .as((d, o) -> d + ".#" + o);
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just(Optional.<String>empty())),
                Tuple.of(3, symbol.map(Optional::of)),
                Tuple.of(1, forwardByName.map(Optional::of)),
                Tuple.of(1, forwardByOrdinal.map(Optional::of)));
    }

    /** The parts of a shape that do not fit in one jqwik combination. */
    private record Extra(int style, boolean thiscall, Optional<ArchCase> arch) {
    }

    private Arbitrary<Shape> shapes() {
        Arbitrary<List<ArgType>> args = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.of(ArgType.class).list().ofMaxSize(6)),
                Tuple.of(1, Arbitraries.of(ArgType.class).list().ofSize(SpecParser.MAX_ARGUMENTS)));
        Arbitrary<Optional<ArchCase>> arch = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(Optional.<ArchCase>empty())),
                Tuple.of(1, Arbitraries.of(ArchCase.all()).map(Optional::of)));
        Arbitrary<Extra> extra = Combinators.combine(Arbitraries.integers().between(0, 65535),
                Arbitraries.of(false, false, true), arch).as(Extra::new);
        return Combinators.combine(
                Arbitraries.of(true, true, false),
                Arbitraries.of(EntryType.class),
                Arbitraries.of(ExportFlag.class).set().ofMaxSize(5),
                Arbitraries.of(false, false, false, false, true),
                args,
                Arbitraries.of(true, false),
                links(),
                extra)
                .as((explicit, type, flags, anonymous, argTypes, stubWithArgs, link, x) -> new Shape(explicit, type,
                        flags, anonymous, argTypes, stubWithArgs, link, x.style(), x.thiscall(), x.arch()));
    }

    @Provide
    Arbitrary<List<Decl>> declarations() {
        Arbitrary<Integer> ordinal = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(1, 64)),
                Tuple.of(2, Arbitraries.integers().between(60, 400)),
                Tuple.of(1, Arbitraries.integers().between(1, 65534)));
        return Combinators.combine(
                names().list().uniqueElements().ofMaxSize(40),
                ordinal.list().uniqueElements().ofSize(40),
                shapes().list().ofSize(40))
                .as((names, ordinals, shapes) -> {
                    List<Decl> decls = new ArrayList<>();
                    for (int i = 0; i < names.size(); i++) {
                        Decl d = new Decl(names.get(i), ordinals.get(i), shapes.get(i));
                        if (i > 0 && !d.kept()) {
                            // an entry left out of x86_64 modules may break the rules of the others
                            int style = d.shape().style();
                            String name = (style & 4) != 0 ? names.get(0) : d.name();
                            int ord = (style & (16 | 32)) == 16 ? 0
                                    : (style & 128) != 0 ? ordinals.get(0) : d.ordinal();
                            d = new Decl(name, ord, d.shape());
                        }
                        decls.add(d);
                    }
                    return decls;
                });
    }

    /** Writes the declarations with comments and blank lines between them; returns the first line of each. */
    private static String render(List<Decl> decls, List<Integer> firstLines) {
        StringBuilder text = new StringBuilder();
        int line = 1;
        for (int i = 0; i < decls.size(); i++) {
            if (i % 3 == 1) {
                text.append("# comment ").append(i).append('\n');
                line++;
            }
            if (i % 5 == 2) {
                text.append("\n  \t\n");
                line += 2;
            }
            String rendered = decls.get(i).render();
            firstLines.add(line);
            text.append(rendered).append(i % 2 == 0 ? "\n" : "\r\n");
            line += (int) rendered.chars().filter(c -> c == '\n').count() + 1;
        }
        return text.toString();
    }

    @Property(tries = 300)
    void validSpecsParseIntoTheDeclaredEntries(@ForAll("declarations") List<Decl> decls) {
        List<Integer> allFirstLines = new ArrayList<>();
        String text = render(decls, allFirstLines);
        List<Decl> kept = new ArrayList<>();
        List<Integer> firstLines = new ArrayList<>();
        for (int i = 0; i < decls.size(); i++) {
            if (decls.get(i).kept()) {
                kept.add(decls.get(i));
                firstLines.add(allFirstLines.get(i));
            }
        }
        List<Integer> expectedOrdinals = expectedOrdinals(kept);
        int overflow = expectedOrdinals.indexOf(SpecParser.MAX_ORDINALS);
        if (overflow >= 0) {
            // A high explicit base can leave no room for the '@' entries: the first that does not fit is named.
            SpecException e = org.assertj.core.api.Assertions.catchThrowableOfType(SpecException.class,
                    () -> SpecParser.parse("gen.spec", text, Optional.empty()));
            assertThat(e).isNotNull();
            assertThat(e.location()).isEqualTo(new SourceLocation("gen.spec", firstLines.get(overflow),
                    (kept.get(overflow).shape().style() & 8) != 0 ? 2 : 1));
            assertThat(e.problem()).startsWith("too many entry points");
            return;
        }
        ModuleSpec spec = SpecParser.parse("gen.spec", text, Optional.empty());

        assertThat(spec.fileName()).isEqualTo("gen.dll");
        assertThat(spec.entries()).hasSize(kept.size());
        for (int i = 0; i < kept.size(); i++) {
            Decl d = kept.get(i);
            ExportEntry e = spec.entries().get(i);
            assertThat(e.declaredName()).as("name of %s", d.render()).isEqualTo(
                    d.anonymous() ? Optional.empty() : Optional.of(d.name()));
            assertThat(e.type()).isEqualTo(d.shape().type());
            assertThat(e.flags()).as("flags of %s", d.render()).isEqualTo(d.flags());
            assertThat(e.args()).isEqualTo(d.args());
            assertThat(e.argumentList()).isEqualTo(d.hasArgumentList());
            assertThat(e.target()).isEqualTo(d.target());
            assertThat(e.forward()).isEqualTo(d.target().contains("."));
            assertThat(e.isRelayed()).isEqualTo(d.hasArgumentList() && d.shape().type() != EntryType.VARARGS
                    && !d.flags().contains(ExportFlag.NORELAY) && !e.forward());
            assertThat(e.explicitOrdinal()).isEqualTo(d.shape().explicit());
            if (d.shape().explicit()) {
                assertThat(e.ordinal()).isEqualTo(d.ordinal());
            }
            assertThat(e.location()).isEqualTo(new SourceLocation("gen.spec", firstLines.get(i),
                    (d.shape().style() & 8) != 0 ? 2 : 1));
        }
        assertThat(spec.entries()).extracting(ExportEntry::ordinal).containsExactlyElementsOf(expectedOrdinals);
        checkInvariants(spec);
    }

    /** winebuild's assign_ordinals(), written independently: explicit ordinals first, then '@' from the base up. */
    private static List<Integer> expectedOrdinals(List<Decl> decls) {
        TreeSet<Integer> used = new TreeSet<>();
        for (Decl d : decls) {
            if (d.shape().explicit()) {
                used.add(d.ordinal());
            }
        }
        int next = used.isEmpty() ? 1 : used.first();
        List<Integer> result = new ArrayList<>();
        for (Decl d : decls) {
            if (d.shape().explicit()) {
                result.add(d.ordinal());
            } else {
                while (used.contains(next)) {
                    next++;
                }
                used.add(next);
                result.add(next);
            }
        }
        return result;
    }

    /** What must hold for any ModuleSpec the parser returns. */
    static void checkInvariants(ModuleSpec spec) {
        List<ExportEntry> entries = spec.entries();
        int minExplicit = entries.stream().filter(ExportEntry::explicitOrdinal).mapToInt(ExportEntry::ordinal).min()
                .orElse(1);
        int maxOrdinal = entries.stream().mapToInt(ExportEntry::ordinal).max().orElse(1);
        assertThat(spec.base()).isEqualTo(minExplicit);
        assertThat(spec.limit()).isEqualTo(Math.max(maxOrdinal, spec.base()));
        assertThat(spec.base()).isBetween(1, SpecParser.MAX_ORDINALS - 1);
        assertThat(spec.limit()).isBetween(spec.base(), SpecParser.MAX_ORDINALS - 1);
        assertThat(spec.exportSlotCount()).isEqualTo(spec.limit() - spec.base() + 1);

        Set<Integer> ordinals = new HashSet<>();
        for (ExportEntry e : entries) {
            assertThat(e.ordinal()).isBetween(spec.base(), spec.limit());
            assertThat(ordinals.add(e.ordinal())).as("ordinal %d is unique", e.ordinal()).isTrue();
            assertThat(spec.atOrdinal(e.ordinal())).containsSame(e);
        }
        int occupied = 0;
        for (int o = spec.base() - 1; o <= spec.limit() + 1; o++) {
            Optional<ExportEntry> at = spec.atOrdinal(o);
            // Plain checks: this loop can run 65534 times per try.
            if (at.isPresent() != ordinals.contains(o) || at.isPresent() && at.get().ordinal() != o) {
                throw new AssertionError("slot " + o + " holds " + at + " in " + entries);
            }
            if (at.isPresent()) {
                occupied++;
            }
        }
        assertThat(occupied).isEqualTo(entries.size());

        Set<String> declaredNames = new HashSet<>();
        for (ExportEntry e : entries) {
            e.declaredName().ifPresent(n -> assertThat(declaredNames.add(n)).as("name %s is unique", n).isTrue());
            // winebuild keeps the name of an entry marked both -noname and -ordinal
            assertThat(e.exportedName().isPresent()).isEqualTo(e.declaredName().isPresent()
                    && (!e.hasFlag(ExportFlag.NONAME) || e.hasFlag(ExportFlag.ORDINAL)));
        }
        // Names are ASCII here, so String order is byte order: an independent oracle for NAME_ORDER.
        List<String> expectedNames = entries.stream().flatMap(e -> e.exportedName().stream()).sorted().toList();
        assertThat(spec.namedEntries()).extracting(e -> e.exportedName().orElseThrow())
                .containsExactlyElementsOf(expectedNames);
        assertThat(entries).containsAll(spec.namedEntries());
    }

    // ---- garbage in: a SpecException or a valid ModuleSpec, nothing else ----

    private static final Pattern LOCATED = Pattern.compile("^garbage\\.spec:(\\d+):(\\d+): .+", Pattern.DOTALL);

    @Provide
    Arbitrary<String> specLikeLines() {
        Arbitrary<String> token = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of("@", "1", "2", "7", "0", "00", "65534", "65535", "99999999", "-1", "0x1",
                        "\u0661")),
                Tuple.of(6, Arbitraries.of("stdcall", "cdecl", "varargs", "extern", "stub", "pascal", "equate",
                        "variable", "thiscall", "fastcall", "apiset")),
                Tuple.of(4, Arbitraries.of("-private", "-noname", "-ordinal", "-norelay", "-i386", "-", "--", "-ret16",
                        "-ret64", "-register", "-thiscall", "-fastcall", "-syscall", "-import")),
                Tuple.of(3, Arbitraries.of("-arch=i386", "-arch=!x86_64", "-arch=win64", "-arch=win32,x86_64",
                        "-arch=", "-arch=bogus", "-arch=!win32", "-arch", "-arch=amd64,!arm")),
                Tuple.of(6, Arbitraries.of("(", ")", "()", "(long)", "(", ")")),
                Tuple.of(4, Arbitraries.of("long", "ptr", "str", "wstr", "int64", "int128", "float", "double", "word",
                        "segptr", "s_word", "segstr")),
                Tuple.of(3, Arbitraries.of("#", ";", "# c", "\\", "\\\n", "\"", "\"q\"", ".", "a.b", ".#3", "%r",
                        "\u00e9", "\u0000", "\uD83D", "\uD83D\uDE00")),
                Tuple.of(6, names()),
                Tuple.of(2, Arbitraries.strings().ofMaxLength(4)));
        Arbitrary<String> sep = Arbitraries.of(" ", " ", " ", "\t", "", "\n", "\r\n", "\r", "  ", "\\\n", "\f");
        return Combinators.combine(token.list().ofMaxSize(40), sep.list().ofSize(40)).as((tokens, seps) -> {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < tokens.size(); i++) {
                b.append(tokens.get(i)).append(seps.get(i));
            }
            return b.toString();
        });
    }

    @Property(tries = 2000)
    void specLikeGarbageParsesOrFailsWithALocatedSpecException(@ForAll("specLikeLines") String text) {
        parseGarbage(text);
    }

    @Property(tries = 1000)
    void anyTextParsesOrFailsWithALocatedSpecException(@ForAll String text) {
        parseGarbage(text);
    }

    private static void parseGarbage(String text) {
        ModuleSpec spec;
        try {
            spec = SpecParser.parse("garbage.spec", text, Optional.empty());
        } catch (SpecException e) {
            Matcher m = LOCATED.matcher(e.getMessage());
            assertThat(m.matches()).as("message %s", e.getMessage()).isTrue();
            int line = Integer.parseInt(m.group(1));
            int column = Integer.parseInt(m.group(2));
            assertThat(line).isBetween(1, (int) Math.max(1, text.lines().count()));
            assertThat(column).isPositive();
            assertThat(e.location()).isEqualTo(new SourceLocation("garbage.spec", line, column));
            assertThat(e.getMessage()).isEqualTo(e.location() + ": " + e.problem());
            assertThat(e.problem()).isNotBlank();
            return;
        }
        checkInvariants(spec);
    }
}
