package dev.winelib.spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import dev.winelib.spec.SpecTokenizer.Token;

/**
 * Reads a Wine {@code .spec} file for a 64-bit (x86_64) or 32-bit (i386) module.
 *
 * <p>Each declaration is {@code ORDINAL TYPE [FLAGS] NAME [ARGS] [TARGET]}; the first problem found
 * ends the parse with a {@link SpecException} that names file, line and column.
 */
public final class SpecParser {

    /** Highest ordinal plus one, as in winebuild. */
    public static final int MAX_ORDINALS = 65535;
    /** Most arguments an entry point may declare (winebuild's limit). */
    public static final int MAX_ARGUMENTS = 31;

    private static final String NAME_CHARS =
            "/$:-_@?<>abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final boolean[] NAME_CHAR_TABLE = new boolean[128];

    static {
        for (char c : NAME_CHARS.toCharArray()) {
            NAME_CHAR_TABLE[c] = true;
        }
    }

    private SpecParser() {
    }

    /** Parses a spec file; the module is named after the file ({@code foo.spec} gives {@code foo.dll}). */
    public static ModuleSpec parse(Path specFile) throws IOException {
        return parse(specFile, Optional.empty());
    }

    /**
     * Parses a spec file.
     *
     * @param moduleFileName winebuild's {@code -F}: the module's file name; {@code .dll} is
     *     appended when it has no extension
     */
    public static ModuleSpec parse(Path specFile, Optional<String> moduleFileName) throws IOException {
        return parse(specFile, moduleFileName, TargetCpu.X86_64);
    }

    /** Parses a spec file for a module built for {@code cpu}. */
    public static ModuleSpec parse(Path specFile, Optional<String> moduleFileName, TargetCpu cpu) throws IOException {
        byte[] bytes = InputFiles.readAll(specFile);
        return parse(specFile.toString(), new String(bytes, StandardCharsets.ISO_8859_1), moduleFileName, cpu);
    }

    /** Parses spec text for x86_64; {@code sourceName} is used in messages and for the default module name. */
    public static ModuleSpec parse(String sourceName, String text, Optional<String> moduleFileName) {
        return parse(sourceName, text, moduleFileName, TargetCpu.X86_64);
    }

    /**
     * Parses spec text for a module built for {@code cpu}: entries whose {@code -arch} flags exclude it
     * are left out, and {@code -thiscall}/{@code -fastcall} are kept only for i386, where they change the
     * code and the symbol names.
     */
    public static ModuleSpec parse(String sourceName, String text, Optional<String> moduleFileName, TargetCpu cpu) {
        return parse(sourceName, text, moduleFileName, cpu, true);
    }

    /** {@link #parse(String, String, Optional, TargetCpu)}; with {@code inHalves} false on this thread alone. */
    static ModuleSpec parse(String sourceName, String text, Optional<String> moduleFileName, TargetCpu cpu,
            boolean inHalves) {
        // plain conditions and loops on the parser's path rather than lambdas: each lambda's call site is
        // linked on its first use, which every short run of the command line pays (Java 17)
        String fileName = moduleFileName.isPresent() ? withDefaultExtension(moduleFileName.get())
                : defaultModuleFileName(sourceName);
        checkModuleFileName(sourceName, fileName);
        SpecTokenizer tokens = SpecTokenizer.forSpec(sourceName, text);
        int middle = inHalves && tokens.lineCount() >= PARALLEL_LINES ? tokens.middleLine() : -1;
        if (middle < 0) {
            // the argument lists, one object per distinct list (a large spec repeats a few)
            return ExportTableBuilder.build(fileName, sourceName, cpu, declarations(tokens, cpu, new HashMap<>()));
        }
        // a large spec is read in two halves, the second on a thread of its own (the declarations are
        // independent of each other; the table is built from both, in the order of the text); the argument
        // lists are shared by both halves, so that equal lists stay one object
        Map<List<ArgType>, List<ArgType>> argumentLists = new ConcurrentHashMap<>();
        SpecTokenizer secondHalf = tokens.linesFrom(middle);
        tokens.endBefore(middle);
        Background<List<ExportEntry>> second = Background.start("spec reader",
                () -> declarations(secondHalf, cpu, argumentLists));
        // an error in the first half comes first in the text: it is thrown at once
        List<ExportEntry> declared = declarations(tokens, cpu, argumentLists);
        declared.addAll(second.join());
        return ExportTableBuilder.build(fileName, sourceName, cpu, declared);
    }

