package dev.winelib.spec;

import java.util.List;

/**
 * Invalid .def files with the exact place and problem {@link DefParser} must report. Shared by the unit test and by
 * the comparison with winebuild.
 *
 * @param what what is wrong
 * @param text the .def text
 * @param line expected line
 * @param column expected column
 * @param problem the expected message after the location
 * @param winebuildRejects whether winebuild 8 refuses the file too (on the same line); where it does not, DefParser
 *     is deliberately stricter
 */
record DefErrorCase(String what, String text, int line, int column, String problem, boolean winebuildRejects) {

    @Override
    public String toString() {
        return what;
    }

    private static DefErrorCase both(String what, String text, int line, int column, String problem) {
        return new DefErrorCase(what, text, line, column, problem, true);
    }

    private static DefErrorCase stricter(String what, String text, int line, int column, String problem) {
        return new DefErrorCase(what, text, line, column, problem, false);
    }

    static List<DefErrorCase> all() {
        return List.of(
                both("NONAME without ordinal", "EXPORTS\n  a NONAME", 2, 5,
                        "NONAME needs an ordinal: write NAME @N NONAME"),
                both("NONAME before the ordinal", "EXPORTS\n  a NONAME @3", 2, 5,
                        "NONAME needs an ordinal: write NAME @N NONAME"),
                both("garbage after an export", "EXPORTS\n a @1 junk", 2, 7,
                        "unexpected 'junk' at the end of the export (expected @ORDINAL, NONAME, PRIVATE or DATA)"),
                both("garbage after the keywords", "EXPORTS\n a @1 NONAME PRIVATE DATA x", 2, 27,
                        "unexpected 'x' at the end of the export (expected @ORDINAL, NONAME, PRIVATE or DATA)"),
                both("ordinal after a keyword", "EXPORTS\n a PRIVATE @1", 2, 12,
                        "unexpected '@1' at the end of the export (expected @ORDINAL, NONAME, PRIVATE or DATA)"),
                both("'=' after the ordinal", "EXPORTS\n a @1 =b", 2, 7,
                        "unexpected '=' at the end of the export (expected @ORDINAL, NONAME, PRIVATE or DATA)"),
                both("keyword in lower case", "EXPORTS\n a @1 noname", 2, 7,
                        "unexpected 'noname' at the end of the export (expected @ORDINAL, NONAME, PRIVATE or DATA)"),
                both("'#' is no comment", "EXPORTS\n a\n # b", 3, 4,
                        "unexpected 'b' at the end of the export (expected @ORDINAL, NONAME, PRIVATE or DATA)"),
                both("bad ordinal @x", "EXPORTS\n a @x", 2, 4, "expected a number after '@', found 'x'"),
                both("bad ordinal @1x", "EXPORTS\n a = b @1x", 2, 8, "expected a number after '@', found '1x'"),
                both("'@' alone", "EXPORTS\n a @ 5", 2, 4, "expected a number after '@', found ''"),
                both("ordinal 0", "EXPORTS\n a @0", 2, 4, "ordinal 0 is not valid: ordinals start at 1"),
                both("ordinal 000", "EXPORTS\n a @000 NONAME", 2, 4, "ordinal 0 is not valid: ordinals start at 1"),
                both("ordinal 70000", "EXPORTS\n a @70000", 2, 4,
                        "ordinal 70000 is too large (the highest ordinal is 65534)"),
                both("ordinal 65535", "EXPORTS\n\ta=b\t@65535", 2, 6,
                        "ordinal 65535 is too large (the highest ordinal is 65534)"),
                both("missing internal name", "EXPORTS\n a = ", 2, 5,
                        "line ends too early: expected the internal name after '='"),
                both("missing internal name before a comment", "EXPORTS\n a= ; c", 2, 8,
                        "line ends too early: expected the internal name after '='"),
                both("duplicate name", "EXPORTS\n a\n  a @2", 3, 3, "'a' is already defined at t.def:2:2"),
                both("duplicate name, one NONAME", "EXPORTS\n a @1 NONAME\nb\n a=c", 4, 2,
                        "'a' is already defined at t.def:2:2"),
                both("duplicate ordinal", "EXPORTS\n a @2\n b @2", 3, 2, "ordinal 2 is already used at t.def:2:2"),
                both("duplicate name over two EXPORTS sections", "EXPORTS a\nIMPORTS x\nEXPORTS a", 3, 9,
                        "'a' is already defined at t.def:1:9"),
                both("BASE without '='", "LIBRARY foo BASE 0x1", 1, 18, "expected '=' after BASE, found '0x1'"),
                both("BASE at the end of the line", "LIBRARY foo BASE", 1, 17,
                        "line ends too early: expected '=' after BASE"),
                both("BASE= without address", "NAME foo.exe BASE =", 1, 20,
                        "line ends too early: expected the base address after BASE="),
                both("junk after the library name", "LIBRARY foo bar", 1, 13,
                        "expected BASE=ADDRESS after the library name, found 'bar'"),
                both("junk after BASE", "LIBRARY foo BASE=0x10000000 junk", 1, 29,
                        "unexpected 'junk' at the end of the line"),
                both("bad STACKSIZE number", "STACKSIZE 12k", 1, 11, "'12k' is not a number"),
                both("bad STACKSIZE hexadecimal", "\n  STACKSIZE 0x", 2, 13, "'0x' is not a number"),
                both("bad HEAPSIZE octal", "HEAPSIZE 08", 1, 10, "'08' is not a number"),
                both("STACKSIZE without size", "STACKSIZE", 1, 10, "line ends too early: expected a size after"
                        + " STACKSIZE"),
                both("STACKSIZE with two sizes and no comma", "STACKSIZE 1 2", 1, 13,
                        "expected ',' after the size, found '2'"),
                both("HEAPSIZE without commit size", "HEAPSIZE 0x1000,", 1, 17,
                        "line ends too early: expected a commit size after ','"),
                both("junk after STACKSIZE", "STACKSIZE 4096,4096 x", 1, 21, "unexpected 'x' at the end of the line"),
                stricter("bad commit size", "HEAPSIZE 4096,4k", 1, 15, "'4k' is not a number"),
                stricter("negative STACKSIZE", "STACKSIZE -5", 1, 11, "'-5' is not a number"),
                stricter("non-ASCII in a name", "EXPORTS\n caf\u00e9", 2, 2,
                        "character '\\xe9' is not allowed in the exported name"),
                stricter("quote in a name", "EXPORTS\n a\"b", 2, 2,
                        "character '\"' is not allowed in the exported name"),
                stricter("internal name read as a register", "EXPORTS\n a=%rax", 2, 4,
                        "'%rax' is not a valid symbol name: it must not start with '%'"),
                stricter("forward without DLL", "EXPORTS\n a=.b", 2, 4,
                        "forward '.b' must be written DLL.FUNCTION or DLL.#ORDINAL"),
                stricter("forward without function", "EXPORTS\n a=k32. @1", 2, 4,
                        "forward 'k32.' must be written DLL.FUNCTION or DLL.#ORDINAL"));
    }
}
