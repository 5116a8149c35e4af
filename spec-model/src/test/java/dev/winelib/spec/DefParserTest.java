package dev.winelib.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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

/** The forms of a Windows .def file {@link DefParser} accepts, what it makes of them, and what it refuses. */
class DefParserTest {

    private static ModuleSpec parse(String text) {
        return DefParser.parse("t.def", text, Optional.empty());
    }

    private static ExportEntry single(String text) {
        ModuleSpec spec = parse(text);
        assertThat(spec.entries()).hasSize(1);
        return spec.entries().get(0);
    }

    private static List<String> declaredNames(ModuleSpec spec) {
        return spec.entries().stream().map(e -> e.declaredName().orElseThrow()).toList();
    }

    @Nested
    class Exports {

        @Test
        void plainNameIsACdeclFunctionOfTheSameName() {
            ExportEntry e = single("EXPORTS\n  hello_add\n");
            assertThat(e.declaredName()).contains("hello_add");
            assertThat(e.exportedName()).contains("hello_add");
            assertThat(e.type()).isEqualTo(EntryType.CDECL);
            assertThat(e.args()).isEmpty();
            assertThat(e.argumentList()).isTrue();
            assertThat(e.target()).isEqualTo("hello_add");
            assertThat(e.forward()).isFalse();
            assertThat(e.flags()).isEmpty();
            assertThat(e.explicitOrdinal()).isFalse();
            assertThat(e.ordinal()).isEqualTo(1);
            assertThat(e.isRelayed()).isTrue();
            assertThat(e.location()).isEqualTo(new SourceLocation("t.def", 2, 3));
        }

        @ParameterizedTest
        @ValueSource(strings = {"Add=hello_add", "Add = hello_add", "Add =hello_add", "\tAdd=\thello_add\t"})
        void internalName(String line) {
            ExportEntry e = single("EXPORTS\n" + line);
            assertThat(e.declaredName()).contains("Add");
            assertThat(e.target()).isEqualTo("hello_add");
            assertThat(e.forward()).isFalse();
            assertThat(e.type()).isEqualTo(EntryType.CDECL);
        }

        @Test
        void ordinal() {
            ExportEntry e = single("EXPORTS\n Add=hello_add @5");
            assertThat(e.ordinal()).isEqualTo(5);
            assertThat(e.explicitOrdinal()).isTrue();
            assertThat(e.target()).isEqualTo("hello_add");
        }

        @ParameterizedTest
        @CsvSource({"@007,7", "@1,1", "@65534,65534", "@0000000000012,12"})
        void ordinalWithLeadingZeros(String written, int ordinal) {
            assertThat(single("EXPORTS\n a " + written).ordinal()).isEqualTo(ordinal);
        }

        @Test
        void noname() {
            ExportEntry e = single("EXPORTS\n Hidden=impl @6 NONAME");
            assertThat(e.flags()).containsExactly(ExportFlag.NONAME);
            assertThat(e.declaredName()).contains("Hidden");
            assertThat(e.exportedName()).isEmpty();
            assertThat(e.target()).isEqualTo("impl");
            assertThat(e.ordinal()).isEqualTo(6);
        }

        @Test
        void privateExport() {
            ExportEntry e = single("EXPORTS\n Internal PRIVATE");
            assertThat(e.flags()).containsExactly(ExportFlag.PRIVATE);
            assertThat(e.exportedName()).contains("Internal");
            assertThat(e.type()).isEqualTo(EntryType.CDECL);
        }

        @ParameterizedTest
        @ValueSource(strings = {"DATA", "CONSTANT"})
        void dataIsAnExternWithoutRelay(String keyword) {
            ExportEntry e = single("EXPORTS\n counter " + keyword);
            assertThat(e.type()).isEqualTo(EntryType.EXTERN);
            assertThat(e.argumentList()).isFalse();
            assertThat(e.isRelayed()).isFalse();
            assertThat(e.flags()).isEmpty();
            assertThat(e.target()).isEqualTo("counter");
        }

