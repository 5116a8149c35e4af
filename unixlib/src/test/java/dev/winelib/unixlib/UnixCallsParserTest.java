package dev.winelib.unixlib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnixCallsParserTest {

    @TempDir
    Path dir;

    private static UnixCallsDeclaration parse(String text) {
        return UnixCallsParser.parse("t.unixcalls", "t", text);
    }

    @Test
    void callsGetCodesInOrderWithMembersTypesAndDefaultFunctions() {
        UnixCallsDeclaration d = parse("""
                # a comment
                call first            # trailing comment
                    char *buffer
                    uint32 capacity
                    const wchar **names
                    double values[4]

                call second -unix=do_second
                call third
                \tint8_t small_value
                """);
        assertThat(d.calls()).extracting(UnixCall::name).containsExactly("first", "second", "third");
        assertThat(d.calls()).extracting(UnixCall::code).containsExactly(0, 1, 2);
        assertThat(d.calls()).extracting(UnixCall::unixFunction).containsExactly("unix_first", "do_second",
                "unix_third");
        assertThat(d.wow64()).isFalse();
        assertThat(d.calls()).allSatisfy(c -> assertThat(c.wow64Function()).isEmpty());
        UnixCall first = d.calls().get(0);
        assertThat(first.members()).extracting(ParamMember::cDeclaration).containsExactly("char *buffer",
                "uint32_t capacity", "const uint16_t **names", "double values[4]");
        assertThat(first.location().line()).isEqualTo(2);
        assertThat(first.members().get(2).location()).hasToString("t.unixcalls:5:5");
        assertThat(d.calls().get(1).hasParameters()).isFalse();
        assertThat(d.calls().get(2).members().get(0).type()).isEqualTo(ScalarType.INT8);
        assertThat(d.codeName(first)).isEqualTo("t_unix_first");
        assertThat(d.countName()).isEqualTo("t_unix_call_count");
        assertThat(d.headerFileName()).isEqualTo("t_unixcalls.h");
        assertThat(d.exportedSymbols()).containsExactly("__wine_unix_call_funcs");
    }

    @Test
    void pointerStarsMayTouchTheTypeOrTheName() {
        UnixCallsDeclaration d = parse("call c\n char* a\n char *b\n char * c\n char*d\n void ** e\n");
        assertThat(d.calls().get(0).members()).extracting(ParamMember::cDeclaration)
                .containsExactly("char *a", "char *b", "char *c", "char *d", "void **e");
    }

    @Test
    void everyTypeHasItsCSpelling() {
        UnixCallsDeclaration d = parse("""
                call c
                  int8 a
                  uint8 b
                  int16 c
                  uint16 d
                  int32 e
                  uint32 f
                  int64 g
                  uint64 h
                  float i
                  double j
                  char k
                  wchar l
                  void *m
                  uint64_t n
                  int32_t o
                """);
        assertThat(d.calls().get(0).members()).extracting(m -> m.type().cType()).containsExactly("int8_t", "uint8_t",
                "int16_t", "uint16_t", "int32_t", "uint32_t", "int64_t", "uint64_t", "float", "double", "char",
                "uint16_t", "void", "uint64_t", "int32_t");
    }

    @Test
    void layoutsFollowNaturalAlignmentIn64And32Bits() {
        UnixCall c = parse("""
                call c
                  char a
                  char *p
                  int32 i
                  double d
                  uint16 w[3]
                """).calls().get(0);
        assertThat(c.layout64().offsets()).containsExactly(0, 8, 16, 24, 32);
        assertThat(c.layout64().size()).isEqualTo(40);
        assertThat(c.layout32().offsets()).containsExactly(0, 4, 8, 16, 24);
        assertThat(c.layout32().size()).isEqualTo(32);
    }

    @Test
    void wow64GivesPointerCallsTheirOwnFunctionAndKeepsOthersOnTheSameOne() {
        UnixCallsDeclaration d = parse("""
                wow64
                call with_pointer
                  char *p
                call plain
                  int32 x
                call chosen -wow64=my32 -unix=my64
                  int64 y
                """);
        assertThat(d.wow64()).isTrue();
        assertThat(d.calls()).extracting(UnixCall::wow64Function).containsExactly(Optional.of("wow64_with_pointer"),
                Optional.empty(), Optional.of("my32"));
        assertThat(d.exportedSymbols()).containsExactly("__wine_unix_call_funcs", "__wine_unix_call_wow64_funcs");
    }

    @Test
    void aByteOrderMarkIsSkipped() {
        assertThat(parse("\uFEFFcall a\n").calls()).hasSize(1);
    }

    @Test
    void crlfLineEndsAreAccepted() {
        assertThat(parse("call a\r\n  int32 x\r\n").calls().get(0).members()).hasSize(1);
    }

    @Test
    void theFileNameGivesThePrefix() throws Exception {
        Path file = dir.resolve("my-lib.2.unixcalls");
        Files.writeString(file, "call a\n", StandardCharsets.UTF_8);
        UnixCallsDeclaration d = UnixCallsParser.parse(file);
        assertThat(d.prefix()).isEqualTo("my_lib_2");
        assertThat(UnixCallsParser.prefixOf(Path.of("9lives.unixcalls"))).isEqualTo("_9lives");
    }

    @Test
    void aFileThatIsNotUtf8IsRefused() throws Exception {
        Path file = dir.resolve("bad.unixcalls");
        Files.write(file, new byte[] {'c', 'a', 'l', 'l', ' ', (byte) 0xff, '\n'});
        assertThatThrownBy(() -> UnixCallsParser.parse(file)).isInstanceOf(UnixCallsException.class)
                .hasMessage(file + ": is not UTF-8 text");
    }

    @Test
    void anEmptyDeclarationIsRefused() {
        assertThatThrownBy(() -> parse("# nothing\n\n")).isInstanceOf(UnixCallsException.class)
                .hasMessageStartingWith("t.unixcalls: declares no call");
    }

    /** Each bad input: the text, the expected location and a fragment of the message. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            member before call            | uint32 x                                  | 1:1  | comes before any call
            unknown first word            | call a\\nfoo x                            | 2:1  | unknown keyword or type 'foo'
            long                          | call a\\n  long x                         | 2:3  | 'long' is 32 bits in the PE half
            unsigned                      | call a\\n  unsigned x                     | 2:3  | give the width
            size_t                        | call a\\n  size_t n                       | 2:3  | pointer-sized
            wchar_t                       | call a\\n  wchar_t *s                     | 2:3  | use wchar
            bool                          | call a\\n  bool b                         | 2:3  | use uint8 or int32
            struct member                 | call a\\n  struct foo *p                  | 2:3  | declare the members one by one
            DWORD                         | call a\\n  DWORD d                        | 2:3  | use uint32
            unknown type after const      | call a\\n  const foo *p                   | 2:9  | unknown type 'foo'
            const without pointer         | call a\\n  const int32 x                  | 2:3  | only allowed on a pointer's target
            void without pointer          | call a\\n  void v                         | 2:3  | only allowed as a pointer target
            missing member name           | call a\\n  int32                          | 2:3  | expected a member name after 'int32'
            missing member name after *   | call a\\n  char *                         | 2:8  | expected a member name after '*'
            keyword as member name        | call a\\n  int32 int                      | 2:9  | C or C++ keyword
            C++ keyword as member name    | call a\\n  int32 class                    | 2:9  | C or C++ keyword
            type name as member name      | call a\\n  int32 uint32                   | 2:9  | is a type name
            reserved member name          | call a\\n  int32 __x                      | 2:9  | reserved for the compiler
            reserved capital underscore   | call a\\n  int32 _X                       | 2:9  | reserved for the compiler
            generated prefix              | call a\\n  int32 winelib_unixlib_x        | 2:9  | the generated code's own
            windows macro                 | call a\\n  char small                     | 2:8  | define it as a macro
            duplicate member              | call a\\n  int32 x\\n  int64 x            | 3:9  | member 'x' is declared twice in call 'a' (first at line 2)
            array without length          | call a\\n  int32 x[]                      | 2:11 | needs its length
            array without bracket         | call a\\n  int32 x[4                      | 2:11 | expected ']'
            array length zero             | call a\\n  int32 x[0]                     | 2:11 | outside 1..65536
            array too long                | call a\\n  int32 x[65537]                 | 2:11 | outside 1..65536
            array leading zero            | call a\\n  int32 x[08]                    | 2:11 | without leading zeros
            trailing token                | call a\\n  int32 x y                      | 2:11 | unexpected 'y' after member 'x'
            semicolon                     | call a\\n  int32 x;                       | 2:10 | not terminated with ';'
            strange character             | call a\\n  int32 x = 3                    | 2:11 | unexpected character '='
            number-like name              | call a\\n  int32 4x                       | 2:9  | neither a number nor a name
            call without name             | call                                      | 1:1  | 'call' needs the call's name
            call name not a word          | call *                                    | 1:6  | needs the call's name, not '*'
            duplicate call                | call a\\ncall a                           | 2:6  | call 'a' is declared twice (first at line 1)
            call name keyword             | call for                                  | 1:6  | C or C++ keyword
            unknown option                | call a -fast                              | 1:8  | unknown option '-fast'
            option without value          | call a -unix                              | 1:8  | '-unix' needs a function name
            option with empty value       | call a -unix=                             | 1:8  | '-unix' needs a function name
            option with bad function      | call a -unix=3x                           | 1:8  | cannot name a function
            option twice                  | call a -unix=f -unix=g                    | 1:16 | '-unix' is given twice
            wow64 option without wow64    | call a -wow64=f                           | 1:8  | put a 'wow64' line before the first call
            word after call name          | call a b                                  | 1:8  | unexpected 'b' after call 'a'
            wow64 after a call            | call a\\nwow64                            | 2:1  | must come before the first call (line 1)
            wow64 twice                   | wow64\\nwow64                             | 2:1  | given twice (first at line 1)
            wow64 with a value            | wow64 yes                                 | 1:7  | takes no value
            same unix function twice      | call a -unix=f\\ncall b -unix=f           | 2:8  | both for the Unix function of call 'a' and for the Unix function of call 'b'
            call named like a code        | call x\\ncall t_unix_x                    | 2:6  | t_unix_x
            call named like the count     | call t_unix_call_count                    | 1:6  | the number of calls
            line starting with a number   | 5 call a                                  | 1:1  | not '5'
            """)
    void badInputNamesFileLineAndColumn(String title, String text, String location, String message) {
        String input = text.replace("\\n", "\n");
        assertThatThrownBy(() -> parse(input), title).isInstanceOf(UnixCallsException.class)
                .hasMessageStartingWith("t.unixcalls:" + location + ": ").hasMessageContaining(message);
    }

    @Test
    void tooManyMembersAreRefused() {
        StringBuilder b = new StringBuilder("call big\n");
        for (int i = 0; i <= UnixCallsParser.MAX_MEMBERS; i++) {
            b.append("  int32 m").append(i).append('\n');
        }
        assertThatThrownBy(() -> parse(b.toString())).isInstanceOf(UnixCallsException.class)
                .hasMessageStartingWith("t.unixcalls:" + (UnixCallsParser.MAX_MEMBERS + 2) + ":9: ")
                .hasMessageContaining("more than 1024 members");
    }

    @Test
    void membersDescribeThemselvesForComments() {
        List<ParamMember> members = parse("call a\n const char **names[2]\n").calls().get(0).members();
        assertThat(members.get(0).declared()).isEqualTo("const char **names[2]");
        assertThat(members.get(0).cDeclaration32()).isEqualTo("uint32_t names[2]");
    }
}
