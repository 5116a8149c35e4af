package dev.winelib.unixlib;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.winelib.spec.SourceLocation;

/**
 * Reads a {@code .unixcalls} file: the calls a unixlib module's PE half makes into its Unix half,
 * each with the members of the structure it passes.
 *
 * <pre>
 * # comment (to the end of the line)
 * wow64                              # optional, before the first call: also a WOW64 table
 *
 * call proc_version                  # implemented by unix_proc_version
 *     char *buffer                   # members: [const] TYPE [*...] NAME [[LENGTH]]
 *     uint32 capacity
 *     uint32 length
 *
 * call exchange -unix=do_exchange -wow64=do_exchange32
 *     const wchar *name
 *     double values[4]
 *
 * call ping                          # no parameters
 * </pre>
 *
 * Types: {@code int8 uint8 int16 uint16 int32 uint32 int64 uint64} (or their {@code <stdint.h>}
 * names), {@code char}, {@code wchar} (a UTF-16 unit), {@code float}, {@code double}, and pointers
 * to these or to {@code void}. Types whose size differs between Windows and Linux ({@code long},
 * {@code wchar_t}, {@code size_t}...) are refused with the type to use instead. Every error names
 * {@code file:line:column}.
 */
public final class UnixCallsParser {

    /** The extension of the declaration file. */
    public static final String EXTENSION = ".unixcalls";

    static final int MAX_ARRAY_LENGTH = 65536;
    static final int MAX_MEMBERS = 1024;

    private static final Map<String, String> REFUSED_TYPES = refusedTypes();

    private final String file;
    private boolean wow64;
    private SourceLocation wow64Location;
    private final List<PendingCall> calls = new ArrayList<>();
    private final Map<String, SourceLocation> callNames = new HashMap<>();

    /** A call while its member lines are read. */
    private static final class PendingCall {
        final String name;
        final SourceLocation location;
        Optional<String> unixFunction = Optional.empty();
        SourceLocation unixFunctionLocation;
        Optional<String> wow64Function = Optional.empty();
        SourceLocation wow64FunctionLocation;
        final Map<String, ParamMember> members = new LinkedHashMap<>();

        PendingCall(String name, SourceLocation location) {
            this.name = name;
            this.location = location;
        }
    }

    private UnixCallsParser(String file) {
        this.file = file;
    }