        @Test
        void everythingTogetherInAnyKeywordOrder() {
            ModuleSpec spec = parse("""
                    EXPORTS
                      a=impl_a @6 NONAME PRIVATE DATA
                      b=impl_b @7 DATA PRIVATE NONAME
                      c @8 PRIVATE PRIVATE
                    """);
            for (String name : List.of("a", "b")) {
                ExportEntry e = Specs.named(spec, name);
                assertThat(e.flags()).isEqualTo(Set.of(ExportFlag.NONAME, ExportFlag.PRIVATE));
                assertThat(e.type()).isEqualTo(EntryType.EXTERN);
                assertThat(e.target()).isEqualTo("impl_" + name);
            }
            assertThat(Specs.named(spec, "c").flags()).containsExactly(ExportFlag.PRIVATE);
            assertThat(spec.namedEntries()).extracting(e -> e.exportedName().orElseThrow()).containsExactly("c");
        }

        @Test
        void forwardToAFunction() {
            ExportEntry e = single("EXPORTS\n Sleep2=kernel32.Sleep");
            assertThat(e.forward()).isTrue();
            assertThat(e.target()).isEqualTo("kernel32.Sleep");
            assertThat(e.declaredName()).contains("Sleep2");
            assertThat(e.isRelayed()).isFalse();
        }

        @Test
        void forwardByOrdinalWithOrdinalAndFlags() {
            ExportEntry e = single("EXPORTS\n Twelve = ntdll.#12 @3 NONAME PRIVATE");
            assertThat(e.forward()).isTrue();
            assertThat(e.target()).isEqualTo("ntdll.#12");
            assertThat(e.ordinal()).isEqualTo(3);
            assertThat(e.flags()).containsExactlyInAnyOrder(ExportFlag.NONAME, ExportFlag.PRIVATE);
        }

        @Test
        void stdcallDecorationsAreKeptOnX8664() {
            ExportEntry e = single("EXPORTS\n Func@8 = impl@8 @2");
            assertThat(e.declaredName()).contains("Func@8");
            assertThat(e.target()).isEqualTo("impl@8");
            assertThat(e.type()).isEqualTo(EntryType.CDECL);
            assertThat(e.args()).isEmpty();
        }

        @Test
        void namesMayUseAnyPrintableCharacterButQuotesAndBackslashes() {
            ExportEntry e = single("EXPORTS\n ??0Foo@@QEAA@XZ!{}#");
            assertThat(e.declaredName()).contains("??0Foo@@QEAA@XZ!{}#");
        }

        @Test
        void exportOnTheLineOfExports() {
            ModuleSpec spec = parse("EXPORTS a @3\n  b\n");
            assertThat(declaredNames(spec)).containsExactly("a", "b");
            assertThat(Specs.named(spec, "a").location()).isEqualTo(new SourceLocation("t.def", 1, 9));
            assertThat(Specs.named(spec, "b").ordinal()).isEqualTo(4);
        }

        @Test
        void ordinalsAreAssignedAsForSpecFiles() {
            ModuleSpec spec = parse("EXPORTS\n a\n b @5\n c\n d @3 NONAME\n e\n");
            assertThat(spec.entries()).extracting(ExportEntry::ordinal).containsExactly(4, 5, 6, 3, 7);
            assertThat(spec.base()).isEqualTo(3);
            assertThat(spec.limit()).isEqualTo(7);
            assertThat(spec.namedEntries()).extracting(e -> e.exportedName().orElseThrow())
                    .containsExactly("a", "b", "c", "e");
        }

        @Test
        void emptyFileHasNoExports() {
            ModuleSpec spec = parse("");
            assertThat(spec.entries()).isEmpty();
            assertThat(spec.base()).isEqualTo(1);
            assertThat(spec.limit()).isEqualTo(1);
            assertThat(spec.fileName()).isEqualTo("t.dll");
        }
    }

    @Nested
    class Statements {

        @Test
        void commentsAndBlankLines() {
            ModuleSpec spec = parse("""
                    ; a comment
                    LIBRARY hello.dll ; the name
                    EXPORTS ; starts here

                      ; indented comment
                      a ;comment
                      b @2 ; comment
                    """);
            assertThat(declaredNames(spec)).containsExactly("a", "b");
            assertThat(spec.entries()).extracting(e -> e.location().line()).containsExactly(6, 7);
            assertThat(Specs.named(spec, "a").target()).isEqualTo("a");
        }

