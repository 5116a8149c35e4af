package dev.winelib.toolchain.glibc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.toolchain.elf.ElfFormatException;

/** Modules compiled and linked with the host gcc (Debian 12: glibc 2.36). */
class GlibcBaselineCheckTest {

    static final String CLOSE_RANGE = """
            #define _GNU_SOURCE
            #include <unistd.h>
            int close_from(unsigned first) { return close_range(first, ~0U, 0); }
            """;
    static final String OLD_FUNCTIONS = """
            #include <stdio.h>
            int first_line(const char *path, char *buf, int size) {
                FILE *f = fopen(path, "r");
                if (!f) return -1;
                int ok = fgets(buf, size, f) != 0;
                fclose(f);
                printf("read %s\\n", path);
                return ok;
            }
            """;

    static final GlibcVersion SNIPER = GlibcVersion.parse("2.31");
    static final GlibcVersion BOOKWORM = GlibcVersion.parse("2.36");

    @TempDir
    Path dir;

    HostGcc gcc;

    @BeforeEach
    void gcc() {
        gcc = HostGcc.require();
    }

    @Test
    void aSymbolNewerThanTheBaselineFailsAndNamesTheObjectThatUsedIt() throws Exception {
        Path x = gcc.compile(dir, "x", CLOSE_RANGE);
        Path other = gcc.compile(dir, "other", OLD_FUNCTIONS);
        Path module = gcc.link(dir, "x.so", List.of(x, other));

        BaselineReport report = GlibcBaselineCheck.check(module, List.of(other, x), SNIPER);

        assertThat(report.passes()).isFalse();
        assertThat(report.tooNew()).containsExactly(
                new VersionedReference("close_range", "libc.so.6", "GLIBC_2.34", List.of(x.toString())));
        assertThat(report.neededLibraries()).containsExactly("libc.so.6");
        assertThat(report.warnings()).isEmpty();
        String message = report.failureMessage(SNIPER);
        assertThat(message).contains("close_range", "GLIBC_2.34", "libc.so.6", "x.o", "2.31", "dlsym", "sysroot")
                .doesNotContain("other.o");
        assertThat(message.lines().filter(l -> l.contains("close_range") && l.contains("GLIBC_2.34")
                && l.contains("x.o"))).hasSize(1);
    }

    @Test
    void theSameModulePassesWithTheGlibcItWasBuiltWith() throws Exception {
        Path x = gcc.compile(dir, "x", CLOSE_RANGE);
        Path module = gcc.link(dir, "x.so", List.of(x));

        BaselineReport report = GlibcBaselineCheck.check(module, List.of(x), BOOKWORM);

        assertThat(report.passes()).isTrue();
        assertThat(report.tooNew()).isEmpty();
        assertThat(report.failureMessage(BOOKWORM)).contains("no glibc symbol version newer");
        assertThat(GlibcBaselineCheck.check(module, List.of(x), GlibcVersion.parse("2.34")).passes()).isTrue();
        assertThat(GlibcBaselineCheck.check(module, List.of(x), GlibcVersion.parse("2.33")).passes()).isFalse();
    }

    @Test
    void oldFunctionsPassBothBaselines() throws Exception {
        Path old = gcc.compile(dir, "old", OLD_FUNCTIONS);
        Path module = gcc.link(dir, "old.so", List.of(old));

        for (GlibcVersion baseline : List.of(SNIPER, BOOKWORM, GlibcVersion.parse("2.17"))) {
            BaselineReport report = GlibcBaselineCheck.check(module, List.of(old), baseline);
            assertThat(report.passes()).as("baseline %s", baseline).isTrue();
            assertThat(report.neededLibraries()).containsExactly("libc.so.6");
            assertThat(report.warnings()).isEmpty();
        }
        // printf, fopen... are GLIBC_2.2.5, the first x86_64 glibc: only a baseline before it fails
        BaselineReport ancient = GlibcBaselineCheck.check(module, List.of(old), GlibcVersion.parse("2.2"));
        assertThat(ancient.tooNew()).extracting(VersionedReference::symbol).contains("fopen", "printf");
        assertThat(ancient.tooNew()).extracting(VersionedReference::version).containsOnly("GLIBC_2.2.5");
    }

    @Test
    void everyObjectReferencingTheSymbolIsNamedInTheGivenOrder() throws Exception {
        Path a = gcc.compile(dir, "a", CLOSE_RANGE);
        Path b = gcc.compile(dir, "b", CLOSE_RANGE.replace("close_from", "close_others"));
        Path c = gcc.compile(dir, "c", OLD_FUNCTIONS);
        Path module = gcc.link(dir, "abc.so", List.of(a, b, c));

        BaselineReport report = GlibcBaselineCheck.check(module, List.of(b, c, a), SNIPER);

        assertThat(report.tooNew()).singleElement().satisfies(r -> {
            assertThat(r.symbol()).isEqualTo("close_range");
            assertThat(r.referencedBy()).containsExactly(b.toString(), a.toString());
        });
        assertThat(report.failureMessage(SNIPER)).contains("referenced by " + b + ", " + a);
    }

