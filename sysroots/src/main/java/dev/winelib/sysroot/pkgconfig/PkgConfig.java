package dev.winelib.sysroot.pkgconfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.winelib.sysroot.Architecture;
import dev.winelib.sysroot.SysrootException;

/**
 * pkg-config inside a sysroot, as {@code pkgconf} behaves with {@code PKG_CONFIG_SYSROOT_DIR} set to
 * the tree and {@code PKG_CONFIG_LIBDIR} to the tree's {@link #SEARCH_PATH}: the host's
 * {@code .pc} files are never read.
 *
 * <p>Order and duplicates, as pkgconf 1.8 produces them: the modules are visited depth first, each
 * with its {@code Requires} in the order written (for cflags also {@code Requires.private}, after
 * {@code Requires}), a module reached twice is visited twice. Each module's flags are appended in
 * turn: an {@code -I} or {@code -L} already present is not added again (the first stays), a
 * {@code -pthread} or {@code -Wl,...} is always added, any other flag already present ({@code -l},
 * {@code -D}) is moved to the end (so a library comes after the libraries that need it), unless
 * a {@code -pthread} or {@code -Wl,...} stands right before it (then pkgconf keeps both). Absolute
 * {@code -I} and {@code -L} paths not already inside the tree are prefixed with it. System
 * directories are not filtered out (pkgconf keeps them too once they carry the sysroot prefix).
 *
 * <p>Flag policy: every flag is one argument; accepted are {@code -I} and {@code -L} with a path
 * that stays inside the tree, {@code -l} with a library name, {@code -D} and {@code -U} with a
 * macro name (and for {@code -D} a value without spaces or quotes), {@code -pthread},
 * {@code -W} warning options, and {@code -Wl,} with {@code --export-dynamic}, {@code --as-needed},
 * {@code --no-as-needed} or {@code --no-undefined}. Anything else (e.g. {@code -Wl,--script=...},
 * {@code -fplugin=...}, a file name) is refused with the {@code .pc} file that has it: such flags
 * can make the compiler or linker read or run files outside the sysroot. {@code Libs.private} is not
 * read (modules are linked as shared libraries).
 *
 * <p>Versions ({@code Requires: glib-2.0 >= 2.50}) are compared as pkg-config does (rpm's
 * algorithm: runs of digits numerically, runs of letters alphabetically, digits newer than letters).
 */
public final class PkgConfig {

    /** Where {@code .pc} files of an x86_64 tree are looked for, relative to the tree, in this order. */
    public static final List<String> SEARCH_PATH = searchPath(Architecture.X86_64);

    /** Where {@code .pc} files of a tree of {@code arch} are looked for, relative to the tree, in this order. */
    public static List<String> searchPath(Architecture arch) {
        return List.of("usr/lib/" + arch.multiarch() + "/pkgconfig", "usr/lib/pkgconfig", "usr/share/pkgconfig");
    }