    /** Reads a file (UTF-8); the prefix comes from its name. */
    public static UnixCallsDeclaration parse(Path path) throws IOException {
        byte[] bytes = dev.winelib.spec.InputFiles.readAll(path);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new UnixCallsException(SourceLocation.ofFile(path.toString()), "is not UTF-8 text");
        }
        return parse(path.toString(), prefixOf(path), text);
    }

    /** The code prefix for a declaration file: its name without {@code .unixcalls}, as a C identifier. */
    public static String prefixOf(Path path) {
        String name = path.getFileName().toString();
        if (name.endsWith(EXTENSION)) {
            name = name.substring(0, name.length() - EXTENSION.length());
        }
        return CIdentifiers.fromFileName(name);
    }

    /**
     * Reads declaration text.
     *
     * @param file the file name for messages
     * @param prefix the C identifier that prefixes the call codes
     */
    public static UnixCallsDeclaration parse(String file, String prefix, String text) {
        if (!prefix.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("prefix '" + prefix + "' is not a C identifier");
        }
        UnixCallsParser parser = new UnixCallsParser(file);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // a byte order mark some editors write
        }
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            parser.line(i + 1, line);
        }
        return parser.finish(prefix);
    }

    // ---------------------------------------------------------------- lines

    private void line(int number, String text) {
        List<Token> tokens = Token.split(file, number, text);
        if (tokens.isEmpty()) {
            return;
        }
        Token first = tokens.get(0);
        if (first.kind() != Token.Kind.WORD) {
            throw error(first, "a line starts with 'call NAME', 'wow64' or a member declaration such as"
                    + " 'uint32 size', not '" + first.text() + "'");
        }
        switch (first.text()) {
            case "call" -> call(tokens);
            case "wow64" -> wow64(tokens);
            default -> member(tokens);
        }
    }

    private void wow64(List<Token> tokens) {
        Token keyword = tokens.get(0);
        if (tokens.size() > 1) {
            throw error(tokens.get(1), "unexpected '" + tokens.get(1).text() + "' after 'wow64' (it takes no value)");
        }
        if (wow64) {
            throw error(keyword, "'wow64' is given twice (first at line " + wow64Location.line() + ")");
        }
        if (!calls.isEmpty()) {
            throw error(keyword, "'wow64' must come before the first call (line " + calls.get(0).location.line()
                    + ")");
        }
        wow64 = true;
        wow64Location = keyword.location();
    }

    private void call(List<Token> tokens) {
        if (tokens.size() < 2) {
            throw error(tokens.get(0), "'call' needs the call's name: call NAME");
        }
        Token name = tokens.get(1);
        if (name.kind() != Token.Kind.WORD) {
            throw error(name, "'call' needs the call's name, not '" + name.text() + "'");
        }
        checkName(name, "a call");
        SourceLocation first = callNames.putIfAbsent(name.text(), name.location());
        if (first != null) {
            throw error(name, "call '" + name.text() + "' is declared twice (first at line " + first.line() + ")");
        }
        PendingCall call = new PendingCall(name.text(), name.location());
        for (Token option : tokens.subList(2, tokens.size())) {
            if (option.kind() != Token.Kind.OPTION) {
                throw error(option, "unexpected '" + option.text() + "' after call '" + name.text()
                        + "': members go on the following lines, options are -unix=FUNCTION and -wow64=FUNCTION");
            }
            String text = option.text();
            int eq = text.indexOf('=');
            String key = eq < 0 ? text : text.substring(0, eq);
            String value = eq < 0 ? "" : text.substring(eq + 1);
            if (!key.equals("-unix") && !key.equals("-wow64")) {
                throw error(option, "unknown option '" + key + "': the options are -unix=FUNCTION and"
                        + " -wow64=FUNCTION");
            }
            if (value.isEmpty()) {
                throw error(option, "'" + key + "' needs a function name: " + key + "=FUNCTION");
            }
            CIdentifiers.problem(value, "a function").ifPresent(p -> {
                throw error(option, p);
            });
            if (key.equals("-unix")) {
                if (call.unixFunction.isPresent()) {
                    throw error(option, "'-unix' is given twice for call '" + name.text() + "'");
                }
                call.unixFunction = Optional.of(value);
                call.unixFunctionLocation = option.location();
            } else {
                if (!wow64) {
                    throw error(option, "'-wow64' needs a WOW64 table: put a 'wow64' line before the first call");
                }
                if (call.wow64Function.isPresent()) {
                    throw error(option, "'-wow64' is given twice for call '" + name.text() + "'");
                }
                call.wow64Function = Optional.of(value);
                call.wow64FunctionLocation = option.location();
            }
        }
        calls.add(call);
    }

    private void member(List<Token> tokens) {
        int i = 0;
        Token start = tokens.get(0);
        boolean constTarget = false;
        if (tokens.get(0).text().equals("const")) {
            constTarget = true;
            i++;
            if (i == tokens.size()) {
                throw error(start, "'const' needs a type and a member name: const char *text");
            }
        }
        Token typeToken = tokens.get(i++);
        ScalarType type = typeOf(typeToken, start);
        int pointers = 0;
        while (i < tokens.size() && tokens.get(i).kind() == Token.Kind.STAR) {
            pointers++;
            i++;
        }
        if (i == tokens.size()) {
            throw error(tokens.get(i - 1), "expected a member name after '" + tokens.get(i - 1).text() + "'");
        }
        Token name = tokens.get(i++);
        if (name.kind() != Token.Kind.WORD) {
            throw error(name, "expected a member name, not '" + name.text() + "'");
        }
        if (calls.isEmpty()) {
            throw error(start, "member '" + name.text() + "' comes before any call: start a call with 'call NAME'");
        }
        PendingCall call = calls.get(calls.size() - 1);
        checkName(name, "a member");
        if (type == ScalarType.VOID && pointers == 0) {
            throw error(typeToken, "'void' is only allowed as a pointer target: void *" + name.text());
        }
        if (constTarget && pointers == 0) {
            throw error(start, "'const' is only allowed on a pointer's target (const char *" + name.text()
                    + "): the Unix half writes the structure's members");
        }
        int arrayLength = 0;
        if (i < tokens.size() && tokens.get(i).kind() == Token.Kind.LBRACKET) {
            Token open = tokens.get(i++);
            if (i == tokens.size() || tokens.get(i).kind() != Token.Kind.NUMBER) {
                throw error(i == tokens.size() ? open : tokens.get(i), "an array member needs its length: "
                        + name.text() + "[16]");
            }
            Token length = tokens.get(i++);
            arrayLength = arrayLength(length);
            if (i == tokens.size() || tokens.get(i).kind() != Token.Kind.RBRACKET) {
                throw error(i == tokens.size() ? length : tokens.get(i), "expected ']' after the array length");
            }
            i++;
        }
        if (i < tokens.size()) {
            throw error(tokens.get(i), "unexpected '" + tokens.get(i).text() + "' after member '" + name.text() + "'");
        }
        ParamMember previous = call.members.get(name.text());
        if (previous != null) {
            throw error(name, "member '" + name.text() + "' is declared twice in call '" + call.name
                    + "' (first at line " + previous.location().line() + ")");
        }
        if (call.members.size() == MAX_MEMBERS) {
            throw error(name, "call '" + call.name + "' has more than " + MAX_MEMBERS + " members: pass a pointer to"
                    + " a buffer instead");
        }
        call.members.put(name.text(), new ParamMember(name.text(), type, constTarget, pointers, arrayLength,
                start.location()));
    }

    private ScalarType typeOf(Token token, Token lineStart) {
        if (token.kind() != Token.Kind.WORD) {
            throw error(token, "expected a type, not '" + token.text() + "'");
        }
        Optional<ScalarType> type = ScalarType.fromWord(token.text());
        if (type.isPresent()) {
            return type.get();
        }
        String refused = REFUSED_TYPES.get(token.text());
        if (refused != null) {
            throw error(token, refused);
        }
        if (token == lineStart) {
            throw error(token, "unknown keyword or type '" + token.text() + "': a line is 'call NAME', 'wow64', or a"
                    + " member declaration whose type is one of " + String.join(" ", ScalarType.words())
                    + " (or their <stdint.h> names such as uint32_t), optionally a pointer");
        }
        throw error(token, "unknown type '" + token.text() + "': the types are " + String.join(" ", ScalarType.words())
                + " (or their <stdint.h> names such as uint32_t), optionally a pointer");
    }

    private int arrayLength(Token token) {
        String digits = token.text();
        if (digits.length() > 1 && digits.startsWith("0")) {
            throw error(token, "write the array length in decimal without leading zeros, not '" + digits + "'");
        }
        if (digits.length() > 6 || Integer.parseInt(digits) > MAX_ARRAY_LENGTH || Integer.parseInt(digits) == 0) {
            throw error(token, "array length " + digits + " is outside 1.." + MAX_ARRAY_LENGTH
                    + "; for larger data pass a pointer and a size");
        }
        return Integer.parseInt(digits);
    }

    private void checkName(Token token, String what) {
        CIdentifiers.problem(token.text(), what).ifPresent(p -> {
            throw error(token, p);
        });
    }

    // ---------------------------------------------------------------- the whole file

    private UnixCallsDeclaration finish(String prefix) {
        if (calls.isEmpty()) {
            throw new UnixCallsException(SourceLocation.ofFile(file), "declares no call: add at least one"
                    + " 'call NAME' line, followed by the members of the structure it passes");
        }
        List<UnixCall> result = new ArrayList<>();
        for (PendingCall c : calls) {
            List<ParamMember> members = List.copyOf(c.members.values());
            boolean pointers = members.stream().anyMatch(ParamMember::isPointer);
            Optional<String> wow64Function = c.wow64Function;
            if (wow64 && wow64Function.isEmpty() && pointers) {
                wow64Function = Optional.of("wow64_" + c.name);
            }
            result.add(new UnixCall(c.name, result.size(), c.unixFunction.orElse("unix_" + c.name), wow64Function,
                    members, c.location));
        }
        UnixCallsDeclaration declaration = new UnixCallsDeclaration(file, prefix, wow64, result);
        checkGeneratedNames(declaration);
        return declaration;
    }

    /**
     * Refuses two things the generated header would declare under one name in the same half:
     * a PE function and a code, two Unix functions for different calls, and the like.
     */
    private void checkGeneratedNames(UnixCallsDeclaration d) {
        Map<String, String> pe = new HashMap<>();
        Map<String, String> unix = new HashMap<>();
        Map<String, String> shared = new HashMap<>();
        shared.put(d.countName(), "the number of calls");
        shared.put(d.rawCallName(), "the PE function that makes a call by code");
        // (structure tags are a namespace of their own, and NAME_params cannot repeat)
        for (UnixCall c : d.calls()) {
            claim(shared, d.codeName(c), "the code of call '" + c.name() + "'", c.location());
        }
        pe.putAll(shared);
        unix.putAll(shared);
        for (UnixCall c : d.calls()) {
            claim(pe, c.name(), "the PE function of call '" + c.name() + "'", c.location());
        }
        for (UnixCall c : d.calls()) {
            PendingCall pending = calls.get(c.code());
            SourceLocation at = pending.unixFunctionLocation != null ? pending.unixFunctionLocation : c.location();
            claim(unix, c.unixFunction(), "the Unix function of call '" + c.name() + "'", at);
        }
        for (UnixCall c : d.calls()) {
            if (c.wow64Function().isPresent()) {
                PendingCall pending = calls.get(c.code());
                SourceLocation at = pending.wow64FunctionLocation != null ? pending.wow64FunctionLocation
                        : c.location();
                claim(unix, c.wow64Function().get(), "the WOW64 function of call '" + c.name() + "'", at);
            }
        }
    }

    private static void claim(Map<String, String> names, String name, String what, SourceLocation at) {
        String previous = names.putIfAbsent(name, what);
        if (previous != null) {
            throw new UnixCallsException(at, "the generated code would use the name '" + name + "' both for "
                    + previous + " and for " + what + ": rename the call or give another function with -unix=/-wow64=");
        }
    }

    private UnixCallsException error(Token token, String problem) {
        return new UnixCallsException(token.location(), problem);
    }

    private static Map<String, String> refusedTypes() {
        Map<String, String> m = new HashMap<>();
        String windowsLinux = " bits in the PE half (Windows) and 64 bits in the Unix half (Linux)";
        m.put("long", "'long' is 32" + windowsLinux + ": use int32 or int64");
        m.put("unsigned", "give the width: uint8, uint16, uint32 or uint64 instead of 'unsigned'");
        m.put("signed", "give the width: int8, int16, int32 or int64 instead of 'signed'");
        m.put("int", "give the width: int32 (or int8, int16, int64) instead of 'int'");
        m.put("short", "give the width: int16 instead of 'short'");
        for (String t : List.of("size_t", "ssize_t", "intptr_t", "uintptr_t", "ptrdiff_t", "SIZE_T", "ULONG_PTR",
                "LONG_PTR", "DWORD_PTR")) {
            m.put(t, "'" + t + "' is pointer-sized, which differs for a 32-bit PE half under WOW64: use uint64 (or"
                    + " int64), or a pointer");
        }
        m.put("wchar_t", "wchar_t is 16 bits in the PE half and 32 bits in the Unix half: use wchar (a UTF-16"
                + " unit, uint16_t)");
        m.put("WCHAR", "use wchar (a UTF-16 unit, uint16_t) instead of WCHAR: Windows type names are not declared in"
                + " the Unix half");
        for (String t : List.of("bool", "_Bool", "BOOL", "BOOLEAN")) {
            m.put(t, "'" + t + "' has no common size in both halves: use uint8 or int32");
        }
        for (String t : List.of("struct", "union", "enum")) {
            m.put(t, "'" + t + "' members are not supported: declare the members one by one, or pass a"
                    + " pointer (void *)");
        }
        m.put("LONG", "'LONG' is a Windows type name, not declared in the Unix half: use int32");
        m.put("ULONG", "'ULONG' is a Windows type name, not declared in the Unix half: use uint32");
        m.put("DWORD", "'DWORD' is a Windows type name, not declared in the Unix half: use uint32");
        m.put("WORD", "'WORD' is a Windows type name, not declared in the Unix half: use uint16");
        m.put("BYTE", "'BYTE' is a Windows type name, not declared in the Unix half: use uint8");
        m.put("UINT", "'UINT' is a Windows type name, not declared in the Unix half: use uint32");
        m.put("UINT64", "'UINT64' is a Windows type name, not declared in the Unix half: use uint64");
        m.put("ULONGLONG", "'ULONGLONG' is a Windows type name, not declared in the Unix half: use uint64");
        m.put("LONGLONG", "'LONGLONG' is a Windows type name, not declared in the Unix half: use int64");
        m.put("HANDLE", "handles are pointer-sized and mean nothing in the Unix half: pass a uint64");
        m.put("NTSTATUS", "use int32 for a status member");
        m.put("volatile", "'volatile' members are not supported");
        return Map.copyOf(m);
    }
}
