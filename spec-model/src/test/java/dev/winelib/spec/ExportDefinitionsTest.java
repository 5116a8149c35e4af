package dev.winelib.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The choice between the .spec and the .def reader, by file name. */
class ExportDefinitionsTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"a.def,true", "A.DEF,true", "dir/x.Def,true", "a.spec,false", "a.def.spec,false", "def,false",
        "a.deff,false"})
    void defFilesByExtensionInAnyCase(String name, boolean def) {
        assertThat(ExportDefinitions.isDefFile(Path.of(name))).isEqualTo(def);
    }

    @Test
    void defFileIsReadByDefParser() throws IOException {
        Path file = dir.resolve("LIB.DEF");
        Files.writeString(file, "LIBRARY named.dll\nEXPORTS\n a @3 DATA\n");
        ModuleSpec spec = ExportDefinitions.parse(file, Optional.empty());
        assertThat(spec.fileName()).isEqualTo("named.dll");
        assertThat(spec.entries()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EntryType.EXTERN);
            assertThat(e.ordinal()).isEqualTo(3);
        });
        assertThat(ExportDefinitions.parse(file, Optional.of("given")).fileName()).isEqualTo("given.dll");
    }

    @Test
    void anyOtherFileIsReadBySpecParser() throws IOException {
        Path file = dir.resolve("hello.spec");
        Files.writeString(file, "3 thiscall a(ptr)\n");
        ModuleSpec spec = ExportDefinitions.parse(file, Optional.empty());
        assertThat(spec.fileName()).isEqualTo("hello.dll");
        assertThat(spec.entries()).singleElement().satisfies(e -> assertThat(e.type()).isEqualTo(EntryType.STDCALL));
        // .def syntax in a file that is not called .def is a spec error
        Path other = dir.resolve("exports.txt");
        Files.writeString(other, "EXPORTS\n a\n");
        SpecException e = catchThrowableOfType(SpecException.class,
                () -> ExportDefinitions.parse(other, Optional.empty()));
        assertThat(e.location()).isEqualTo(new SourceLocation(other.toString(), 1, 1));
    }
}
