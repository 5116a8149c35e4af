package dev.winelib.asm;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** Random valid spec texts for the asm-emitter properties. */
final class GeneratedSpecs {

    private static final String FIRST = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_";
    private static final String REST = FIRST + "0123456789";

    private GeneratedSpecs() {
    }

    /** One declaration before its name and ordinal are known. */
    record Shape(boolean explicit, int kind, boolean noname, boolean anonymous, int args, int target) {
    }

    static Arbitrary<String> identifiers() {
        Arbitrary<String> plain = Combinators.combine(Arbitraries.strings().withChars(FIRST).ofLength(1),
                Arbitraries.strings().withChars(REST).ofMaxLength(10)).as(String::concat);
        // MSVC-style decorated names, which the assembler only takes quoted
        Arbitrary<String> decorated = Arbitraries.strings().withChars("ABCDEFXYZ@_0123456789").ofMinLength(1)
                .ofMaxLength(8).map(s -> "??" + s + "@Z");
        return Arbitraries.frequencyOf(Tuple.of(6, plain), Tuple.of(1, decorated));
    }

    private static Arbitrary<Shape> shapes() {
        return Combinators.combine(
                Arbitraries.of(true, true, false),
                Arbitraries.integers().between(0, 4),
                Arbitraries.of(false, false, false, true),
                Arbitraries.of(false, false, false, false, true),
                Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, 9)).as(Shape::new);
    }

    /**
     * Spec texts: up to {@code maxEntries} declarations of every type, with explicit and '@' ordinals, holes,
     * -noname and anonymous entries, link names and forwards.
     */
    /** A spec of {@code count} traced functions {@code f0}, {@code f1}, ... as a large spec is. */
    static String stdcallFunctions(int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append("@ stdcall f").append(i).append("(long ptr)\n");
        }
        return text.toString();
    }

    static Arbitrary<String> specs(int maxEntries) {
        Arbitrary<Integer> ordinals = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.integers().between(1, 40)),
                Tuple.of(1, Arbitraries.integers().between(1, 2000)));
        return Combinators.combine(
                identifiers().list().uniqueElements().ofMaxSize(maxEntries),
                ordinals.list().uniqueElements().ofSize(maxEntries),
                shapes().list().ofSize(maxEntries),
                identifiers().list().ofSize(maxEntries))
                .as((names, ords, shapes, links) -> {
                    StringBuilder text = new StringBuilder();
                    for (int i = 0; i < names.size(); i++) {
                        text.append(declaration(names.get(i), ords.get(i), shapes.get(i), links.get(i))).append('\n');
                    }
                    return text.toString();
                });
    }

    private static String declaration(String name, int ordinal, Shape s, String link) {
        String[] types = {"stdcall", "cdecl", "varargs", "extern", "stub"};
        String type = types[s.kind()];
        boolean explicit = s.explicit();
        boolean anonymous = explicit && s.anonymous();
        List<String> parts = new ArrayList<>();
        parts.add(explicit ? String.valueOf(ordinal) : "@");
        parts.add(type);
        if (explicit && s.noname()) {
            parts.add("-noname");
        }
        if (s.target() == 9) {
            parts.add("-private");
        }
        String argList = "(" + String.join(" ", List.of("long", "ptr", "str", "int64").subList(0, s.args())) + ")";
        switch (type) {
            case "stub" -> {
                parts.add((anonymous ? "@" : name) + (s.args() > 0 ? argList : ""));
                return String.join(" ", parts);
            }
            case "extern" -> parts.add(anonymous ? "@" : name);
            default -> parts.add((anonymous ? "@" : name) + argList);
        }
        // target: 0-3 none (the name), 4-6 another symbol, 7 forward by name, 8 forward by ordinal
        int t = s.target();
        if (anonymous && t < 4) {
            t = 4;
        }
        if (t >= 4 && t <= 6 || t == 9 && anonymous) {
            parts.add("impl_" + link);
        } else if (t == 7) {
            parts.add("fwd" + (ordinal % 3) + "." + link);
        } else if (t == 8) {
            parts.add("fwd" + (ordinal % 3) + ".#" + ordinal);
        }
        return String.join(" ", parts);
    }
}
