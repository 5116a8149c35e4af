package dev.winelib.toolchain.differential;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Random spec files that winebuild accepts and can assemble: a random mix of '@' and explicit ordinals
 * (with holes and leading zeros), every entry type, argument type and flag, -arch lists with aliases and
 * negations, -i386, anonymous entries, link names, forwards by name and by ordinal, and names with the
 * punctuation the spec language allows. Entries are drawn as loose {@link Decl}s and then made valid
 * while rendering (a '-noname' entry gets an explicit ordinal, a thiscall function a first 'ptr'
 * argument, ...), so that shrinking keeps specs valid.
 */
final class RandomSpecs {

    /** A spec and the module name ({@code -F}) to build it under. */
    record Generated(String text, String moduleName) {
        @Override
        public String toString() {
            return "-F " + moduleName + "\n" + text;
        }
    }

    /** One declaration before the rules are applied. */
    record Decl(int type, boolean explicit, int ordinal, int zeros, int nameKind, String stem, List<Integer> flags,
            int arch, List<Integer> args, int target, String link) {
    }

    private static final String[] TYPES = {"stdcall", "cdecl", "varargs", "thiscall", "extern", "stub"};
    private static final String[] ARGS = {"long", "ptr", "str", "wstr", "int64", "int128", "float", "double"};
    private static final String[] FLAGS = {"norelay", "noname", "ret64", "private", "ordinal", "thiscall",
        "fastcall", "syscall", "import"};
    /** -arch values; the first ones keep the entry on x86_64, the rest drop it. */
    private static final String[] ARCHES = {"", "-arch=x86_64", "-arch=amd64", "-arch=win64", "-arch=!i386",
        "-arch=i386,x86_64", "-arch=win32,win64", "-arch=!arm,!arm64", "-arch=!i386 -arch=x86_64",
        "-i386 -arch=x86_64", "-arch=x86_64,",
        "-arch=i386", "-arch=win32", "-arch=arm", "-arch=arm64", "-arch=aarch64", "-arch=i686", "-arch=!x86_64",
        "-i386", "-arch=!i386 -arch=!x86_64", "-arch=!amd64"};
    private static final String[] MODULE_NAMES = {"t.dll", "t", "mod.drv", "My-Lib_2.dll", "krnl.exe", "a.b.c"};
    private static final String[] DLLS = {"kernel32", "ntdll", "msvcrt", "api-ms-win-core-synch-l1-2-0", "x"};
    /** Short stems, so that names collide in interesting ways ("B", "_a", "a"). */
    private static final String FIRST = "abAB_zZ";
    private static final String REST = "abAB_zZ09";
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private RandomSpecs() {
    }

    static Arbitrary<Generated> specs(int maxEntries) {
        return Combinators.combine(decls().list().ofMaxSize(maxEntries), Arbitraries.of(MODULE_NAMES))
                .as((decls, module) -> new Generated(render(decls), module));
    }

    private static Arbitrary<String> stems() {
        return Combinators.combine(Arbitraries.strings().withChars(FIRST).ofLength(1),
                Arbitraries.strings().withChars(REST).ofMaxLength(4)).as(String::concat);
    }

