package dev.winelib.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The small value types of the spec model. */
class ModelTypesTest {

    @Test
    void sourceLocationText() {
        assertThat(new SourceLocation("a.spec", 3, 7)).hasToString("a.spec:3:7");
        assertThat(new SourceLocation("a.spec", 3, 0)).hasToString("a.spec:3");
        assertThat(SourceLocation.ofFile("dir/a.spec")).hasToString("dir/a.spec");
        assertThat(SourceLocation.ofFile("a.spec")).isEqualTo(new SourceLocation("a.spec", 0, 0));
        assertThatThrownBy(() -> new SourceLocation(null, 1, 1)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void specExceptionMessageIsLocationThenProblem() {
        SpecException e = new SpecException(new SourceLocation("x.spec", 2, 5), "bad thing");
        assertThat(e).hasMessage("x.spec:2:5: bad thing");
        assertThat(e.problem()).isEqualTo("bad thing");
        assertThat(e.location()).isEqualTo(new SourceLocation("x.spec", 2, 5));
        assertThat(e).isInstanceOf(RuntimeException.class);
    }

    @Test
    void entryTypeKeywords() {
        assertThat(Arrays.stream(EntryType.values()).map(EntryType::keyword))
                .containsExactly("stdcall", "cdecl", "varargs", "extern", "stub");
        for (EntryType t : EntryType.values()) {
            assertThat(EntryType.fromKeyword(t.keyword())).contains(t);
        }
        assertThat(EntryType.fromKeyword("STDCALL")).isEmpty();
        assertThat(EntryType.fromKeyword("pascal")).isEmpty();
        // thiscall is written as a type but is stdcall with a flag
        assertThat(EntryType.fromKeyword("thiscall")).isEmpty();
        assertThat(Arrays.stream(EntryType.values()).filter(EntryType::isFunction))
                .containsExactly(EntryType.STDCALL, EntryType.CDECL, EntryType.VARARGS);
    }

    @Test
    void argTypeKeywordsAndRelayCodes() {
        assertThat(Arrays.stream(ArgType.values()).map(t -> t.keyword() + "=" + t.relayCode())).containsExactly(
                "long=i", "ptr=p", "str=s", "wstr=w", "int64=j", "int128=k", "float=f", "double=d");
        for (ArgType t : ArgType.values()) {
            assertThat(ArgType.fromKeyword(t.keyword())).contains(t);
        }
        assertThat(ArgType.fromKeyword("word")).isEmpty();
        assertThat(ArgType.fromKeyword("s_word")).isEmpty();
        assertThat(ArgType.fromKeyword("segptr")).isEmpty();
        assertThat(ArgType.fromKeyword("segstr")).isEmpty();
        assertThat(ArgType.fromKeyword("")).isEmpty();
    }

    @Test
    void flagKeywords() {
        // winebuild's order of flags
        assertThat(Arrays.stream(ExportFlag.values()).map(ExportFlag::keyword)).containsExactly("norelay", "noname",
                "ret16", "ret64", "register", "private", "ordinal", "thiscall", "fastcall", "syscall", "import");
        for (ExportFlag f : ExportFlag.values()) {
            assertThat(ExportFlag.fromKeyword(f.keyword())).contains(f);
        }
        assertThat(ExportFlag.fromKeyword("-private")).isEmpty();
        assertThat(ExportFlag.fromKeyword("i386")).isEmpty();
        assertThat(ExportFlag.fromKeyword("arch=x86_64")).isEmpty();
    }

    @Test
    void exportEntryRequiresItsParts() {
        SourceLocation at = new SourceLocation("f", 1, 1);
        assertThatThrownBy(() -> new ExportEntry(1, true, null, EntryType.STUB, List.of(), "", false, Set.of(), at))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ExportEntry(1, true, Optional.empty(), null, List.of(), "", false, Set.of(), at))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ExportEntry(1, true, Optional.empty(), EntryType.STUB, List.of(), null, false,
                Set.of(), at)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ExportEntry(1, true, Optional.empty(), EntryType.STUB, List.of(), "", false,
                Set.of(), null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void exportedNameHonoursNoname() {
        SourceLocation at = new SourceLocation("f", 1, 1);
        ExportEntry plain = new ExportEntry(1, true, Optional.of("a"), EntryType.CDECL, List.of(), "a", false,
                Set.of(ExportFlag.ORDINAL, ExportFlag.PRIVATE), at);
        ExportEntry noname = new ExportEntry(1, true, Optional.of("a"), EntryType.CDECL, List.of(), "a", false,
                Set.of(ExportFlag.NONAME), at);
        ExportEntry both = new ExportEntry(1, true, Optional.of("a"), EntryType.CDECL, List.of(), "a", false,
                Set.of(ExportFlag.NONAME, ExportFlag.ORDINAL), at);
        assertThat(plain.exportedName()).contains("a");
        assertThat(noname.exportedName()).isEmpty();
        assertThat(noname.declaredName()).contains("a");
        // as in winebuild, -ordinal keeps the name that -noname would remove
        assertThat(both.exportedName()).contains("a");
    }

    @Test
    void argumentListDefaultsToFunctionsAndStubsWithArguments() {
        SourceLocation at = new SourceLocation("f", 1, 1);
        assertThat(new ExportEntry(1, true, Optional.of("a"), EntryType.CDECL, List.of(), "a", false, Set.of(), at)
                .argumentList()).isTrue();
        assertThat(new ExportEntry(1, true, Optional.of("a"), EntryType.STUB, List.of(), "", false, Set.of(), at)
                .argumentList()).isFalse();
        assertThat(new ExportEntry(1, true, Optional.of("a"), EntryType.STUB, List.of(ArgType.PTR), "", false,
                Set.of(), at).argumentList()).isTrue();
        assertThat(new ExportEntry(1, true, Optional.of("a"), EntryType.EXTERN, List.of(), "a", false, Set.of(), at)
                .argumentList()).isFalse();
        ExportEntry emptyList = new ExportEntry(1, true, Optional.of("a"), EntryType.STUB, List.of(), "", false,
                Set.of(), at, true);
        assertThat(emptyList.argumentList()).isTrue();
        assertThat(emptyList.isRelayed()).isTrue();
    }

    @Test
    void isRelayed() {
        SourceLocation at = new SourceLocation("f", 1, 1);
        for (EntryType type : EntryType.values()) {
            for (boolean argumentList : new boolean[] {false, true}) {
                for (boolean forward : new boolean[] {false, true}) {
                    for (Set<ExportFlag> flags : List.of(Set.<ExportFlag>of(), Set.of(ExportFlag.NORELAY),
                            Set.of(ExportFlag.IMPORT, ExportFlag.PRIVATE, ExportFlag.NONAME))) {
                        ExportEntry e = new ExportEntry(1, true, Optional.of("a"), type, List.of(),
                                forward ? "k.a" : "a", forward, flags, at, argumentList);
                        boolean candidate = type == EntryType.STDCALL || type == EntryType.CDECL
                                || type == EntryType.STUB && argumentList;
                        assertThat(e.isRelayed()).as("%s list=%s forward=%s %s", type, argumentList, forward, flags)
                                .isEqualTo(candidate && !forward && !flags.contains(ExportFlag.NORELAY));
                    }
                }
            }
        }
    }

    @Test
    void withOrdinalKeepsEverythingElse() {
        ExportEntry e = new ExportEntry(-1, false, Optional.of("a"), EntryType.STUB, List.of(ArgType.LONG), "", false,
                Set.of(ExportFlag.NORELAY), new SourceLocation("f", 2, 3), true);
        ExportEntry moved = e.withOrdinal(9);
        assertThat(moved).isEqualTo(new ExportEntry(9, false, Optional.of("a"), EntryType.STUB, List.of(ArgType.LONG),
                "", false, Set.of(ExportFlag.NORELAY), new SourceLocation("f", 2, 3), true));
    }
}
