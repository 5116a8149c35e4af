package dev.winelib.toolchain.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class SourceLanguageTest {

    @Test
    void languageByExtension() {
        assertThat(SourceLanguage.of(Path.of("src/a.c"))).contains(SourceLanguage.C);
        assertThat(SourceLanguage.of(Path.of("src/a.cpp"))).contains(SourceLanguage.CXX);
        assertThat(SourceLanguage.of(Path.of("a.cc"))).contains(SourceLanguage.CXX);
        assertThat(SourceLanguage.of(Path.of("a.cxx"))).contains(SourceLanguage.CXX);
        assertThat(SourceLanguage.of(Path.of("a.h"))).isEmpty();
        assertThat(SourceLanguage.of(Path.of("a.C"))).isEmpty();
        assertThat(SourceLanguage.of(Path.of(".c"))).isEmpty();
    }

    @Test
    void objectsAreNamedAfterTheFirstRootHoldingTheSource() {
        List<Path> roots = List.of(Path.of("/p/src/main/c"), Path.of("/p/src/main/cpp"));
        assertThat(SourceCompiler.objectName(Path.of("/p/src/main/c/dir/a.c"), roots)).isEqualTo("dir_a.c.o");
        assertThat(SourceCompiler.objectName(Path.of("/p/src/main/cpp/a.cpp"), roots)).isEqualTo("a.cpp.o");
        assertThat(SourceCompiler.objectName(Path.of("/elsewhere/a.c"), roots)).matches("a\\.c-[0-9a-f]{8}\\.o");
    }
}
