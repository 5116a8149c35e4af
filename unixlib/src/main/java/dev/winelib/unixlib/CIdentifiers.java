package dev.winelib.unixlib;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which names may appear in the generated C: plain identifiers that are neither C nor C++
 * keywords, nor reserved for the implementation, nor macros the Windows headers define, nor in the
 * generated code's own namespace. Everything a {@code .unixcalls} file names passes here before it
 * reaches a generated file.
 */
final class CIdentifiers {

    /** The generated code's own names start with this. */
    static final String RESERVED_PREFIX = "winelib_unixlib_";

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private static final Set<String> KEYWORDS = Set.of(
            // C17 and C23
            "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum",
            "extern", "float", "for", "goto", "if", "inline", "int", "long", "register", "restrict", "return",
            "short", "signed", "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned", "void",
            "volatile", "while", "_Alignas", "_Alignof", "_Atomic", "_Bool", "_Complex", "_Generic", "_Imaginary",
            "_Noreturn", "_Static_assert", "_Thread_local", "typeof", "typeof_unqual", "nullptr", "constexpr",
            // C++
            "alignas", "alignof", "and", "and_eq", "asm", "bitand", "bitor", "bool", "catch", "char8_t",
            "char16_t", "char32_t", "class", "compl", "concept", "consteval", "constinit", "const_cast",
            "co_await", "co_return", "co_yield", "decltype", "delete", "dynamic_cast", "explicit", "export",
            "false", "friend", "mutable", "namespace", "new", "noexcept", "not", "not_eq", "operator", "or",
            "or_eq", "private", "protected", "public", "reinterpret_cast", "requires", "static_assert",
            "static_cast", "template", "this", "thread_local", "throw", "true", "try", "typeid", "typename",
            "using", "virtual", "wchar_t", "xor", "xor_eq");

    /** Object-like macros of the Windows headers (windows.h, rpcndr.h) and of C that would rewrite a name. */
    private static final Set<String> MACROS = Set.of(
            "near", "far", "NEAR", "FAR", "small", "hyper", "interface", "min", "max", "pascal", "cdecl",
            "PASCAL", "CDECL", "WINAPI", "CALLBACK", "APIENTRY", "IN", "OUT", "OPTIONAL", "CONST", "VOID",
            "TRUE", "FALSE", "NULL", "errno", "stdin", "stdout", "stderr", "offsetof", "assert",
            "NTSTATUS", "BOOL", "BOOLEAN", "BYTE", "WORD", "DWORD", "UINT", "ULONG", "LONG", "HANDLE", "WCHAR");

    private CIdentifiers() {
    }

    /**
     * Why {@code name} cannot be used as a C name in the generated code, or empty when it can.
     *
     * @param what what the name names, for the message ("a call", "a member")
     */
    static Optional<String> problem(String name, String what) {
        if (!IDENTIFIER.matcher(name).matches()) {
            return Optional.of("'" + name + "' cannot name " + what + ": a C identifier has letters, digits and '_'"
                    + " and does not start with a digit");
        }
        if (KEYWORDS.contains(name)) {
            return Optional.of("'" + name + "' is a C or C++ keyword and cannot name " + what);
        }
        if (ScalarType.fromWord(name).isPresent()) {
            return Optional.of("'" + name + "' is a type name and cannot name " + what);
        }
        if (name.startsWith("__") || (name.length() > 1 && name.charAt(0) == '_'
                && Character.isUpperCase(name.charAt(1)))) {
            return Optional.of("'" + name + "' cannot name " + what + ": names starting with '__' or '_' and a capital"
                    + " letter are reserved for the compiler and the C library");
        }
        if (name.startsWith(RESERVED_PREFIX)) {
            return Optional.of("'" + name + "' cannot name " + what + ": names starting with '" + RESERVED_PREFIX
                    + "' are the generated code's own");
        }
        if (MACROS.contains(name)) {
            return Optional.of("'" + name + "' cannot name " + what + ": the Windows or C headers define it as a macro"
                    + " or type");
        }
        return Optional.empty();
    }

    /** A C identifier made from a file name: other characters become '_', a leading digit gets one. */
    static String fromFileName(String base) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < base.length(); i++) {
            char c = base.charAt(i);
            b.append((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ? c : '_');
        }
        if (b.length() == 0 || Character.isDigit(b.charAt(0))) {
            b.insert(0, '_');
        }
        return b.toString();
    }
}
