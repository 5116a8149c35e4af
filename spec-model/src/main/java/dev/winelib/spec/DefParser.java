package dev.winelib.spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a Windows module-definition ({@code .def}) file as export definitions.
 *
 * <pre>
 * LIBRARY hello.dll
 * EXPORTS
 *   hello_add                  ; exported and implemented under the same name
 *   Add=hello_add @5           ; exported as Add, implemented by hello_add, ordinal 5
 *   Hidden=impl @6 NONAME      ; by ordinal only
 *   Sleep2=kernel32.Sleep      ; forward
 *   counter DATA               ; data export
 *   Internal PRIVATE
 * </pre>
 *
 * <p>{@code NAME} is a synonym of {@code LIBRARY}; {@code STACKSIZE}, {@code HEAPSIZE} are checked;
 * lines outside {@code EXPORTS} (such as {@code DESCRIPTION}, {@code VERSION}, {@code IMPORTS} and
 * {@code SECTIONS} blocks) are skipped, as winebuild skips them. Comments start with {@code ;}. On x86_64
 * names are not decorated, so {@code @N} suffixes are kept as part of the name, like winebuild
 * does for 64-bit modules. Unlike winebuild, {@code name=dll.func} is a forward, as for Microsoft's
 * linker.
 */
public final class DefParser {

    private DefParser() {
    }

    public static ModuleSpec parse(Path defFile, Optional<String> moduleFileName) throws IOException {
        return parse(defFile, moduleFileName, TargetCpu.X86_64);
    }

    /** Parses a .def file for a module built for {@code cpu}. */
    public static ModuleSpec parse(Path defFile, Optional<String> moduleFileName, TargetCpu cpu) throws IOException {
        byte[] bytes = InputFiles.readAll(defFile);
        return parse(defFile.toString(), new String(bytes, StandardCharsets.ISO_8859_1), moduleFileName, cpu);
    }

    /** Parses .def text for x86_64; see {@link #parse(String, String, Optional, TargetCpu)}. */
    public static ModuleSpec parse(String sourceName, String text, Optional<String> moduleFileName) {
        return parse(sourceName, text, moduleFileName, TargetCpu.X86_64);
    }

    /**
     * Parses .def text. The module file name is {@code moduleFileName} if given, else the LIBRARY
     * name, else the file name with {@code .dll}. For i386, a stdcall decoration {@code @N} ends
     * an exported or internal name: it is removed, and the export is a stdcall function of N/4
     * {@code long} arguments, as winebuild -m32 reads it.
     */
    public static ModuleSpec parse(String sourceName, String text, Optional<String> moduleFileName, TargetCpu cpu) {
        SpecTokenizer tokens = SpecTokenizer.forDef(sourceName, text);
        List<ExportEntry> declared = new ArrayList<>();
        Optional<String> library = Optional.empty();
        boolean inExports = false;
        while (tokens.nextLine()) {
            Optional<SpecTokenizer.Token> first = tokens.next();
            if (first.isEmpty()) {
                continue;
            }
            SpecTokenizer.Token t = first.get();
            switch (t.text()) {
                case "LIBRARY", "NAME" -> {
                    Optional<String> named = parseLibrary(tokens);
                    if (named.isPresent()) {
                        library = named;
                    }
                    endOfLine(tokens);
                    continue;
                }
                case "STACKSIZE", "HEAPSIZE" -> {
                    parseSize(tokens, t);
                    endOfLine(tokens);
                    continue;
                }
                case "EXPORTS" -> {
                    inExports = true;
                    Optional<SpecTokenizer.Token> next = tokens.next();
                    if (next.isEmpty()) {
                        continue;
                    }
                    t = next.get();
                }
                case "IMPORTS", "SECTIONS" -> {
                    inExports = false;
                    continue;
                }
                default -> {
                }
            }
            if (!inExports) {
                continue; // DESCRIPTION, VERSION and other statements do not define exports
            }
            declared.add(parseExport(tokens, t, cpu));
        }
        Optional<String> libraryName = library;
        String fileName = moduleFileName.or(() -> libraryName).map(DefParser::withDefaultExtension)
                .orElseGet(() -> SpecParser.defaultModuleFileName(sourceName));
        SpecParser.checkModuleFileName(sourceName, fileName);
        return ExportTableBuilder.build(fileName, sourceName, cpu, declared);
    }

    private static String withDefaultExtension(String name) {
        return name.contains(".") ? name : name + ".dll";
    }

