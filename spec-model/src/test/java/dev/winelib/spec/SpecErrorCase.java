package dev.winelib.spec;

import java.util.List;

/**
 * Invalid specs with the exact place and problem {@link SpecParser} must report. Shared by the unit test and
 * by the comparison with winebuild.
 *
 * @param what what is wrong
 * @param text the spec text
 * @param line expected line
 * @param column expected column
 * @param problem the start of the expected message after the location
 * @param winebuildRejects whether winebuild 8 refuses the spec too; where it does not, winebuild-j is
 *     deliberately stricter
 * @param winebuildLine the line of winebuild's message (winebuild names the last line of a continued
 *     declaration where winebuild-j names its first)
 */
record SpecErrorCase(String what, String text, int line, int column, String problem, boolean winebuildRejects,
        int winebuildLine) {

    @Override
    public String toString() {
        return what;
    }

    private static SpecErrorCase both(String what, String text, int line, int column, String problem) {
        return new SpecErrorCase(what, text, line, column, problem, true, line);
    }

    private static SpecErrorCase both(String what, String text, int line, int column, String problem,
            int winebuildLine) {
        return new SpecErrorCase(what, text, line, column, problem, true, winebuildLine);
    }

    private static SpecErrorCase stricter(String what, String text, int line, int column, String problem) {
        return new SpecErrorCase(what, text, line, column, problem, false, 0);
    }

    static final String KNOWN_FLAGS = "(known flags: -norelay, -noname, -ret64, -private,"
            + " -ordinal, -thiscall, -fastcall, -syscall, -import, -arch=CPU[,CPU])";
    static final String KNOWN_CPUS = "(known: i386, x86_64, amd64, arm, arm64, aarch64, win32, win64; '!' excludes"
            + " one)";
    static final String SIXTEEN_BIT = "16-bit modules, which are not supported: only 32- and 64-bit modules can be built";

    static List<SpecErrorCase> all() {
        String args32 = "1 stdcall foo(" + "long ".repeat(32) + ")";
        String args33 = "1 stdcall foo(" + "long ".repeat(33) + ")";
        return List.of(
                both("unknown entry type", "1 fastcall foo()", 1, 3,
                        "unknown entry type 'fastcall' (expected stdcall, cdecl, varargs, thiscall, extern or stub)"),
                both("unknown entry type on a later line", "1 stdcall a()\n\n  2  fastcall b()", 3, 6,
                        "unknown entry type 'fastcall'"),
                both("entry type in upper case", "1 STDCALL foo()", 1, 3, "unknown entry type 'STDCALL'"),
                both("unknown flag", "1 stdcall -foo bar()", 1, 11, "unknown flag '-foo' " + KNOWN_FLAGS),
                both("unknown flag after a known one", "1 stdcall -private -bogus bar()", 1, 20,
                        "unknown flag '-bogus'"),
                both("lone dash", "1 stdcall - bar()", 1, 11, "unknown flag '-'"),
                both("flag in upper case", "1 stdcall -NONAME bar()", 1, 11, "unknown flag '-NONAME'"),
                both("unknown argument type", "1 stdcall foo(long bogus)", 1, 20,
                        "unknown argument type 'bogus' (expected one of: long, ptr, str, wstr, int64, int128, float,"
                                + " double)"),
                both("unknown argument type after tabs", "1\tstdcall\tfoo(bad)", 1, 15, "unknown argument type 'bad'"),
                both("missing '('", "1 stdcall foo long", 1, 15,
                        "expected '(' to start the argument list, found 'long'"),
                both("missing argument list at end of line", "1 stdcall foo", 1, 14,
                        "declaration ends too early: expected an argument list '(...)' after 'foo'"),
                both("missing argument list, trailing blanks", "1 cdecl foo   \t", 1, 12,
                        "declaration ends too early: expected an argument list '(...)' after 'foo'"),
                both("thiscall without argument list", "1 thiscall foo", 1, 15,
                        "declaration ends too early: expected an argument list '(...)' after 'foo'"),
                both("stub followed by something other than '('", "1 stub foo bar", 1, 12,
                        "expected '(' to start the argument list, found 'bar'"),
                both("unterminated argument list", "1 stdcall foo(long ptr", 1, 23,
                        "declaration ends too early: expected ')' to close the argument list"),
                both("unterminated argument list of a stub", "1 stub foo(long", 1, 16,
                        "declaration ends too early: expected ')' to close the argument list"),
                both("'(' inside the argument list", "1 stdcall foo(long (ptr))", 1, 20,
                        "unexpected '(' inside the argument list"),
                both("32 arguments", args32, 1, 170, "too many arguments (at most 31)"),
                both("33 arguments", args33, 1, 170, "too many arguments (at most 31)"),
                both("ordinal 0", "0 stdcall foo()", 1, 1, "ordinal 0 is not valid: ordinals start at 1"),
                both("ordinal 000", "  000 stdcall foo()", 1, 3, "ordinal 0 is not valid"),
                both("ordinal 65535", "65535 stdcall foo()", 1, 1,
                        "ordinal 65535 is too large (the highest ordinal is 65534)"),
                stricter("huge ordinal", "99999999999999999999999 stdcall foo()", 1, 1,
                        "ordinal 99999999999999999999999 is too large"),
                both("'@' with -noname", "@ stdcall -noname foo()", 1, 1,
                        "an entry marked -noname needs an explicit ordinal number instead of '@'"),
                both("'@' with -ordinal", "@ stub -ordinal foo", 1, 1,
                        "an entry marked -ordinal needs an explicit ordinal number instead of '@'"),
                both("anonymous name with '@' ordinal", "@ stdcall @() impl", 1, 1,
                        "an anonymous entry ('@' as name) needs an explicit ordinal number"),
                both("anonymous stub with '@' ordinal", "\n@ stub @", 2, 1,
                        "an anonymous entry ('@' as name) needs an explicit ordinal number"),
                both("anonymous function without link name", "1 stdcall @()", 1, 11,
                        "an anonymous function ('@') needs the name of the function that implements it"),
                both("anonymous extern without symbol", "1 extern @", 1, 10,
                        "an anonymous extern ('@') needs the name of the variable it exports"),
                both("duplicate name", "1 stdcall foo()\n2 cdecl foo()", 2, 1,
                        "'foo' is already defined at t.spec:1:1"),
                both("duplicate name, one -noname", "# x\n  1 stdcall -noname foo()\n2 extern foo", 3, 1,
                        "'foo' is already defined at t.spec:2:3"),
                both("duplicate ordinal", "3 stdcall a()\n3 stdcall b()", 2, 1,
                        "ordinal 3 is already used at t.spec:1:1"),
                both("duplicate ordinal written differently", "3 stdcall a()\n@ stdcall c()\n003 stdcall b()", 3, 1,
                        "ordinal 3 is already used at t.spec:1:1"),
                both("'!' in name", "1 stdcall foo!()", 1, 14,
                        "character '!' is not allowed in the exported name 'foo!'"),
                both("'.' in name", "1 stdcall fo.o()", 1, 13,
                        "character '.' is not allowed in the exported name 'fo.o'"),
                both("non-ASCII in name", "1 stdcall caf\u00e9()", 1, 14,
                        "character '\\xe9' is not allowed in the exported name 'caf\\xe9'"),
                both("garbage after extern", "1 extern foo bar baz", 1, 18,
                        "unexpected 'baz' after the end of the declaration"),
                both("garbage after function", "1 stdcall foo() impl extra", 1, 22,
                        "unexpected 'extra' after the end of the declaration"),
                both("garbage after stub arguments", "1 stub foo() bar", 1, 14,
                        "unexpected 'bar' after the end of the declaration"),
                both("')' after function", "1 stdcall foo() impl )", 1, 22, "unexpected ')' after the end"),
                both("line starting with a name", "foo stdcall bar()", 1, 1,
                        "expected an ordinal (a number or '@') at the start of the declaration, found 'foo'"),
                both("line starting with a type", "\tstdcall bar()", 1, 2,
                        "expected an ordinal (a number or '@') at the start of the declaration, found 'stdcall'"),
                both("negative ordinal", "-1 stdcall bar()", 1, 1, "expected an ordinal"),
                both("hexadecimal ordinal", "0x10 stdcall bar()", 1, 1, "expected an ordinal"),
                both("non-ASCII digit as ordinal", "\u0661 stdcall bar()", 1, 1, "expected an ordinal"),
                both("only an ordinal", "1", 1, 2, "declaration ends too early: expected an entry type"),
                both("no name", "1 stdcall   ", 1, 10, "declaration ends too early: expected the exported name"),
                both("only flags", "1 stdcall -noname", 1, 18,
                        "declaration ends too early: expected the exported name after the flags"),
                both("only an -arch flag", "1 stdcall -arch=i386", 1, 21,
                        "declaration ends too early: expected the exported name after the flags"),

                // thiscall, fastcall and syscall constraints, reported at the entry type
                both("thiscall without arguments", "1 thiscall foo()", 1, 3,
                        "the first argument of a thiscall function must be 'ptr'"),
                both("thiscall with a long first argument", "1 thiscall foo(long ptr)", 1, 3,
                        "the first argument of a thiscall function must be 'ptr'"),
                both("-thiscall without a pointer", "1   stdcall -thiscall foo(str)", 1, 5,
                        "the first argument of a thiscall function must be 'ptr'"),
                both("-thiscall on cdecl", "1 cdecl -thiscall foo(ptr)", 1, 3,
                        "a thiscall function must use the stdcall convention"),
                both("-thiscall on varargs", "2 varargs -thiscall foo(ptr)", 1, 3,
                        "a thiscall function must use the stdcall convention"),
                both("-thiscall on a stub with arguments", "1 stub -thiscall foo(ptr)", 1, 3,
                        "a thiscall function must use the stdcall convention"),
                both("thiscall error on a continued line", "1 \\\n  thiscall foo(long)", 2, 3,
                        "the first argument of a thiscall function must be 'ptr'"),
                both("-fastcall on cdecl", "1 cdecl -fastcall foo(long)", 1, 3,
                        "a fastcall function must use the stdcall convention"),
                both("-fastcall on varargs", "@ varargs -fastcall foo()", 1, 3,
                        "a fastcall function must use the stdcall convention"),
                both("-fastcall on a stub with arguments", "1 stub -fastcall foo()", 1, 3,
                        "a fastcall function must use the stdcall convention"),
                both("-syscall on varargs", "1 varargs -syscall foo(str)", 1, 3,
                        "a syscall function must use the stdcall or the cdecl convention"),
                both("-syscall on a stub with arguments", "1 stub -syscall foo(long)", 1, 3,
                        "a syscall function must use the stdcall or the cdecl convention"),

                // 16-bit modules
                both("pascal", "1 pascal foo(word)", 1, 3, "'pascal' entries belong to " + SIXTEEN_BIT),
                both("equate", "1 equate foo 1", 1, 3, "'equate' entries belong to " + SIXTEEN_BIT),
                both("variable", "1 variable foo(1 2)", 1, 3, "'variable' entries belong to " + SIXTEEN_BIT),
                both("-ret16", "1 stdcall -ret16 foo()", 1, 11, "flag '-ret16' belongs to " + SIXTEEN_BIT),
                both("-register", "1 cdecl -private -register foo()", 1, 18,
                        "flag '-register' belongs to " + SIXTEEN_BIT),
                both("word argument", "1 stdcall foo(long word)", 1, 20,
                        "argument type 'word' belongs to 16-bit modules, which are not supported"),
                both("segptr argument", "1 stdcall foo(segptr)", 1, 15,
                        "argument type 'segptr' belongs to 16-bit modules, which are not supported"),
                both("s_word argument", "1 stub foo(s_word)", 1, 12,
                        "argument type 's_word' belongs to 16-bit modules, which are not supported"),
                both("segstr argument", "1 cdecl foo(segstr)", 1, 13,
                        "argument type 'segstr' belongs to 16-bit modules, which are not supported"),

                // apiset
                both("apiset", "apiset api-ms-win-core-foo-l1-1-0 = kernel32.dll", 1, 1,
                        "apiset definitions are not supported: they only make data-only modules (apiset schema),"
                                + " which this tool does not build"),
                both("apiset after entries", "1 stdcall a()\n  apiset ext-ms-win-foo-l1-1-0 = b.dll", 2, 3,
                        "apiset definitions are not supported"),
                both("lone apiset", "apiset", 1, 1, "apiset definitions are not supported"),

                // -arch
                both("unknown architecture", "1 stdcall -arch=bogus foo()", 1, 11,
                        "unknown architecture 'bogus' in -arch=bogus " + KNOWN_CPUS),
                both("unknown architecture after a known one", "1 stdcall -arch=x86_64,mips foo()", 1, 11,
                        "unknown architecture 'mips' in -arch=x86_64,mips"),
                both("unknown excluded architecture", "1 stdcall -private -arch=!sparc foo()", 1, 20,
                        "unknown architecture '!sparc' in -arch=!sparc"),
                both("'!win32' (win32 cannot be excluded)", "1 stdcall -arch=!win32 foo()", 1, 11,
                        "unknown architecture '!win32'"),
                both("architecture in upper case", "1 stdcall -arch=X86_64 foo()", 1, 11,
                        "unknown architecture 'X86_64'"),
                both("-arch without '='", "1 stdcall -arch foo()", 1, 11, "unknown flag '-arch'"),
                both("-i386 with a suffix", "1 stdcall -i386x foo()", 1, 11, "unknown flag '-i386x'"),
                both("-x86_64 is no flag", "1 stdcall -x86_64 foo()", 1, 11, "unknown flag '-x86_64'"),

                // an entry whose -arch excludes x86_64 is still parsed: its syntax errors count
                both("-ret16 on an entry for i386", "1 stdcall -arch=i386 -ret16 foo()", 1, 22,
                        "flag '-ret16' belongs to " + SIXTEEN_BIT),
                both("pascal for i386", "1 pascal -arch=i386 foo(word)", 1, 3,
                        "'pascal' entries belong to " + SIXTEEN_BIT),
                both("16-bit argument on an entry for i386", "1 stdcall -arch=i386 foo(word)", 1, 26,
                        "argument type 'word' belongs to 16-bit modules"),
                both("bad name on an entry for arm", "1 stdcall -arch=arm fo!o()", 1, 23,
                        "character '!' is not allowed in the exported name 'fo!o'"),
                both("missing argument list on an entry for win32", "1 stdcall -arch=win32 foo", 1, 26,
                        "declaration ends too early: expected an argument list '(...)' after 'foo'"),
                both("anonymous function without link name for arm", "@ stdcall -arch=arm @()", 1, 21,
                        "an anonymous function ('@') needs the name of the function that implements it"),
                both("garbage after an entry for i386", "1 stdcall -arch=i386 foo() impl extra", 1, 33,
                        "unexpected 'extra' after the end of the declaration"),
                both("thiscall error on an entry for i386", "1 thiscall -arch=i386 foo(long)", 1, 3,
                        "the first argument of a thiscall function must be 'ptr'"),
                both("unknown architecture on an entry for i386", "1 stdcall -arch=i386 -arch=m68k foo()", 1, 22,
                        "unknown architecture 'm68k'"),

                // entries kept for x86_64 are checked as usual
                both("ordinal 0 on an entry for x86_64", "0 stdcall -arch=x86_64 foo()", 1, 1,
                        "ordinal 0 is not valid"),
                both("ordinal 0 on an entry for all but i386", "0 stdcall -arch=!i386 foo()", 1, 1,
                        "ordinal 0 is not valid"),
                both("ordinal 0 kept by a second -arch", "0 stdcall -arch=i386 -arch=amd64 foo()", 1, 1,
                        "ordinal 0 is not valid"),
                both("ordinal 65535 on a win64 entry", "65535 stdcall -arch=win64 foo()", 1, 1,
                        "ordinal 65535 is too large"),
                both("-noname with '@' on an amd64 entry", "@ stdcall -arch=amd64 -noname foo()", 1, 1,
                        "an entry marked -noname needs an explicit ordinal number instead of '@'"),
                both("duplicate name among win64 entries", "1 stdcall -arch=win64 a()\n2 stdcall -arch=amd64 a()", 2,
                        1, "'a' is already defined at t.spec:1:1"),
                both("duplicate ordinal with an entry for i386,x86_64",
                        "4 stdcall -arch=i386 a()\n4 stdcall -arch=i386,x86_64 b()\n4 stdcall c()", 3, 1,
                        "ordinal 4 is already used at t.spec:2:1"),
                both("duplicate name after an entry excluded from i386",
                        "1 stdcall -arch=!i386 a()\n2 cdecl -i386 a()\n3 extern a", 3, 1,
                        "'a' is already defined at t.spec:1:1"),

                both("'@' with -noname after a continuation", "1 stdcall a()\n@ stdcall \\\n -noname b()", 2, 1,
                        "an entry marked -noname needs an explicit ordinal number", 3),
                both("bad argument on a continued line", "1 stdcall -noname \\\n foo(long bad)", 2, 11,
                        "unknown argument type 'bad'"),
                both("continued past the last line", "1 stdcall foo(long \\", 1, 21,
                        "declaration ends too early: expected ')' to close the argument list", 2),
                both("error after comments and blank lines", "# c\n\n; c\n1 stdcall foo(bad)", 4, 15,
                        "unknown argument type 'bad'"),
                both("no ordinal left for '@'", "65534 stdcall a()\n@ stdcall b()", 2, 1,
                        "too many entry points: no ordinal below 65535 is left for this one"),
                stricter("'\"' in link name", "1 stdcall foo() a\"b", 1, 17,
                        "character '\"' is not allowed in 'a\"b'"),
                both("'@' with -noname and a quoted link name", "@ stdcall -noname ??2@YAPAXI@Z(long) \"odd\"", 1, 38,
                        "character '\"' is not allowed in '\"odd\"'"),
                stricter("quoted link name", "5 stdcall -noname ??2@YAPAXI@Z(long) \"odd\"", 1, 38,
                        "character '\"' is not allowed in '\"odd\"'"),
                stricter("backslash in link name", "1 extern foo a\\\\b", 1, 14,
                        "character '\\' is not allowed in 'a\\b'"),
                stricter("link name read as a register", "1 stdcall foo() %rax", 1, 17,
                        "'%rax' is not a valid symbol name: it must not start with '%'"),
                stricter("bad link name on an entry for i386", "1 stdcall -arch=i386 foo() %rax", 1, 28,
                        "'%rax' is not a valid symbol name"),
                stricter("forward without DLL", "1 stdcall foo() .bar", 1, 17,
                        "forward '.bar' must be written DLL.FUNCTION or DLL.#ORDINAL"),
                stricter("forward without function", "1 extern foo bar.", 1, 14,
                        "forward 'bar.' must be written DLL.FUNCTION or DLL.#ORDINAL"));
    }
}
