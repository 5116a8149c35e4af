package dev.winelib.spec;

import static dev.winelib.spec.Specs.SOURCE;
import static dev.winelib.spec.Specs.named;
import static dev.winelib.spec.Specs.parse;
import static dev.winelib.spec.Specs.single;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The forms of a declaration {@link SpecParser} accepts, and what it makes of them. */
class SpecParserSyntaxTest {

    @Nested
    class Ordinals {

        @Test
        void numberOrdinalIsKeptAndMarkedExplicit() {
            ExportEntry e = single("42 stdcall foo()");
            assertThat(e.ordinal()).isEqualTo(42);
            assertThat(e.explicitOrdinal()).isTrue();
        }

        @Test
        void atOrdinalIsAssignedAndMarkedImplicit() {
            ExportEntry e = single("@ stdcall foo()");
            assertThat(e.ordinal()).isEqualTo(1);
            assertThat(e.explicitOrdinal()).isFalse();
        }

        @ParameterizedTest
        @CsvSource({"007,7", "0000001,1", "00000000000065534,65534", "65534,65534", "1,1"})
        void leadingZerosAreAllowedAsInWinebuild(String written, int ordinal) {
            assertThat(single(written + " stdcall foo()").ordinal()).isEqualTo(ordinal);
        }
    }

    @Nested
    class Functions {

        @ParameterizedTest
        @CsvSource({"stdcall,STDCALL,true", "cdecl,CDECL,true", "varargs,VARARGS,false"})
        void functionTypes(String keyword, EntryType type, boolean relayed) {
            ExportEntry e = single("1 " + keyword + " foo(long ptr)");
            assertThat(e.type()).isEqualTo(type);
            assertThat(e.type().isFunction()).isTrue();
            assertThat(e.declaredName()).contains("foo");
            assertThat(e.exportedName()).contains("foo");
            assertThat(e.args()).containsExactly(ArgType.LONG, ArgType.PTR);
            assertThat(e.argumentList()).isTrue();
            assertThat(e.target()).isEqualTo("foo");
            assertThat(e.forward()).isFalse();
            // winebuild marks every varargs entry -norelay: the relay tracer cannot forward a variable argument list
            assertThat(e.flags()).isEqualTo(relayed ? Set.of() : Set.of(ExportFlag.NORELAY));
            assertThat(e.isRelayed()).isEqualTo(relayed);
            assertThat(e.location()).isEqualTo(new SourceLocation(SOURCE, 1, 1));
        }

        @Test
        void varargsKeepsItsOtherFlags() {
            ExportEntry e = single("1 varargs -private -norelay -noname foo(str) impl");
            assertThat(e.flags()).containsExactlyInAnyOrder(ExportFlag.PRIVATE, ExportFlag.NORELAY, ExportFlag.NONAME);
            assertThat(e.target()).isEqualTo("impl");
        }

        @Test
        void everyArgumentType() {
            ExportEntry e = single("1 stdcall foo(long ptr str wstr int64 int128 float double)");
            assertThat(e.args()).containsExactly(ArgType.LONG, ArgType.PTR, ArgType.STR, ArgType.WSTR,
                    ArgType.INT64, ArgType.INT128, ArgType.FLOAT, ArgType.DOUBLE);
        }

        @Test
        void emptyArgumentList() {
            assertThat(single("1 cdecl foo()").args()).isEmpty();
        }

        @Test
        void thirtyOneArgumentsAreTheMaximum() {
            assertThat(SpecParser.MAX_ARGUMENTS).isEqualTo(31);
            ExportEntry e = single("1 stdcall foo(" + "ptr ".repeat(SpecParser.MAX_ARGUMENTS) + ")");
            assertThat(e.args()).hasSize(31).containsOnly(ArgType.PTR);
            assertThat(single("1 stub foo(" + "double ".repeat(31) + ")").args()).hasSize(31);
        }