    /**
     * Specs of at least this many lines are read in two halves on two threads. Smaller ones gain nothing:
     * the reading is the first work of a run, when the JIT has compiled little, and a second thread
     * running the same code slows the first about as much as it helps (docs/performance.md).
     */
    static final int PARALLEL_LINES = 20_000;

    /** The declarations of the lines {@code tokens} reads, in their order. */
    private static List<ExportEntry> declarations(SpecTokenizer tokens, TargetCpu cpu,
            Map<List<ArgType>, List<ArgType>> argumentLists) {
        List<ExportEntry> declared = new ArrayList<>();
        while (tokens.nextLine()) {
            Token first = tokens.nextToken();
            if (first == null) {
                continue;
            }
            ExportEntry entry = parseDeclaration(tokens, first, cpu, argumentLists);
            if (entry != null) {
                declared.add(entry);
            }
            Token extra = tokens.nextToken();
            if (extra != null) {
                throw new SpecException(extra.location(),
                        "unexpected " + ErrorText.quote(extra.text()) + " after the end of the declaration");
            }
        }
        return declared;
    }

    /** The module file name winebuild derives from a spec file name. */
    public static String defaultModuleFileName(String specPath) {
        String base = Path.of(specPath).getFileName().toString();
        if (base.endsWith(".spec")) {
            base = base.substring(0, base.length() - ".spec".length());
        } else if (base.endsWith(".def")) {
            base = base.substring(0, base.length() - ".def".length());
        }
        return withDefaultExtension(base);
    }

    private static String withDefaultExtension(String name) {
        return name.contains(".") ? name : name + ".dll";
    }

    static void checkModuleFileName(String sourceName, String fileName) {
        checkModuleFileName(SourceLocation.ofFile(sourceName), fileName);
    }

    static void checkModuleFileName(SourceLocation at, String fileName) {
        if (fileName.isEmpty() || fileName.startsWith(".") || hasUnfitCharacter(fileName)) {
            throw new SpecException(at,
                    "module file name '" + fileName + "' is not valid: give a name such as hello.dll, in printable"
                            + " ASCII without spaces, quotes, slashes or backslashes");
        }
    }