    private static final Pattern MODULE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+-]*");
    private static final Pattern REQUEST = Pattern.compile(
            "\\s*([A-Za-z0-9_][A-Za-z0-9_.+-]*)\\s*(?:(<=|>=|!=|=|<|>)\\s*(\\S+))?\\s*");
    /** {@code name>=1.0} written without spaces. */
    private static final Pattern GLUED = Pattern.compile("([^<>=!]+)(<=|>=|!=|=|<|>)(.+)");
    private static final Set<String> OPERATORS = Set.of("<", "<=", "=", "!=", ">=", ">");
    private static final Pattern LIBRARY = Pattern.compile("[A-Za-z0-9_+.-]+|:[A-Za-z0-9_+.-]+");
    private static final Pattern MACRO = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(=[^\\s'\"\\\\`$;&|<>()]*)?");
    private static final Pattern WARNING = Pattern.compile("-W(no-)?[a-z][a-z0-9+=-]*");
    private static final Set<String> LINKER_OPTIONS = Set.of("--export-dynamic", "-E", "--as-needed", "--no-as-needed",
            "--no-undefined");
    /** Most module visits for one resolution: a guard against diamond-shaped explosions. */
    private static final int MAX_VISITS = 100_000;

    private final Path sysroot;
    private final List<String> searchPath;
    private final Function<String, String> missingModuleAdvice;
    private final Map<String, Optional<PcFile>> loaded = new HashMap<>();

    /** pkg-config over a sysroot tree; a missing module's message says to check the tree's packages. */
    public PkgConfig(Path sysroot) {
        this(sysroot, module -> "");
    }

    /**
     * @param missingModuleAdvice text appended to the message about a missing module (e.g.
     *     {@code SysrootHints#missingPkgConfigModule}), may be empty
     */
    public PkgConfig(Path sysroot, Function<String, String> missingModuleAdvice) {
        this(sysroot, Architecture.X86_64, missingModuleAdvice);
    }

    /** pkg-config over a tree of {@code architecture} (its multiarch {@code pkgconfig} directory first). */
    public PkgConfig(Path sysroot, Architecture architecture, Function<String, String> missingModuleAdvice) {
        this.sysroot = sysroot.toAbsolutePath().normalize();
        this.searchPath = searchPath(architecture);
        this.missingModuleAdvice = missingModuleAdvice;
    }

    /** The flags of {@code modules} in {@code sysroot}. */
    public static PkgConfigResult resolve(Path sysroot, List<String> modules) throws SysrootException {
        return new PkgConfig(sysroot).resolve(modules);
    }

    /**
     * The flags of {@code modules}, each a name with an optional constraint ({@code sdl2},
     * {@code sdl2 >= 2.0.10}).
     *
     * @throws SysrootException naming a module that is missing, whose version does not fit, or
     *     whose {@code .pc} file is malformed or has a flag the policy refuses
     */
    public PkgConfigResult resolve(List<String> modules) throws SysrootException {
        List<Requirement> roots = new ArrayList<>();
        for (String m : modules) {
            Matcher matcher = REQUEST.matcher(m);
            if (!matcher.matches()) {
                throw new SysrootException("pkg-config module '" + m + "' is not a module name with an optional"
                        + " version constraint (like 'sdl2' or 'sdl2 >= 2.0.10')");
            }
            roots.add(new Requirement(matcher.group(1), Optional.ofNullable(matcher.group(2)),
                    Optional.ofNullable(matcher.group(3))));
        }
        LinkedHashSet<Path> used = new LinkedHashSet<>();
        List<String> cflags = new ArrayList<>();
        List<String> libs = new ArrayList<>();
        int[] visits = {0};
        for (Requirement r : roots) {
            visit(r, null, true, cflags, used, new ArrayList<>(), visits);
        }
        for (Requirement r : roots) {
            visit(r, null, false, libs, used, new ArrayList<>(), visits);
        }
        return new PkgConfigResult(cflags, libs, new ArrayList<>(used));
    }

    private record Requirement(String module, Optional<String> operator, Optional<String> version) {
        @Override
        public String toString() {
            return module + operator.map(o -> " " + o + " " + version.orElseThrow()).orElse("");
        }
    }

    private void visit(Requirement r, PcFile from, boolean cflags, List<String> out, Set<Path> used,
            List<String> path, int[] visits) throws SysrootException {
        if (path.contains(r.module())) {
            return; // a cycle: the module's flags are already being collected
        }
        if (++visits[0] > MAX_VISITS) {
            throw new SysrootException("pkg-config: the modules' Requires form a graph too large to follow (more than "
                    + MAX_VISITS + " visits)");
        }
        PcFile pc = load(r, from);
        used.add(pc.file());
        String field = cflags ? "Cflags" : "Libs";
        for (String flag : flags(pc, field)) {
            add(out, flag);
        }
        path.add(r.module());
        for (Requirement child : requirements(pc, "Requires")) {
            visit(child, pc, cflags, out, used, path, visits);
        }
        if (cflags) {
            for (Requirement child : requirements(pc, "Requires.private")) {
                visit(child, pc, cflags, out, used, path, visits);
            }
        }
        path.remove(path.size() - 1);
    }

    private static void add(List<String> out, String flag) {
        if (unmergeable(flag)) {
            out.add(flag);
        } else if (flag.startsWith("-I") || flag.startsWith("-L")) {
            if (!out.contains(flag)) {
                out.add(flag);
            }
        } else {
            int existing = out.indexOf(flag);
            // pkgconf leaves a flag in place when an unmergeable flag precedes it (it may be its argument)
            if (existing >= 0 && (existing == 0 || !unmergeable(out.get(existing - 1)))) {
                out.remove(existing);
            }
            out.add(flag);
        }
    }

    private static boolean unmergeable(String flag) {
        return flag.equals("-pthread") || flag.startsWith("-Wl,");
    }

    private PcFile load(Requirement r, PcFile from) throws SysrootException {
        if (!MODULE.matcher(r.module()).matches()) {
            throw new SysrootException(where(from) + "'" + r.module() + "' is not a pkg-config module name");
        }
        Optional<PcFile> pc = loaded.get(r.module());
        if (pc == null) {
            pc = Optional.empty();
            for (String dir : searchPath) {
                Path file = sysroot.resolve(dir).resolve(r.module() + ".pc");
                if (Files.isRegularFile(file)) {
                    pc = Optional.of(PcFile.read(r.module(), file, sysroot));
                    break;
                }
            }
            loaded.put(r.module(), pc);
        }
        if (pc.isEmpty()) {
            String advice = missingModuleAdvice.apply(r.module());
            throw new SysrootException(where(from) + "pkg-config module '" + r.module() + "' is not in the sysroot "
                    + sysroot + " (no " + r.module() + ".pc in " + String.join(", ", searchPath) + ")"
                    + (advice.isEmpty() ? "" : ". " + advice));
        }
        PcFile found = pc.get();
        if (r.operator().isPresent()) {
            String have = found.property("Version");
            if (!accepts(have, r.operator().get(), r.version().orElseThrow())) {
                throw new SysrootException(where(from) + "pkg-config module '" + r.module() + "' is version " + have
                        + " in the sysroot (" + found.file() + "), but '" + r + "' is required");
            }
        }
        return found;
    }

    private static String where(PcFile from) {
        return from == null ? "" : from.file() + ": ";
    }

    private static List<Requirement> requirements(PcFile pc, String field) throws SysrootException {
        List<String> tokens = new ArrayList<>();
        for (String part : pc.property(field).replace(",", " ").trim().split("\\s+")) {
            if (!part.isEmpty()) {
                tokens.add(part);
            }
        }
        List<Requirement> result = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            String name = tokens.get(i);
            Matcher glued = GLUED.matcher(name);
            if (glued.matches()) {
                result.add(new Requirement(glued.group(1), Optional.of(glued.group(2)), Optional.of(glued.group(3))));
                continue;
            }
            if (i + 2 < tokens.size() && OPERATORS.contains(tokens.get(i + 1))) {
                result.add(new Requirement(name, Optional.of(tokens.get(i + 1)), Optional.of(tokens.get(i + 2))));
                i += 2;
            } else if (i + 1 < tokens.size() && OPERATORS.contains(tokens.get(i + 1))) {
                throw new SysrootException(pc.file() + ": " + field + ": '" + name + " " + tokens.get(i + 1)
                        + "' has no version");
            } else {
                result.add(new Requirement(name, Optional.empty(), Optional.empty()));
            }
        }
        return result;
    }

    /** The field's flags, split like a shell would, checked and with sysroot paths. */
    private List<String> flags(PcFile pc, String field) throws SysrootException {
        List<String> words = split(pc.property(field), pc.file() + ": " + field);
        List<String> result = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if ((w.equals("-I") || w.equals("-L") || w.equals("-l") || w.equals("-D") || w.equals("-U"))
                    && i + 1 < words.size()) {
                w = w + words.get(++i);
            }
            result.add(check(w, pc, field));
        }
        return result;
    }

    private String check(String flag, PcFile pc, String field) throws SysrootException {
        String where = pc.file() + ": " + field + ": ";
        if (flag.startsWith("-I") || flag.startsWith("-L")) {
            String dir = flag.substring(2);
            if (!dir.startsWith("/")) {
                throw new SysrootException(where + "'" + flag + "' is not an absolute directory; refused");
            }
            Path p = dir.startsWith(sysroot.toString() + "/") || dir.equals(sysroot.toString()) ? Path.of(dir)
                    : Path.of(sysroot + dir);
            if (!p.normalize().startsWith(sysroot) || p.toString().contains("/../") || p.toString().endsWith("/..")) {
                throw new SysrootException(where + "'" + flag + "' leads out of the sysroot " + sysroot + "; refused");
            }
            return flag.substring(0, 2) + p;
        }
        if (flag.startsWith("-l") && LIBRARY.matcher(flag.substring(2)).matches()) {
            return flag;
        }
        if ((flag.startsWith("-D") || flag.startsWith("-U")) && MACRO.matcher(flag.substring(2)).matches()
                && (flag.startsWith("-D") || !flag.contains("="))) {
            return flag;
        }
        if (flag.equals("-pthread") || WARNING.matcher(flag).matches()) {
            return flag;
        }
        if (flag.startsWith("-Wl,")) {
            boolean ok = true;
            for (String option : flag.substring(4).split(",")) {
                ok &= LINKER_OPTIONS.contains(option);
            }
            if (ok) {
                return flag;
            }
        }
        throw new SysrootException(where + "flag '" + flag + "' is refused: only -I and -L inside the sysroot, -l, -D,"
                + " -U, -pthread, -W warnings and -Wl," + String.join("|", LINKER_OPTIONS.stream().sorted().toList())
                + " are passed on");
    }

    /** Splits at blanks; single and double quotes group, backslash escapes (as pkgconf's argv split). */
    static List<String> split(String text, String where) throws SysrootException {
        List<String> words = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && quote != '\'' && i + 1 < text.length()) {
                cur.append(text.charAt(++i));
                inWord = true;
            } else if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
            } else {
                cur.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new SysrootException(where + ": unterminated " + quote + " quote");
        }
        if (inWord) {
            words.add(cur.toString());
        }
        return words;
    }

    /** Whether {@code have} satisfies {@code operator wanted}. */
    static boolean accepts(String have, String operator, String wanted) {
        int c = RpmVersion.compare(have, wanted);
        return switch (operator) {
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case "=" -> c == 0;
            case "!=" -> c != 0;
            case ">=" -> c >= 0;
            case ">" -> c > 0;
            default -> false;
        };
    }
}
