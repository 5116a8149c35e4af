package dev.winelib.toolchain.compile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The leading include of a source, and whether a header's second inclusion is a no-op, read from the text. */
class SourceDirectivesTest {

    @Test
    void theFirstDirectiveAfterCommentsIsTheLeadingInclude() {
        assertThat(SourceDirectives.leadingInclude("#include \"stdafx.h\"\nint x;\n"))
                .contains(new SourceDirectives.LeadingInclude("stdafx.h", false));
        assertThat(SourceDirectives.leadingInclude("""
                /* licence
                 * text */

                // a line comment
                  #  include <windows.h> /* trailing */ // and more
                #include "other.h"
                """)).contains(new SourceDirectives.LeadingInclude("windows.h", true));
        assertThat(SourceDirectives.leadingInclude("#inc\\\nlude \"sub/dir.h\"\n"))
                .contains(new SourceDirectives.LeadingInclude("sub/dir.h", false));
    }

    @Test
    void anythingElseFirstMeansNoLeadingInclude() {
        assertThat(SourceDirectives.leadingInclude("#define X 1\n#include \"stdafx.h\"\n")).isEmpty();
        assertThat(SourceDirectives.leadingInclude("int x;\n#include \"stdafx.h\"\n")).isEmpty();
        assertThat(SourceDirectives.leadingInclude("#include MACRO_HEADER\n")).isEmpty();
        assertThat(SourceDirectives.leadingInclude("#include \"a.h\" extra\n")).isEmpty();
        assertThat(SourceDirectives.leadingInclude("/* never closed\n#include \"a.h\"\n")).isEmpty();
        assertThat(SourceDirectives.leadingInclude("")).isEmpty();
    }

    @Test
    void guardsAndPragmaOnceAreRecognised() {
        assertThat(SourceDirectives.guarded("""
                /* header */
                #ifndef PROJ_H
                #define PROJ_H
                #include <windows.h>
                #if defined(X)
                struct s { int a; };
                #else
                struct s { char c; }; /* an apostrophe's fine in a comment */
                #endif
                #endif /* PROJ_H */
                // the end
                """)).isTrue();
        assertThat(SourceDirectives.guarded("#if !defined(PROJ_H)\n#define PROJ_H\nint f(void);\n#endif\n")).isTrue();
        assertThat(SourceDirectives.guarded("#if ! defined PROJ_H\n# define PROJ_H 1\nint f(void);\n#endif")).isTrue();
        assertThat(SourceDirectives.guarded("// pch.h\n#pragma once\n#include <windows.h>\n")).isTrue();
    }

    @Test
    void headersWithoutACompleteGuardAreNot() {
        assertThat(SourceDirectives.guarded("#include <windows.h>\nint many_helper(int x);\n")).isFalse();
        assertThat(SourceDirectives.guarded("#ifndef A_H\n#define B_H\nint f(void);\n#endif\n")).isFalse();
        assertThat(SourceDirectives.guarded("#ifndef A_H\n#define A_H\nint f(void);\n#endif\nint g;\n")).isFalse();
        assertThat(SourceDirectives.guarded("#ifndef A_H\n#define A_H\nint f(void);\n#else\nint g;\n#endif\n"))
                .isFalse();
        assertThat(SourceDirectives.guarded("#ifndef A_H\n#define A_H\nint f(void);\n")).isFalse();
        assertThat(SourceDirectives.guarded("int x;\n#pragma once\n")).isFalse();
        assertThat(SourceDirectives.guarded("#ifndef A_H\n#define A_H\nconst char *s = \"#endif\";\n#endif\n"))
                .isTrue();
    }
}