    /** CPU names winebuild knows, matched by prefix in this order, and whether each is x86_64. */
    private static final List<Map.Entry<String, String>> CPU_NAMES = List.of(
            Map.entry("i386", "i386"), Map.entry("i486", "i386"), Map.entry("i586", "i386"),
            Map.entry("i686", "i386"), Map.entry("i786", "i386"), Map.entry("x86_64", "x86_64"),
            Map.entry("amd64", "x86_64"), Map.entry("aarch64", "arm64"), Map.entry("arm64", "arm64"),
            Map.entry("arm", "arm"));
    private static final Set<String> WIN32_CPUS = Set.of("i386", "arm");
    private static final Set<String> WIN64_CPUS = Set.of("x86_64", "arm64");
    private static final Set<String> ALL_CPUS = Set.of("i386", "x86_64", "arm", "arm64");
    /** The flags of an entry that has none (never changed: an entry with flags gets a set of its own). */
    private static final Set<ExportFlag> NO_FLAGS = Set.of();
    /** A parsed declaration, or null when its -arch flags exclude {@code cpu}. */
    /** Whether a module file name has a character outside printable ASCII, a space, a quote or a slash. */
    private static boolean hasUnfitCharacter(String fileName) {
        for (int i = 0; i < fileName.length(); i++) {
            char c = fileName.charAt(i);
            if (c < 0x21 || c > 0x7e || c == '"' || c == '\\' || c == '/') {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code text} is ASCII digits only (true for the empty text). */
    private static boolean allDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static ExportEntry parseDeclaration(SpecTokenizer tokens, Token first, TargetCpu cpu,
            Map<List<ArgType>, List<ArgType>> argumentLists) {
        int ordinal;
        if (first.is("@")) {
            ordinal = -1;
        } else if (allDigits(first.text())) {
            ordinal = EntryChecks.ordinalValue(first.text());
        } else if (first.is("apiset")) {
            throw new SpecException(first.location(), "apiset definitions are not supported: they only make"
                    + " data-only modules (apiset schema), which this tool does not build");
        } else {
            throw new SpecException(first.location(),
                    "expected an ordinal (a number or '@') at the start of the declaration, found "
                    + ErrorText.quote(first.text()));
        }

        Token typeToken = require(tokens, "an entry type (stdcall, cdecl, varargs, thiscall, extern or stub)");
        // most entries have no flag: they share one empty set, and a set of their own is made for the first flag
        Set<ExportFlag> flags = NO_FLAGS;
        EntryType type;
        if (typeToken.is("thiscall")) {
            type = EntryType.STDCALL;
            flags = EnumSet.of(ExportFlag.THISCALL);
        } else {
            type = EntryType.byKeyword(typeToken.text());
            if (type == null) {
                throw unknownType(typeToken);
            }
        }

        Set<String> cpus = Set.of();
        Set<String> excludedCpus = Set.of();
        Token nameToken = require(tokens, "the exported name");
        if (nameToken.text().startsWith("-")) {
            cpus = new HashSet<>();
            excludedCpus = new HashSet<>();
            if (flags.isEmpty()) {
                flags = EnumSet.noneOf(ExportFlag.class);
            }
        }
        while (nameToken.text().startsWith("-")) {
            parseFlag(nameToken, flags, cpus, excludedCpus);
            nameToken = require(tokens, "the exported name after the flags");
        }
        // like winebuild, the '!cpu' exclusions of all the -arch flags of an entry count together
        if (!excludedCpus.isEmpty()) {
            for (String each : ALL_CPUS) {
                if (!excludedCpus.contains(each)) {
                    cpus.add(each);
                }
            }
        }
        String name = nameToken.text();
        checkName(nameToken);
        boolean anonymous = name.equals("@");

        List<ArgType> args = List.of();
        boolean argumentList = false;
        String target;
        boolean forward = false;
        switch (type) {
            case STDCALL, CDECL, VARARGS -> {
                Token open = tokens.nextToken();
                if (open == null) {
                    throw new SpecException(tokens.endOfLine(),
                            "declaration ends too early: expected an argument list '(...)' after '" + name + "'");
                }
                args = parseArguments(tokens, open, type, flags, typeToken, argumentLists);
                argumentList = true;
                Token link = tokens.nextToken();
                if (link != null) {
                    target = link.text();
                    forward = target.contains(".");
                    checkTarget(link, forward);
                } else if (anonymous) {
                    throw new SpecException(nameToken.location(),
                            "an anonymous function ('@') needs the name of the function that implements it");
                } else {
                    // the name is the target: checkName allowed only characters a plain symbol may have
                    // (printable ASCII without quotes, backslashes or '%'), so checkTarget would find nothing
                    target = name;
                }
            }
            case EXTERN -> {
                Token link = tokens.nextToken();
                if (link != null) {
                    target = link.text();
                    forward = target.contains(".");
                    checkTarget(link, forward);
                } else if (anonymous) {
                    throw new SpecException(nameToken.location(),
                            "an anonymous extern ('@') needs the name of the variable it exports");
                } else {
                    // the name is the target: checkName allowed only characters a plain symbol may have
                    // (printable ASCII without quotes, backslashes or '%'), so checkTarget would find nothing
                    target = name;
                }
            }
            case STUB -> {
                target = "";
                Token open = tokens.nextToken();
                if (open != null) {
                    args = parseArguments(tokens, open, type, flags, typeToken, argumentLists);
                    argumentList = true;
                }
            }
            default -> throw new IllegalStateException(type.toString());
        }
        if (type == EntryType.VARARGS) {
            if (flags.isEmpty()) {
                flags = EnumSet.noneOf(ExportFlag.class);
            }
            flags.add(ExportFlag.NORELAY);
        }
        // thiscall and fastcall only change i386 code
        if (cpu != TargetCpu.I386 && !flags.isEmpty()) {
            flags.remove(ExportFlag.THISCALL);
            flags.remove(ExportFlag.FASTCALL);
        }

        if (!cpus.isEmpty() && !cpus.contains(cpu.specName())) {
            return null;
        }
        if (ordinal != -1) {
            EntryChecks.checkOrdinal(first.location(), first.text(), ordinal);
        }
        if ((anonymous || flags.contains(ExportFlag.NONAME) || flags.contains(ExportFlag.ORDINAL)) && ordinal == -1) {
            throw new SpecException(first.location(), anonymous
                    ? "an anonymous entry ('@' as name) needs an explicit ordinal number"
                    : "an entry marked -" + (flags.contains(ExportFlag.NONAME) ? "noname" : "ordinal")
                            + " needs an explicit ordinal number instead of '@'");
        }
        return new ExportEntry(ordinal, ordinal != -1, anonymous ? Optional.empty() : Optional.of(name),
                type, args, target, forward, flags, first.location(), argumentList);
    }

    private static void parseFlag(Token token, Set<ExportFlag> flags, Set<String> cpus, Set<String> excluded) {
        String flag = token.text().substring(1);
        if (flag.startsWith("arch=")) {
            for (String cpu : flag.substring(5).split(",")) {
                if (cpu.isEmpty()) {
                    continue;
                }
                if (cpu.equals("win32")) {
                    cpus.addAll(WIN32_CPUS);
                } else if (cpu.equals("win64")) {
                    cpus.addAll(WIN64_CPUS);
                } else {
                    boolean not = cpu.startsWith("!");
                    String known = cpuOf(not ? cpu.substring(1) : cpu).orElseThrow(() -> new SpecException(
                            token.location(), "unknown architecture '" + cpu + "' in " + token.text()
                                    + " (known: i386, x86_64, amd64, arm, arm64, aarch64, win32, win64;"
                                    + " '!' excludes one)"));
                    (not ? excluded : cpus).add(known);
                }
            }
            return;
        }
        if (flag.equals("i386")) {
            cpus.add("i386");
            return;
        }
        ExportFlag known = ExportFlag.fromKeyword(flag).orElseThrow(() -> new SpecException(token.location(),
                "unknown flag " + ErrorText.quote(token.text()) + " (known flags: " + Arrays.stream(ExportFlag.values())
                        .filter(f -> f != ExportFlag.RET16 && f != ExportFlag.REGISTER)
                        .map(f -> "-" + f.keyword()).collect(Collectors.joining(", ")) + ", -arch=CPU[,CPU])"));
        if (known == ExportFlag.RET16 || known == ExportFlag.REGISTER) {
            throw new SpecException(token.location(), "flag "
                    + ErrorText.quote(token.text()) + " belongs to 16-bit modules, which"
                    + " are not supported: only 32- and 64-bit modules can be built");
        }
        flags.add(known);
    }

    private static Optional<String> cpuOf(String name) {
        for (Map.Entry<String, String> cpu : CPU_NAMES) {
            if (name.startsWith(cpu.getKey())) {
                return Optional.of(cpu.getValue());
            }
        }
        return Optional.empty();
    }

    private static SpecException unknownType(Token token) {
        String t = token.text();
        if (t.equals("pascal") || t.equals("equate") || t.equals("variable")) {
            return new SpecException(token.location(), "'" + t + "' entries belong to 16-bit modules, which are not"
                    + " supported: only 32- and 64-bit modules can be built");
        }
        return new SpecException(token.location(), "unknown entry type '" + t
                + "' (expected stdcall, cdecl, varargs, thiscall, extern or stub)");
    }

    private static Token require(SpecTokenizer tokens, String what) {
        Token t = tokens.nextToken();
        if (t == null) {
            throw new SpecException(tokens.endOfLine(), "declaration ends too early: expected " + what);
        }
        return t;
    }

    private static List<ArgType> parseArguments(SpecTokenizer tokens, Token open, EntryType type,
            Set<ExportFlag> flags, Token typeToken, Map<List<ArgType>, List<ArgType>> argumentLists) {
        if (!open.is("(")) {
            throw new SpecException(open.location(), "expected '(' to start the argument list, found '"
                    + open.text() + "'");
        }
        List<ArgType> args = new ArrayList<>();
        for (;;) {
            Token t = require(tokens, "')' to close the argument list");
            if (t.is(")")) {
                break;
            }
            if (t.is("(")) {
                throw new SpecException(t.location(), "unexpected '(' inside the argument list");
            }
            if (args.size() == MAX_ARGUMENTS) {
                throw new SpecException(t.location(), "too many arguments (at most " + MAX_ARGUMENTS + ")");
            }
            ArgType arg = ArgType.byKeyword(t.text());
            if (arg == null) {
                throw unknownArgument(t);
            }
            args.add(arg);
        }
        SourceLocation typeLocation = null;
        if (!flags.isEmpty()) {
            typeLocation = typeToken.location();
        }
        if (flags.contains(ExportFlag.THISCALL)) {
            if (type != EntryType.STDCALL) {
                throw new SpecException(typeLocation, "a thiscall function must use the stdcall convention");
            }
            if (args.isEmpty() || args.get(0) != ArgType.PTR) {
                throw new SpecException(typeLocation, "the first argument of a thiscall function must be 'ptr'");
            }
        }
        if (flags.contains(ExportFlag.FASTCALL)) {
            if (type != EntryType.STDCALL) {
                throw new SpecException(typeLocation, "a fastcall function must use the stdcall convention");
            }
            // as in winebuild: no relay thunk when the register arguments are not plain integers/pointers
            if (args.size() > 0 && !isRegisterArgument(args.get(0))
                    || args.size() > 1 && !isRegisterArgument(args.get(1))) {
                flags.add(ExportFlag.NORELAY);
            }
        }
        if (flags.contains(ExportFlag.SYSCALL) && type != EntryType.STDCALL && type != EntryType.CDECL) {
            throw new SpecException(typeLocation, "a syscall function must use the stdcall or the cdecl convention");
        }
        return shared(args, argumentLists);
    }

    /** The list of {@code args} shared with earlier entries that have the same. */
    private static List<ArgType> shared(List<ArgType> args, Map<List<ArgType>, List<ArgType>> argumentLists) {
        List<ArgType> copy = List.copyOf(args);
        List<ArgType> known = argumentLists.putIfAbsent(copy, copy);   // (no lambda to link on every run)
        return known != null ? known : copy;
    }

    private static boolean isRegisterArgument(ArgType arg) {
        return arg == ArgType.PTR || arg == ArgType.LONG;
    }

    private static SpecException unknownArgument(Token t) {
        String s = t.text();
        if (s.equals("word") || s.equals("s_word") || s.equals("segptr") || s.equals("segstr")) {
            return new SpecException(t.location(), "argument type '" + s + "' belongs to 16-bit modules, which are"
                    + " not supported");
        }
        return new SpecException(t.location(), "unknown argument type '" + s + "' (expected one of: "
                + Arrays.stream(ArgType.values()).map(ArgType::keyword).collect(Collectors.joining(", ")) + ")");
    }

    private static void checkName(Token token) {
        String name = token.text();
        if (name.equals("@")) {
            return;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= NAME_CHAR_TABLE.length || !NAME_CHAR_TABLE[c]) {
                throw new SpecException(new SourceLocation(token.location().file(), token.location().line(),
                        token.location().column() + i), "character '" + EntryChecks.printable(name.charAt(i))
                        + "' is not allowed in the exported name '" + EntryChecks.printable(name) + "'");
            }
        }
    }

    /**
     * A target is either a C symbol or a forward {@code dll.function} / {@code dll.#ordinal}. Anything
     * else would reach the assembler and is refused here.
     */
    private static void checkTarget(Token token, boolean forward) {
        String t = token.text();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < 0x21 || c > 0x7e || c == '"' || c == '\\') {
                throw new SpecException(token.location(), "character '" + EntryChecks.printable(c)
                        + "' is not allowed in '" + EntryChecks.printable(t) + "'");
            }
        }
        if (forward || t.startsWith("%")) {
            // (the location is made only here: a plain symbol, most targets, needs none)
            EntryChecks.checkSymbolOrForward(token.location(), t, forward);
        }
    }
}