        @Test
        void semicolonInsideANameIsNoComment() {
            // as for winebuild, a comment starts only where a token would
            ExportEntry e = single("EXPORTS\n a;b=c;d @4\n");
            assertThat(e.declaredName()).contains("a;b");
            assertThat(e.target()).isEqualTo("c;d");
            assertThat(e.ordinal()).isEqualTo(4);
        }

        @Test
        void linesOutsideExportsAreIgnored() {
            ModuleSpec spec = parse("""
                    DESCRIPTION "My library, version 2"
                    VERSION 1.0
                    not_an_export @1
                    EXPORTS
                      a
                    IMPORTS
                      kernel32.Sleep
                      other = user32.MessageBoxA
                    EXPORTS
                      b
                    SECTIONS
                      .text READ EXECUTE
                      .data READ WRITE SHARED
                    EXPORTS c
                    """);
            assertThat(declaredNames(spec)).containsExactly("a", "b", "c");
        }

        @Test
        void statementsOnTheLineOfImportsOrSectionsAreIgnoredToo() {
            ModuleSpec spec = parse("EXPORTS\n a\nIMPORTS x y z\n b\nSECTIONS .bss READ\n c\n");
            assertThat(declaredNames(spec)).containsExactly("a");
        }

        @Test
        void keywordsAreCaseSensitive() {
            // "exports" is not EXPORTS: the lines stay outside any EXPORTS section
            assertThat(parse("exports\n a\n").entries()).isEmpty();
            ModuleSpec spec = parse("EXPORTS\n library\n Exports\n");
            assertThat(declaredNames(spec)).containsExactly("library", "Exports");
        }

        @Test
        void libraryInsideExportsIsAStatement() {
            ModuleSpec spec = parse("EXPORTS\n a\nLIBRARY b.dll\n c\n");
            assertThat(declaredNames(spec)).containsExactly("a", "c");
            assertThat(spec.fileName()).isEqualTo("b.dll");
        }

        @ParameterizedTest
        @ValueSource(strings = {"STACKSIZE 0x100000", "STACKSIZE 0x100000,4096", "STACKSIZE 1048576 , 0x1000",
            "HEAPSIZE 1024", "HEAPSIZE 0777,0", "STACKSIZE 0", "HEAPSIZE 0XFFFF", "  STACKSIZE 4096 ; comment"})
        void stackAndHeapSizesAreChecked(String line) {
            ModuleSpec spec = parse(line + "\nEXPORTS\n a\n");
            assertThat(declaredNames(spec)).containsExactly("a");
        }

        @Test
        void windowsLineEndings() {
            ModuleSpec spec = parse("LIBRARY w.dll\r\nEXPORTS\r\n a @2\r\n\r\n b=c\r\n");
            assertThat(declaredNames(spec)).containsExactly("a", "b");
            assertThat(Specs.named(spec, "b").target()).isEqualTo("c");
            assertThat(Specs.named(spec, "b").location().line()).isEqualTo(5);
            assertThat(spec.fileName()).isEqualTo("w.dll");
        }
    }