    @Test
    void aReferenceFromNoGivenObjectSaysSo() throws Exception {
        Path x = gcc.compile(dir, "x", CLOSE_RANGE);
        Path module = gcc.link(dir, "x.so", List.of(x));

        BaselineReport report = GlibcBaselineCheck.check(module, List.of(), SNIPER);

        assertThat(report.tooNew()).singleElement().extracting(VersionedReference::referencedBy)
                .isEqualTo(List.of());
        assertThat(report.failureMessage(SNIPER)).contains("referenced by none of the given objects");
    }

    @Test
    void aVersionNeedWithoutSymbolIsReported() throws Exception {
        // GNU ld adds GLIBC_ABI_DT_RELR (glibc 2.36) when relative relocations are packed
        Path relr = gcc.compile(dir, "relr", """
                #include <stdio.h>
                static int a, b, c, d;
                int *table[] = { &a, &b, &c, &d, &a, &b, &c, &d };
                int get(int i) { printf("%d\\n", i); return *table[i]; }
                """);
        Path module = gcc.link(dir, "relr.so", List.of(relr), "-Wl,-z,pack-relative-relocs");

        BaselineReport report = GlibcBaselineCheck.check(module, List.of(relr), SNIPER);

        assertThat(report.tooNew()).containsExactly(
                new VersionedReference("(none)", "libc.so.6", "GLIBC_ABI_DT_RELR", List.of()));
        assertThat(report.failureMessage(SNIPER)).contains("(none)", "GLIBC_ABI_DT_RELR",
                "without any symbol using it", "pack-relative-relocs");
        assertThat(GlibcBaselineCheck.check(module, List.of(relr), GlibcVersion.parse("2.35")).passes()).isFalse();
        assertThat(GlibcBaselineCheck.check(module, List.of(relr), BOOKWORM).passes()).isTrue();
    }

    @Test
    void glibcPrivateIsTooNewForEveryBaseline() throws Exception {
        Path secure = gcc.compile(dir, "secure", """
                extern int __libc_enable_secure;
                int secure(void) { return __libc_enable_secure; }
                """);
        Path module = gcc.link(dir, "secure.so", List.of(secure), "-l:ld-linux-x86-64.so.2");

        for (GlibcVersion baseline : List.of(SNIPER, BOOKWORM, GlibcVersion.parse("2.99"))) {
            BaselineReport report = GlibcBaselineCheck.check(module, List.of(secure), baseline);
            assertThat(report.tooNew()).containsExactly(new VersionedReference("__libc_enable_secure",
                    "ld-linux-x86-64.so.2", "GLIBC_PRIVATE", List.of(secure.toString())));
            assertThat(report.failureMessage(baseline)).contains("GLIBC_PRIVATE is the interface between glibc's own");
            assertThat(report.warnings()).isEmpty();
        }
    }

    @Test
    void neededLibrariesInOrderAndAWarningForOneSniperLacks() throws Exception {
        Path lib = gcc.compile(dir, "testlib", "int winebuildj_test_value(void) { return 42; }\n");
        gcc.link(dir, "libwinebuildj-test.so", List.of(lib), "-Wl,-soname,libwinebuildj-test.so");
        Path user = gcc.compile(dir, "user", """
                #include <math.h>
                int winebuildj_test_value(void);
                double use(double x) { return sqrt(x) + winebuildj_test_value(); }
                """);
        Path module = gcc.link(dir, "user.so", List.of(user), "-L" + dir, "-Wl,--no-as-needed", "-lwinebuildj-test",
                "-lm");

        BaselineReport report = GlibcBaselineCheck.check(module, List.of(user), SNIPER);

        assertThat(report.neededLibraries()).containsExactly("libwinebuildj-test.so", "libm.so.6", "libc.so.6");
        assertThat(report.warnings()).singleElement().asString().startsWith(
                "libwinebuildj-test.so is not part of the Steam Runtime 'sniper' (");
        assertThat(report.passes()).as("a warning is not a failure").isTrue();
    }

    @Test
    void anObjectFileOrAForeignFileIsNotALinkedModule() throws Exception {
        Path x = gcc.compile(dir, "x", CLOSE_RANGE);
        assertThatThrownBy(() -> GlibcBaselineCheck.check(x, List.of(), SNIPER))
                .isInstanceOf(ElfFormatException.class).hasMessageContaining("is not a shared object");
        Path text = Files.writeString(dir.resolve("notes.so"), "not an ELF file at all, but long enough to look at: "
                + "x".repeat(64));
        assertThatThrownBy(() -> GlibcBaselineCheck.check(text, List.of(), SNIPER))
                .isInstanceOf(ElfFormatException.class).hasMessageContaining("is not an ELF file");
        Path module = gcc.link(dir, "x.so", List.of(x));
        assertThatThrownBy(() -> GlibcBaselineCheck.check(module, List.of(text), SNIPER))
                .isInstanceOf(ElfFormatException.class).hasMessageContaining("notes.so");
    }
}
