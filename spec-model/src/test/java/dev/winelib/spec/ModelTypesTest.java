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
        assertThat(ArgType.fromKeyword("")).isEmpty();
    }

    @Test
    void flagKeywords() {
        assertThat(Arrays.stream(ExportFlag.values()).map(ExportFlag::keyword))
                .containsExactly("private", "noname", "ordinal", "norelay");
        for (ExportFlag f : ExportFlag.values()) {
            assertThat(ExportFlag.fromKeyword(f.keyword())).contains(f);
        }
        assertThat(ExportFlag.fromKeyword("-private")).isEmpty();
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
        assertThat(plain.exportedName()).contains("a");
        assertThat(noname.exportedName()).isEmpty();
        assertThat(noname.declaredName()).contains("a");
    }
}