    @Nested
    class ModuleFileName {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "EXPORTS a|t.dll",
            "LIBRARY foo|foo.dll",
            "LIBRARY foo.drv|foo.drv",
            "LIBRARY FOO.DLL|FOO.DLL",
            "LIBRARY \"quoted.dll\"|quoted.dll",
            "LIBRARY \"quoted\"|quoted.dll",
            "NAME bar.exe BASE=0x400000|bar.exe",
            "NAME bar|bar.dll",
            "LIBRARY BASE=0x10000000|t.dll",
            "LIBRARY|t.dll",
            "LIBRARY one.dll\\nLIBRARY two.dll|two.dll",
            "LIBRARY one.dll\\nLIBRARY BASE = 0x1000|one.dll",
            "LIBRARY foo BASE = 0x10000000\\nEXPORTS a|foo.dll",
        })
        void fromLibraryElseFromTheFileName(String text, String fileName) {
            assertThat(parse(text.replace("\\n", "\n")).fileName()).isEqualTo(fileName);
        }

        @ParameterizedTest
        @CsvSource({"t.def,t.dll", "dir/sub/mylib.def,mylib.dll", "mylib.drv.def,mylib.drv", "noext,noext.dll"})
        void fromTheFileNameWithoutLibrary(String source, String fileName) {
            assertThat(DefParser.parse(source, "EXPORTS\n a\n", Optional.empty()).fileName()).isEqualTo(fileName);
        }

        @ParameterizedTest
        @CsvSource({"given,given.dll", "given.drv,given.drv"})
        void givenNameWinsOverLibrary(String given, String fileName) {
            ModuleSpec spec = DefParser.parse("t.def", "LIBRARY foo.dll\nEXPORTS a\n", Optional.of(given));
            assertThat(spec.fileName()).isEqualTo(fileName);
        }

        @Test
        void invalidLibraryNameIsRefused() {
            Throwable t = catchThrowable(() -> parse("LIBRARY a/b.dll\nEXPORTS x\n"));
            assertThat(t).isInstanceOfSatisfying(SpecException.class, e -> {
                assertThat(e.location()).isEqualTo(new SourceLocation("t.def", 1, 9));
                assertThat(e.problem()).startsWith("module file name 'a/b.dll' is not valid");
            });
        }
    }

    @Nested
    class FromFile {

        @TempDir
        Path dir;

        @Test
        void parsePathKeepsThePathAsSource() throws IOException {
            Path file = dir.resolve("mylib.def");
            Files.writeString(file, "EXPORTS\n  hello @3\n", StandardCharsets.US_ASCII);
            ModuleSpec spec = DefParser.parse(file, Optional.empty());
            assertThat(spec.fileName()).isEqualTo("mylib.dll");
            assertThat(spec.source()).isEqualTo(file.toString());
            assertThat(spec.entries()).singleElement().satisfies(e -> {
                assertThat(e.location()).isEqualTo(new SourceLocation(file.toString(), 2, 3));
                assertThat(e.ordinal()).isEqualTo(3);
            });
            assertThat(DefParser.parse(file, Optional.of("x.drv")).fileName()).isEqualTo("x.drv");
        }

        @Test
        void bytesAreReadAsLatin1() throws IOException {
            Path file = dir.resolve("enc.def");
            Files.write(file, "; caf\u00e9\nEXPORTS\n caf\u00e9\n".getBytes(StandardCharsets.UTF_8));
            SpecException e = catchThrowableOfType(SpecException.class, () -> DefParser.parse(file, Optional.empty()));
            assertThat(e.location()).isEqualTo(new SourceLocation(file.toString(), 3, 2));
            assertThat(e.problem()).isEqualTo("character '\\xc3' is not allowed in the exported name");
        }
    }

    @Nested
    class Errors {

        static List<DefErrorCase> cases() {
            return DefErrorCase.all();
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("cases")
        void reportsExactLocationAndProblem(DefErrorCase c) {
            Throwable thrown = catchThrowable(() -> parse(c.text()));
            assertThat(thrown).as("parsing %s", c.text()).isInstanceOf(SpecException.class);
            SpecException e = (SpecException) thrown;
            assertThat(e.location()).isEqualTo(new SourceLocation("t.def", c.line(), c.column()));
            assertThat(e.problem()).isEqualTo(c.problem());
            assertThat(e.getMessage()).isEqualTo("t.def:" + c.line() + ":" + c.column() + ": " + c.problem());
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("cases")
        void sourceNameIsUsedAsGiven(DefErrorCase c) {
            Throwable thrown = catchThrowable(() -> DefParser.parse("dir/my lib.def", c.text(), Optional.of("x.dll")));
            assertThat(thrown).isInstanceOfSatisfying(SpecException.class, e -> assertThat(e.getMessage())
                    .isEqualTo("dir/my lib.def:" + c.line() + ":" + c.column() + ": "
                            + c.problem().replace("t.def:", "dir/my lib.def:")));
        }

        @Test
        void firstErrorWins() {
            SpecException e = catchThrowableOfType(SpecException.class,
                    () -> parse("STACKSIZE x\nEXPORTS\n a @0\n a\n"));
            assertThat(e.location()).isEqualTo(new SourceLocation("t.def", 1, 11));
        }
    }

    @org.junit.jupiter.api.Test
    void nonameTwiceIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DefParser.parse("t.def",
                "EXPORTS\n  e0 @3 NONAME NONAME\n", java.util.Optional.empty()))
                .isInstanceOf(SpecException.class)
                .hasMessage("t.def:2:16: NONAME is given twice");
    }
}