        @Test
        void linkNameBecomesTheTarget() {
            ExportEntry e = single("1 stdcall foo(long) impl_foo");
            assertThat(e.declaredName()).contains("foo");
            assertThat(e.target()).isEqualTo("impl_foo");
            assertThat(e.forward()).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "1 stdcall foo (long ptr) impl",
            "1 stdcall foo( long ptr )impl",
            "1 stdcall foo(long ptr)impl",
            "1\tstdcall\tfoo\t(\tlong\tptr\t)\timpl\t",
            "   1   stdcall   foo(long   ptr)   impl   ",
            "1 stdcall foo(long ptr) impl\r",
            "1 stdcall foo(long ptr) impl\f",
        })
        void parenthesesAreTokensOfTheirOwnAndWhitespaceIsFree(String line) {
            ExportEntry e = single(line);
            assertThat(e.declaredName()).contains("foo");
            assertThat(e.args()).containsExactly(ArgType.LONG, ArgType.PTR);
            assertThat(e.target()).isEqualTo("impl");
        }

        @Test
        void symbolTargetMayHoldCharactersThatNamesMayNot() {
            // A '#' inside a token is no comment; the link name is any printable text.
            ExportEntry e = single("1 stdcall foo() impl#x!{}");
            assertThat(e.target()).isEqualTo("impl#x!{}");
            assertThat(e.forward()).isFalse();
        }

        @Test
        void backslashEscapesTheNextCharacter() {
            assertThat(single("1 stdcall foo() im\\pl").target()).isEqualTo("impl");
        }

