package dev.winelib.unixlib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.BuildLog;
import dev.winelib.toolchain.process.ToolLocator;

/**
 * Issue 18's link cases for unixlib modules, whose two halves are linked by ld.lld (the Unix library)
 * and by mingw's gcc (the PE DLL), both through {@code LinkerProcess}.
 */
class UnixlibLinkReliabilityTest {

    @TempDir
    Path dir;

    private UnixlibBuildResult build(UnixlibProject p) throws Exception {
        return new UnixlibBuilder(ToolLocator.fromEnvironment(), BuildLog.silent())
                .build(p.request(dir.resolve("views")).baseDirectory(p.directory()).build());
    }

    /** R19: a '%' in the project directory (ld.lld takes it in an output path for a placeholder). */
    @Test
    void r19AProjectDirectoryWithAPercentSignBuildsBothHalves() throws Exception {
        Tools.requireBuildTools();
        UnixlibProject p = UnixlibProject.write(dir.resolve("100%-done/%d-project"));
        UnixlibBuildResult r = build(p);
        assertThat(r.dll()).isRegularFile();
        assertThat(r.unixLibrary()).isRegularFile();
        assertThat(r.dll().toString()).contains("%");
        try (var files = Files.walk(p.directory())) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    /** R16: a duplicate symbol in the Unix half names the Unix sources, not the work directory's objects. */
    @Test
    void r16AUnixLinkErrorNamesTheSources() throws Exception {
        assertThat(twiceDefinedIn("unix")).contains("duplicate symbol: twice", "the object of src/main/unix/again.c",
                "the object of src/main/unix/other.c");
    }

    /** R16: a duplicate symbol in the PE half (mingw's ld) names the PE sources. */
    @Test
    void r16APeLinkErrorNamesTheSources() throws Exception {
        assertThat(twiceDefinedIn("pe")).contains("multiple definition of `twice'", "the object of src/main/pe/again.c",
                "the object of src/main/pe/other.c");
    }

    /** The failure of a project where two sources of {@code src/main/HALF} define the same function. */
    private String twiceDefinedIn(String half) throws Exception {
        Tools.requireBuildTools();
        UnixlibProject p = UnixlibProject.write(dir.resolve(half));
        p.file("src/main/" + half + "/again.c", "int twice(void) { return 1; }\n");
        p.file("src/main/" + half + "/other.c", "int twice(void) { return 2; }\n");
        return failure(p);
    }

    private String failure(UnixlibProject p) {
        BuildFailure e = catchThrowableOfType(() -> build(p), BuildFailure.class);
        assertThat(e).as("the build fails").isNotNull();
        assertThat(e.getMessage()).as(e.getMessage())
                .doesNotContain(p.resolve("target").toString(), ".tmp", "command:");
        return e.getMessage();
    }
}