    private static Arbitrary<Decl> decls() {
        Arbitrary<Integer> ordinals = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.integers().between(1, 40)),
                Tuple.of(1, Arbitraries.integers().between(1, 3000)));
        Arbitrary<Integer> archs = Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.just(0)),
                Tuple.of(3, Arbitraries.integers().between(1, ARCHES.length - 1)));
        Arbitrary<Integer> flags = Arbitraries.integers().between(0, FLAGS.length - 1);
        return Combinators.combine(
                Arbitraries.integers().between(0, TYPES.length - 1),
                Arbitraries.of(true, true, false),
                ordinals,
                Arbitraries.frequencyOf(Tuple.of(9, Arbitraries.just(0)), Tuple.of(1, Arbitraries.integers()
                        .between(1, 3))),
                // 0-3 plain, 4 punctuation, 5 C++ decorated, 6 anonymous
                Arbitraries.integers().between(0, 6),
                stems(),
                flags.list().ofMaxSize(3),
                archs)
                .flatAs((type, explicit, ordinal, zeros, nameKind, stem, flagList, arch) -> Combinators.combine(
                        Arbitraries.integers().between(0, ARGS.length - 1).list().ofMaxSize(5),
                        // 0-4 no target, 5-6 link name, 7 forward by name, 8 forward by ordinal
                        Arbitraries.integers().between(0, 8),
                        stems())
                        .as((args, target, link) -> new Decl(type, explicit, ordinal, zeros, nameKind, stem,
                                flagList, arch, args, target, link)));
    }

    static String render(List<Decl> decls) {
        Set<String> names = new HashSet<>();
        Set<Integer> ordinals = new HashSet<>();
        StringBuilder text = new StringBuilder();
        int index = 0;
        for (Decl d : decls) {
            text.append(render(d, index++, names, ordinals)).append('\n');
        }
        return text.toString();
    }

    private static String render(Decl d, int index, Set<String> names, Set<Integer> ordinals) {
        String type = TYPES[d.type()];
        boolean stub = type.equals("stub");
        boolean extern = type.equals("extern");
        boolean stdcallLike = type.equals("stdcall") || type.equals("thiscall");
        boolean anonymous = d.nameKind() == 6 && d.explicit();

        String name;
        if (anonymous) {
            name = "@";
        } else {
            String stem = d.stem();
            name = switch (d.nameKind()) {
                case 4 -> List.of("$" + stem, stem + "@8", "?" + stem, "<" + stem + ">", "/" + stem, ":" + stem,
                        stem + "-x", "@" + stem).get(Math.floorMod(stem.hashCode(), 8));
                case 5 -> "??" + stem.length() + stem + "@@YAXXZ";
                default -> stem;
            };
            while (!names.add(name)) {
                name = name + "_" + index;
            }
        }
        boolean plainName = anonymous || PLAIN.matcher(name).matches();

        int target = stub ? 0 : d.target() <= 4 ? 0 : d.target() <= 6 ? 1 : d.target() - 5;
        if (target == 0 && !stub && (anonymous || !plainName)) {
            target = 1; // the name cannot be the symbol: give a link name
        }

        List<String> flags = new ArrayList<>();
        boolean thiscall = type.equals("thiscall");
        for (int f : d.flags()) {
            String flag = FLAGS[f];
            boolean keep = switch (flag) {
                case "noname", "ordinal" -> d.explicit();
                case "thiscall" -> stdcallLike;
                case "fastcall" -> stdcallLike || extern;
                // winebuild writes a syscall thunk named after the link name (so it must be a plain symbol)
                case "syscall" -> !stub && !type.equals("varargs") && target <= 1 && (target == 1 || plainName);
                // the thunk is named after the export name, and jumps through __imp_LINKNAME
                case "import" -> !stub && plainName && target <= 1;
                default -> true;
            };
            if (keep) {
                flags.add("-" + flag);
                thiscall |= flag.equals("thiscall");
            }
        }
        if (!ARCHES[d.arch()].isEmpty()) {
            flags.add(Math.floorMod(d.stem().hashCode(), Math.max(1, flags.size() + 1)), ARCHES[d.arch()]);
        }

        List<String> parts = new ArrayList<>();
        String ordinal = "@";
        boolean explicit = d.explicit() || anonymous || flags.contains("-noname") || flags.contains("-ordinal");
        if (explicit) {
            int o = d.ordinal();
            while (!ordinals.add(o)) {
                o = o % 3000 + 1;
            }
            ordinal = "0".repeat(d.zeros()) + o;
        }
        parts.add(ordinal);
        parts.add(type);
        parts.addAll(flags);
        List<String> args = new ArrayList<>();
        for (int a : d.args()) {
            args.add(ARGS[a]);
        }
        if (thiscall && (args.isEmpty() || !args.get(0).equals("ptr"))) {
            args.add(0, "ptr");
        }
        String argList = "(" + String.join(" ", args) + ")";
        if (extern) {
            parts.add(name);
        } else if (stub) {
            parts.add(args.isEmpty() && d.target() % 2 == 0 ? name : name + argList);
        } else {
            parts.add(name + argList);
        }
        String link = "impl_" + d.link();
        switch (target) {
            case 1 -> parts.add(link);
            case 2 -> parts.add(DLLS[Math.floorMod(d.link().hashCode(), DLLS.length)] + "." + d.link());
            case 3 -> parts.add(DLLS[Math.floorMod(d.link().hashCode(), DLLS.length)] + ".#" + d.ordinal());
            default -> {
            }
        }
        return String.join(" ", parts);
    }
}