        @Test
        void anonymousFunctionWithExplicitOrdinalAndLinkName() {
            ExportEntry e = single("12 stdcall @(ptr) impl_12");
            assertThat(e.declaredName()).isEmpty();
            assertThat(e.exportedName()).isEmpty();
            assertThat(e.ordinal()).isEqualTo(12);
            assertThat(e.target()).isEqualTo("impl_12");
        }
    }

    @Nested
    class Externs {

        @Test
        void externWithoutSymbolExportsTheVariableOfTheSameName() {
            ExportEntry e = single("1 extern foo");
            assertThat(e.type()).isEqualTo(EntryType.EXTERN);
            assertThat(e.type().isFunction()).isFalse();
            assertThat(e.args()).isEmpty();
            assertThat(e.target()).isEqualTo("foo");
            assertThat(e.forward()).isFalse();
        }

        @Test
        void externWithSymbol() {
            ExportEntry e = single("1 extern foo real_foo");
            assertThat(e.declaredName()).contains("foo");
            assertThat(e.target()).isEqualTo("real_foo");
        }

        @Test
        void anonymousExtern() {
            ExportEntry e = single("3 extern @ some_var");
            assertThat(e.declaredName()).isEmpty();
            assertThat(e.target()).isEqualTo("some_var");
        }
    }

    @Nested
    class Stubs {

        @Test
        void stubWithoutArguments() {
            ExportEntry e = single("1 stub foo");
            assertThat(e.type()).isEqualTo(EntryType.STUB);
            assertThat(e.type().isFunction()).isFalse();
            assertThat(e.args()).isEmpty();
            assertThat(e.argumentList()).isFalse();
            assertThat(e.isRelayed()).isFalse();
            assertThat(e.target()).isEmpty();
            assertThat(e.forward()).isFalse();
            assertThat(e.exportedName()).contains("foo");
        }

        @Test
        void stubWithArguments() {
            ExportEntry e = single("1 stub foo(long ptr)");
            assertThat(e.args()).containsExactly(ArgType.LONG, ArgType.PTR);
            assertThat(e.argumentList()).isTrue();
            assertThat(e.isRelayed()).isTrue();
            assertThat(e.target()).isEmpty();
        }

        @Test
        void stubWithEmptyArgumentList() {
            ExportEntry e = single("1 stub foo()");
            assertThat(e.args()).isEmpty();
            // an empty list is still a list: winebuild gives the stub a relay thunk
            assertThat(e.argumentList()).isTrue();
            assertThat(e.isRelayed()).isTrue();
        }

        @Test
        void stubWithArgumentsMarkedNorelay() {
            ExportEntry e = single("1 stub -norelay foo(long)");
            assertThat(e.argumentList()).isTrue();
            assertThat(e.isRelayed()).isFalse();
        }

        @Test
        void anonymousStub() {
            ExportEntry e = single("9 stub @");
            assertThat(e.declaredName()).isEmpty();
            assertThat(e.ordinal()).isEqualTo(9);
        }
    }

    @Nested
    class Flags {

        @ParameterizedTest
        @CsvSource({"private,PRIVATE", "noname,NONAME", "ordinal,ORDINAL", "norelay,NORELAY", "ret64,RET64",
            "syscall,SYSCALL", "import,IMPORT"})
        void eachFlagIsKept(String keyword, ExportFlag flag) {
            ExportEntry e = single("5 stdcall -" + keyword + " foo()");
            assertThat(e.flags()).containsExactly(flag);
            assertThat(e.hasFlag(flag)).isTrue();
            assertThat(e.declaredName()).contains("foo");
            assertThat(e.type()).isEqualTo(EntryType.STDCALL);
        }

        @ParameterizedTest
        @ValueSource(strings = {"thiscall", "fastcall"})
        void callingConventionFlagsOnlyMatterOnI386AndAreDropped(String keyword) {
            ExportEntry e = single("5 stdcall -" + keyword + " foo(ptr)");
            assertThat(e.flags()).isEmpty();
            assertThat(e.type()).isEqualTo(EntryType.STDCALL);
            assertThat(e.args()).containsExactly(ArgType.PTR);
            assertThat(e.isRelayed()).isTrue();
        }

        @Test
        void severalFlagsOnAnyType() {
            ModuleSpec spec = parse("""
                    1 stdcall -private -norelay a()
                    2 cdecl -noname -ordinal b()
                    3 extern -private c
                    4 stub -noname -private -norelay -ordinal -ret64 -thiscall -fastcall -syscall -import d
                    5 varargs -norelay -norelay e(str)
                    6 cdecl -ret64 -syscall -import -private f(int64)
                    7 extern -import -thiscall -fastcall -syscall g
                    """);
            assertThat(named(spec, "a").flags()).containsExactlyInAnyOrder(ExportFlag.PRIVATE, ExportFlag.NORELAY);
            assertThat(named(spec, "b").flags()).containsExactlyInAnyOrder(ExportFlag.NONAME, ExportFlag.ORDINAL);
            assertThat(named(spec, "c").flags()).containsExactly(ExportFlag.PRIVATE);
            assertThat(named(spec, "d").flags()).containsExactlyInAnyOrder(ExportFlag.NONAME, ExportFlag.PRIVATE,
                    ExportFlag.NORELAY, ExportFlag.ORDINAL, ExportFlag.RET64, ExportFlag.SYSCALL, ExportFlag.IMPORT);
            assertThat(named(spec, "e").flags()).containsExactly(ExportFlag.NORELAY);
            assertThat(named(spec, "e").hasFlag(ExportFlag.PRIVATE)).isFalse();
            assertThat(named(spec, "f").flags()).containsExactlyInAnyOrder(ExportFlag.RET64, ExportFlag.SYSCALL,
                    ExportFlag.IMPORT, ExportFlag.PRIVATE);
            assertThat(named(spec, "g").flags()).containsExactlyInAnyOrder(ExportFlag.IMPORT, ExportFlag.SYSCALL);
        }

        @Test
        void importFlagIsKeptOnFunctionsAndVariables() {
            ModuleSpec spec = parse("1 stdcall -import GetTickCount()\n2 extern -import -private var\n");
            ExportEntry f = named(spec, "GetTickCount");
            assertThat(f.flags()).containsExactly(ExportFlag.IMPORT);
            assertThat(f.target()).isEqualTo("GetTickCount");
            assertThat(f.forward()).isFalse();
            assertThat(f.isRelayed()).isTrue();
            assertThat(named(spec, "var").flags()).containsExactlyInAnyOrder(ExportFlag.IMPORT, ExportFlag.PRIVATE);
        }

        @Test
        void syscallIsKeptOnStdcallAndCdecl() {
            ModuleSpec spec = parse("1 stdcall -syscall NtA(ptr)\n2 cdecl -syscall NtB()\n3 stub -syscall NtC\n");
            assertThat(spec.entries()).allSatisfy(e -> assertThat(e.flags()).containsExactly(ExportFlag.SYSCALL));
            assertThat(named(spec, "NtA").isRelayed()).isTrue();
            assertThat(named(spec, "NtC").isRelayed()).isFalse();
        }

        @Test
        void nonameRemovesTheNameFromTheExportTableButKeepsTheDeclaredName() {
            ModuleSpec spec = parse("""
                    1 stdcall -noname hidden()
                    2 stdcall -ordinal byord()
                    3 stdcall -private priv()
                    4 stdcall @() anon
                    """);
            ExportEntry hidden = named(spec, "hidden");
            assertThat(hidden.declaredName()).contains("hidden");
            assertThat(hidden.exportedName()).isEmpty();
            assertThat(named(spec, "byord").exportedName()).contains("byord");
            assertThat(named(spec, "priv").exportedName()).contains("priv");
            assertThat(spec.namedEntries()).extracting(e -> e.exportedName().orElseThrow())
                    .containsExactly("byord", "priv");
        }
    }

    @Nested
    class ThiscallAndFastcall {

        @Test
        void thiscallTypeIsStdcallWithAPointerFirst() {
            ExportEntry e = single("3 thiscall Method(ptr long) impl_method");
            assertThat(e.type()).isEqualTo(EntryType.STDCALL);
            assertThat(e.flags()).isEmpty();
            assertThat(e.args()).containsExactly(ArgType.PTR, ArgType.LONG);
            assertThat(e.argumentList()).isTrue();
            assertThat(e.target()).isEqualTo("impl_method");
            assertThat(e.declaredName()).contains("Method");
            assertThat(e.isRelayed()).isTrue();
        }

        @Test
        void thiscallTypeTakesFlagsAndForwards() {
            ModuleSpec spec = parse("""
                    @ thiscall -norelay a(ptr)
                    5 thiscall -noname -private b(ptr ptr)
                    6 thiscall c(ptr) msvcrt.c
                    7 thiscall -thiscall @(ptr) d_impl
                    """);
            assertThat(named(spec, "a").flags()).containsExactly(ExportFlag.NORELAY);
            assertThat(named(spec, "a").ordinal()).isEqualTo(8);
            assertThat(named(spec, "b").flags()).containsExactlyInAnyOrder(ExportFlag.NONAME, ExportFlag.PRIVATE);
            assertThat(named(spec, "c").forward()).isTrue();
            assertThat(named(spec, "c").isRelayed()).isFalse();
            ExportEntry anonymous = spec.entries().get(3);
            assertThat(anonymous.declaredName()).isEmpty();
            assertThat(anonymous.target()).isEqualTo("d_impl");
            assertThat(spec.entries()).extracting(ExportEntry::type).containsOnly(EntryType.STDCALL);
        }

        @Test
        void thiscallFlagOnStdcall() {
            ExportEntry e = single("1 stdcall -thiscall -private foo(ptr str)");
            assertThat(e.flags()).containsExactly(ExportFlag.PRIVATE);
            assertThat(e.args()).containsExactly(ArgType.PTR, ArgType.STR);
        }

        @Test
        void conventionFlagsOnEntriesWithoutArgumentListAreNotChecked() {
            // winebuild checks the convention only where it reads an argument list
            ModuleSpec spec = parse("1 stub -thiscall -fastcall a\n2 extern -thiscall -fastcall b\n");
            assertThat(spec.entries()).allSatisfy(e -> assertThat(e.flags()).isEmpty());
            assertThat(spec.entries()).extracting(ExportEntry::type).containsExactly(EntryType.STUB, EntryType.EXTERN);
        }

        @ParameterizedTest(name = "fastcall ({0}) relayed: {1}")
        @CsvSource(delimiter = '|', value = {
            "|true",
            "ptr|true",
            "long|true",
            "long ptr|true",
            "ptr long double str|true",
            "double|false",
            "ptr str|false",
            "int64 long|false",
            "long float|false",
            "wstr|false",
        })
        void fastcallWithNonIntegerRegisterArgumentsIsNotRelayed(String args, boolean relayed) {
            // winebuild marks these -norelay even when fastcall means nothing, as on x86_64
            ExportEntry e = single("1 stdcall -fastcall foo(" + (args == null ? "" : args) + ")");
            assertThat(e.flags()).isEqualTo(relayed ? Set.of() : Set.of(ExportFlag.NORELAY));
            assertThat(e.isRelayed()).isEqualTo(relayed);
        }
    }

    @Nested
    class Relay {

        @ParameterizedTest(name = "{0}: argument list {1}, relayed {2}")
        @CsvSource(delimiter = '|', value = {
            "1 stdcall foo()|true|true",
            "1 cdecl foo(long)|true|true",
            "1 thiscall foo(ptr)|true|true",
            "1 varargs foo(str)|true|false",
            "1 stdcall -norelay foo()|true|false",
            "1 cdecl -norelay foo(ptr) impl|true|false",
            "1 stdcall foo() kernel32.Sleep|true|false",
            "1 cdecl foo() ntdll.#3|true|false",
            "1 stdcall -import foo()|true|true",
            "1 cdecl -syscall foo()|true|true",
            "1 stdcall -ret64 -private -noname foo(int64)|true|true",
            "1 stdcall foo() impl|true|true",
            "1 stub foo|false|false",
            "1 stub foo()|true|true",
            "1 stub foo(ptr double)|true|true",
            "1 stub -norelay foo(ptr)|true|false",
            "1 stub -ret64 -import foo(ptr)|true|true",
            "1 extern foo|false|false",
            "1 extern foo bar|false|false",
            "1 extern foo msvcrt.bar|false|false",
        })
        void relayThunks(String line, boolean argumentList, boolean relayed) {
            ExportEntry e = single(line);
            assertThat(e.argumentList()).isEqualTo(argumentList);
            assertThat(e.isRelayed()).isEqualTo(relayed);
        }
    }

    @Nested
    class Architectures {

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.winelib.spec.ArchCase#all")
        void entryIsKeptExactlyWhenItsArchitecturesIncludeX8664(ArchCase c) {
            ModuleSpec spec = parse("1 stdcall " + c.flags() + " a(ptr)\n2 stdcall b()\n");
            assertThat(spec.entries()).extracting(e -> e.declaredName().orElseThrow())
                    .containsExactlyElementsOf(c.kept() ? List.of("a", "b") : List.of("b"));
            if (c.kept()) {
                ExportEntry a = named(spec, "a");
                assertThat(a.flags()).isEmpty();
                assertThat(a.args()).containsExactly(ArgType.PTR);
                assertThat(a.ordinal()).isEqualTo(1);
            }
            assertThat(spec.base()).isEqualTo(c.kept() ? 1 : 2);
        }

        @Test
        void archFlagsMixWithOtherFlagsInAnyOrder() {
            ModuleSpec spec = parse("""
                    1 stdcall -noname -arch=win64 -private a()
                    2 cdecl -arch=x86_64 -norelay -arch=arm64 b()
                    3 extern -private -arch=win32 c
                    4 stub -arch=!i386 -ordinal d
                    5 thiscall -i386 e(ptr)
                    """);
            assertThat(spec.entries()).extracting(e -> e.declaredName().orElseThrow()).containsExactly("a", "b", "d");
            assertThat(named(spec, "a").flags()).containsExactlyInAnyOrder(ExportFlag.NONAME, ExportFlag.PRIVATE);
            assertThat(named(spec, "b").flags()).containsExactly(ExportFlag.NORELAY);
            assertThat(named(spec, "d").flags()).containsExactly(ExportFlag.ORDINAL);
            assertThat(spec.limit()).isEqualTo(4);
        }

        @Test
        void droppedEntryMayHaveOrdinalZeroOrOneTooLarge() {
            ModuleSpec spec = parse("0 stdcall -arch=i386 a()\n65535 cdecl -arch=arm b()\n00 stub -i386 c\n"
                    + "7 stdcall d()\n");
            assertThat(spec.entries()).singleElement().satisfies(e -> {
                assertThat(e.declaredName()).contains("d");
                assertThat(e.ordinal()).isEqualTo(7);
            });
            assertThat(spec.base()).isEqualTo(7);
            assertThat(spec.limit()).isEqualTo(7);
        }

        @Test
        void droppedEntryMayRepeatANameOrAnOrdinal() {
            ModuleSpec spec = parse("""
                    1 stdcall a()
                    2 stdcall -arch=win32 a()
                    1 stdcall -arch=arm64 b()
                    2 stdcall b()
                    2 cdecl -arch=!x86_64 c()
                    @ stdcall -arch=i386 b()
                    """);
            assertThat(spec.entries()).extracting(e -> e.declaredName().orElseThrow() + "@" + e.ordinal())
                    .containsExactly("a@1", "b@2");
        }

        @Test
        void droppedEntryNeedsNoOrdinalForNonameOrAnonymity() {
            ModuleSpec spec = parse("@ stdcall -arch=i386 -noname a()\n@ cdecl -arch=arm -ordinal b()\n"
                    + "@ stdcall -arch=win32 @() impl\n@ stub -i386 @\n@ stdcall c()\n");
            assertThat(spec.entries()).singleElement().satisfies(e -> {
                assertThat(e.declaredName()).contains("c");
                assertThat(e.ordinal()).isEqualTo(1);
            });
        }

        @Test
        void exclusionsOfSeveralArchFlagsAddUp() {
            // as in winebuild: -arch=!x86_64 -arch=!i386 means "all but x86_64 and i386"
            assertThat(parse("1 stdcall -arch=!x86_64 -arch=!i386 a()").entries()).isEmpty();
            assertThat(parse("1 stdcall -arch=!arm -arch=!i386 a()").entries()).hasSize(1);
            assertThat(parse("1 stdcall -arch=!x86_64 -arch=x86_64 a()").entries()).hasSize(1);
        }

        @Test
        void onlyDroppedEntriesLeaveAnEmptyModule() {
            ModuleSpec spec = parse("1 stdcall -arch=i386 a()\n2 stdcall -arch=arm64 b()\n");
            assertThat(spec.entries()).isEmpty();
            assertThat(spec.base()).isEqualTo(1);
            assertThat(spec.limit()).isEqualTo(1);
            assertThat(spec.exportSlotCount()).isEqualTo(1);
        }
    }

    @Nested
    class Forwards {

        @Test
        void forwardToFunction() {
            ExportEntry e = single("1 stdcall GetTickCount() kernel32.GetTickCount");
            assertThat(e.forward()).isTrue();
            assertThat(e.target()).isEqualTo("kernel32.GetTickCount");
            assertThat(e.declaredName()).contains("GetTickCount");
        }

        @Test
        void forwardToOrdinal() {
            ExportEntry e = single("1 cdecl foo(long) ntdll.#12");
            assertThat(e.forward()).isTrue();
            assertThat(e.target()).isEqualTo("ntdll.#12");
        }

        @Test
        void externForward() {
            ExportEntry e = single("1 extern foo msvcrt.foo");
            assertThat(e.forward()).isTrue();
            assertThat(e.target()).isEqualTo("msvcrt.foo");
        }

        @Test
        void anonymousForward() {
            ExportEntry e = single("7 stdcall -noname @() user32.MessageBoxA");
            assertThat(e.forward()).isTrue();
            assertThat(e.declaredName()).isEmpty();
        }
    }

    @Nested
    class CommentsBlankLinesAndContinuations {

        @Test
        void commentsAndBlankLinesAreIgnoredButCountedForLocations() {
            ModuleSpec spec = parse("""
                    # a comment
                    ; another comment

                    \t \t
                    1 stdcall a() # trailing comment
                      # indented comment
                    2 stdcall b() ;trailing comment
                    3 stdcall c(long)#comment right after ')'
                    """);
            assertThat(spec.entries()).extracting(e -> e.declaredName().orElseThrow()).containsExactly("a", "b", "c");
            assertThat(spec.entries()).extracting(e -> e.location().line()).containsExactly(5, 7, 8);
            assertThat(named(spec, "c").args()).containsExactly(ArgType.LONG);
            assertThat(named(spec, "c").target()).isEqualTo("c");
        }

        @Test
        void commentInsideArgumentListEndsTheDeclaration() {
            SpecException e = Specs.error("1 stdcall foo(long # ptr)");
            assertThat(e.location()).isEqualTo(new SourceLocation(SOURCE, 1, 26));
            assertThat(e.problem()).isEqualTo("declaration ends too early: expected ')' to close the argument list");
        }

        @Test
        void windowsLineEndings() {
            ModuleSpec spec = parse("1 stdcall a()\r\n\r\n3 stdcall b(ptr) impl\r\n");
            assertThat(spec.entries()).extracting(e -> e.location().line()).containsExactly(1, 3);
            assertThat(named(spec, "b").target()).isEqualTo("impl");
        }

        @Test
        void lastLineWithoutNewline() {
            assertThat(parse("1 stdcall a()\n2 stdcall b()").entries()).hasSize(2);
        }

        @Test
        void backslashAtEndOfLineContinuesTheDeclaration() {
            ModuleSpec spec = parse("""
                    1 stdcall \\
                        foo(long \\
                            ptr) \\
                        impl
                    5 stdcall bar()
                    """);
            ExportEntry foo = named(spec, "foo");
            assertThat(foo.args()).containsExactly(ArgType.LONG, ArgType.PTR);
            assertThat(foo.target()).isEqualTo("impl");
            assertThat(foo.location()).isEqualTo(new SourceLocation(SOURCE, 1, 1));
            assertThat(named(spec, "bar").location()).isEqualTo(new SourceLocation(SOURCE, 5, 1));
        }

        @Test
        void continuationWithTrailingWhitespaceBeforeTheBackslash() {
            ExportEntry e = single("1 stdcall foo(long   \\\n\tptr)");
            assertThat(e.args()).containsExactly(ArgType.LONG, ArgType.PTR);
        }

        @Test
        void continuationOverEmptyLines() {
            ExportEntry e = single("1 stdcall foo(long \\\n\\\nptr)");
            assertThat(e.args()).containsExactly(ArgType.LONG, ArgType.PTR);
        }

        @Test
        void backslashOnTheLastLineEndsTheDeclaration() {
            ExportEntry e = single("1 stdcall foo(long) \\");
            assertThat(e.args()).containsExactly(ArgType.LONG);
            assertThat(e.target()).isEqualTo("foo");
        }

        @Test
        void lineOfOnlyABackslashIsEmpty() {
            assertThat(parse("\\\n1 stdcall a()\n").entries()).singleElement()
                    .extracting(e -> e.location().line()).isEqualTo(2);
        }

        @Test
        void continuationJoinsTheNextDeclarationIntoThisOne() {
            SpecException e = Specs.error("1 stdcall foo(long) \\\n2 stdcall bar()");
            assertThat(e.location()).isEqualTo(new SourceLocation(SOURCE, 2, 3));
            assertThat(e.problem()).contains("'stdcall'");
        }

        @Test
        void errorsAfterAContinuationNameTheContinuedLine() {
            SpecException e = Specs.error("1 stdcall -noname \\\n foo(long bad)");
            assertThat(e.location()).isEqualTo(new SourceLocation(SOURCE, 2, 11));
        }
    }

    @Nested
    class ModuleFileName {

        @ParameterizedTest
        @CsvSource({
            "foo.spec,foo.dll",
            "dir/sub/foo.spec,foo.dll",
            "foo.def,foo.dll",
            "foo,foo.dll",
            "foo.drv.spec,foo.drv",
            "Mixed_Case-1.spec,Mixed_Case-1.dll",
        })
        void defaultFromTheSpecFileName(String specPath, String moduleName) {
            assertThat(SpecParser.defaultModuleFileName(specPath)).isEqualTo(moduleName);
            assertThat(SpecParser.parse(specPath, "", Optional.empty()).fileName()).isEqualTo(moduleName);
        }

        @ParameterizedTest
        @CsvSource({"bar,bar.dll", "bar.drv,bar.drv", "bar.dll,bar.dll", "BAR.EXE,BAR.EXE", "a.b.c,a.b.c"})
        void explicitNameGetsDllOnlyWithoutExtension(String given, String moduleName) {
            assertThat(SpecParser.parse("foo.spec", "", Optional.of(given)).fileName()).isEqualTo(moduleName);
        }

        @ParameterizedTest
        @ValueSource(strings = {"a b", "a/b.dll", "a\\b", "a\"b", "caf\u00e9.dll", "tab\t.dll"})
        void invalidModuleFileNameIsRefusedWithTheSpecFileAsLocation(String given) {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(
                    () -> SpecParser.parse("foo.spec", "1 stdcall a()", Optional.of(given))))
                    .isInstanceOfSatisfying(SpecException.class, e -> {
                        assertThat(e.location()).isEqualTo(SourceLocation.ofFile("foo.spec"));
                        assertThat(e.getMessage()).startsWith("foo.spec: module file name '");
                    });
        }

        @Test
        void withFileNameKeepsEverythingElse() {
            ModuleSpec spec = parse("3 stdcall a()\n@ stdcall b()\n7 stub c");
            ModuleSpec renamed = spec.withFileName("other.dll");
            assertThat(renamed.fileName()).isEqualTo("other.dll");
            assertThat(spec.fileName()).isEqualTo("t.dll");
            assertThat(renamed.source()).isEqualTo(SOURCE);
            assertThat(renamed.entries()).isEqualTo(spec.entries());
            assertThat(renamed.base()).isEqualTo(3);
            assertThat(renamed.limit()).isEqualTo(7);
            assertThat(renamed.namedEntries()).isEqualTo(spec.namedEntries());
        }
    }

    @Nested
    class FromFile {

        @TempDir
        Path dir;

        @Test
        void parsePathUsesTheFileNameAndKeepsThePathAsSource() throws IOException {
            Path file = dir.resolve("hello.spec");
            Files.writeString(file, "@ stdcall hello(ptr)\n", StandardCharsets.US_ASCII);
            ModuleSpec spec = SpecParser.parse(file);
            assertThat(spec.fileName()).isEqualTo("hello.dll");
            assertThat(spec.source()).isEqualTo(file.toString());
            assertThat(spec.entries()).singleElement().satisfies(e -> {
                assertThat(e.location()).isEqualTo(new SourceLocation(file.toString(), 1, 1));
                assertThat(e.args()).containsExactly(ArgType.PTR);
            });
        }

        @Test
        void parsePathWithModuleName() throws IOException {
            Path file = dir.resolve("x.spec");
            Files.writeString(file, "1 stub a\n");
            assertThat(SpecParser.parse(file, Optional.of("y.drv")).fileName()).isEqualTo("y.drv");
            assertThat(SpecParser.parse(file, Optional.of("y")).fileName()).isEqualTo("y.dll");
        }

        @Test
        void bytesAreReadAsLatin1SoAnyByteIsReportedNotMangled() throws IOException {
            Path file = dir.resolve("enc.spec");
            // "# caf\xe9" comment is fine, then a name holding the UTF-8 bytes of é.
            byte[] text = "# caf\u00e9\n1 stdcall caf\u00e9()\n".getBytes(StandardCharsets.UTF_8);
            Files.write(file, text);
            SpecException e = org.assertj.core.api.Assertions.catchThrowableOfType(SpecException.class,
                    () -> SpecParser.parse(file));
            assertThat(e.location()).isEqualTo(new SourceLocation(file.toString(), 2, 14));
            assertThat(e.problem()).startsWith("character '\\xc3' is not allowed in the exported name 'caf\\xc3\\xa9'");
        }
    }

    @Test
    void namesMayUseEveryAllowedCharacter() {
        String name = "/$:-_@?<>azAZ09";
        ModuleSpec spec = parse("1 stdcall " + name + "()\n2 stdcall ??2@YAPAXI@Z(long)\n");
        assertThat(spec.entries()).extracting(e -> e.declaredName().orElseThrow())
                .containsExactly(name, "??2@YAPAXI@Z");
        assertThat(spec.entries()).extracting(ExportEntry::target).containsExactly(name, "??2@YAPAXI@Z");
    }

    @Test
    void declarationOrderIsKept() {
        ModuleSpec spec = parse("9 stdcall z()\n1 stdcall y()\n@ stub x\n5 extern w\n");
        assertThat(spec.entries()).extracting(e -> e.declaredName().orElseThrow()).containsExactly("z", "y", "x", "w");
        assertThat(spec.entries()).extracting(ExportEntry::type)
                .containsExactly(EntryType.STDCALL, EntryType.STDCALL, EntryType.STUB, EntryType.EXTERN);
    }

    @Test
    void resultIsImmutable() {
        ModuleSpec spec = parse("1 stdcall a(long)\n2 stdcall b()");
        ExportEntry a = spec.entries().get(0);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> spec.entries().clear())
                .isInstanceOf(UnsupportedOperationException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> spec.namedEntries().clear())
                .isInstanceOf(UnsupportedOperationException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> a.args().add(ArgType.PTR))
                .isInstanceOf(UnsupportedOperationException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> a.flags().add(ExportFlag.NONAME))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void exportEntryCopiesItsCollections() {
        java.util.ArrayList<ArgType> args = new java.util.ArrayList<>(List.of(ArgType.LONG));
        java.util.EnumSet<ExportFlag> flags = java.util.EnumSet.of(ExportFlag.PRIVATE);
        ExportEntry e = new ExportEntry(1, true, Optional.of("a"), EntryType.CDECL, args, "a", false, flags,
                new SourceLocation("f", 1, 1));
        args.add(ArgType.PTR);
        flags.add(ExportFlag.NONAME);
        assertThat(e.args()).containsExactly(ArgType.LONG);
        assertThat(e.flags()).isEqualTo(Set.of(ExportFlag.PRIVATE));
        assertThat(e.exportedName()).contains("a");
    }
}