    private static Optional<String> parseLibrary(SpecTokenizer tokens) {
        Optional<SpecTokenizer.Token> t = tokens.next();
        if (t.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> name = Optional.empty();
        SpecTokenizer.Token token = t.get();
        if (!token.is("BASE")) {
            name = Optional.of(unquote(token.text()));
            SpecParser.checkModuleFileName(token.location(), withDefaultExtension(name.get()));
            Optional<SpecTokenizer.Token> next = tokens.next();
            if (next.isEmpty()) {
                return name;
            }
            token = next.get();
        }
        if (!token.is("BASE")) {
            throw new SpecException(token.location(), "expected BASE=ADDRESS after the library name, found '"
                    + token.text() + "'");
        }
        SpecTokenizer.Token eq = require(tokens, "'=' after BASE");
        if (!eq.is("=")) {
            throw new SpecException(eq.location(), "expected '=' after BASE, found " + ErrorText.quote(eq.text()));
        }
        require(tokens, "the base address after BASE=");
        return name;
    }

    private static void parseSize(SpecTokenizer tokens, SpecTokenizer.Token keyword) {
        SpecTokenizer.Token size = require(tokens, "a size after " + keyword.text());
        checkNumber(size);
        Optional<SpecTokenizer.Token> comma = tokens.next();
        if (comma.isPresent()) {
            if (!comma.get().is(",")) {
                throw new SpecException(comma.get().location(), "expected ',' after the size, found '"
                        + comma.get().text() + "'");
            }
            checkNumber(require(tokens, "a commit size after ','"));
        }
    }

    private static void checkNumber(SpecTokenizer.Token t) {
        if (!t.text().matches("0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*")) {
            throw new SpecException(t.location(), ErrorText.quote(t.text()) + " is not a number");
        }
    }

    private static ExportEntry parseExport(SpecTokenizer tokens, SpecTokenizer.Token nameToken, TargetCpu cpu) {
        String name = nameToken.text();
        checkName(nameToken);
        List<ArgType> args = List.of();
        EntryType type = EntryType.CDECL;
        int decoration = cpu == TargetCpu.I386 ? stdcallDecoration(name) : -1;
        if (decoration >= 0) {
            int count = decoration / cpu.pointerSize();
            if (count >= SpecParser.MAX_ARGUMENTS) {
                throw new SpecException(nameToken.location(), "too many arguments in the stdcall function '"
                        + EntryChecks.printable(name) + "' (its decoration gives " + count + ", at most "
                        + (SpecParser.MAX_ARGUMENTS - 1) + ")");
            }
            name = name.substring(0, name.lastIndexOf('@'));
            type = EntryType.STDCALL;
            args = java.util.Collections.nCopies(count, ArgType.LONG);
        }
        String target = name;
        boolean forward = false;
        Optional<SpecTokenizer.Token> t = tokens.next();
        if (t.isPresent() && t.get().is("=")) {
            SpecTokenizer.Token internal = require(tokens, "the internal name after '='");
            target = internal.text();
            forward = target.contains(".");
            checkTarget(internal, forward);
            if (cpu == TargetCpu.I386 && stdcallDecoration(target) >= 0) {
                target = target.substring(0, target.lastIndexOf('@'));
            }
            t = tokens.next();
        }
        int ordinal = -1;
        if (t.isPresent() && t.get().text().startsWith("@")) {
            SpecTokenizer.Token o = t.get();
            String digits = o.text().substring(1);
            if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new SpecException(o.location(), "expected a number after '@', found '" + digits + "'");
            }
            ordinal = EntryChecks.ordinalValue(digits);
            EntryChecks.checkOrdinal(o.location(), digits, ordinal);
            t = tokens.next();
        }
        Set<ExportFlag> flags = EnumSet.noneOf(ExportFlag.class);
        while (t.isPresent()) {
            SpecTokenizer.Token k = t.get();
            switch (k.text()) {
                case "NONAME" -> {
                    if (flags.contains(ExportFlag.NONAME)) {
                        throw new SpecException(k.location(), "NONAME is given twice");
                    }
                    if (ordinal == -1) {
                        throw new SpecException(k.location(), "NONAME needs an ordinal: write NAME @N NONAME");
                    }
                    flags.add(ExportFlag.NONAME);
                }
                case "PRIVATE" -> flags.add(ExportFlag.PRIVATE);
                case "DATA", "CONSTANT" -> type = EntryType.EXTERN;
                default -> throw new SpecException(k.location(), "unexpected '" + k.text()
                        + "' at the end of the export (expected @ORDINAL, NONAME, PRIVATE or DATA)");
            }
            t = tokens.next();
        }
        return new ExportEntry(ordinal, ordinal != -1, Optional.of(name), type, type == EntryType.EXTERN ? List.of()
                : args, target, forward, flags, nameToken.location(), type != EntryType.EXTERN);
    }

    /**
     * The number N of a stdcall decoration {@code NAME@N} (digits after the last '@', which is not the
     * first character), or -1.
     */
    static int stdcallDecoration(String name) {
        int at = name.lastIndexOf('@');
        if (at <= 0 || at == name.length() - 1 || !name.substring(at + 1).chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        String digits = name.substring(at + 1);
        return digits.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(digits);
    }

    private static void checkName(SpecTokenizer.Token token) {
        String name = token.text();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x21 || c > 0x7e || c == '"' || c == '\\') {
                throw new SpecException(token.location(), "character '" + EntryChecks.printable(c)
                        + "' is not allowed in the exported name");
            }
        }
    }

    private static void checkTarget(SpecTokenizer.Token token, boolean forward) {
        checkName(token);
        EntryChecks.checkSymbolOrForward(token.location(), token.text(), forward);
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    private static SpecTokenizer.Token require(SpecTokenizer tokens, String what) {
        return tokens.next().orElseThrow(() -> new SpecException(tokens.endOfLine(),
                "line ends too early: expected " + what));
    }

    private static void endOfLine(SpecTokenizer tokens) {
        Optional<SpecTokenizer.Token> extra = tokens.next();
        if (extra.isPresent()) {
            throw new SpecException(extra.get().location(), "unexpected "
                    + ErrorText.quote(extra.get().text()) + " at the end of the"
                    + " line");
        }
    }
}
