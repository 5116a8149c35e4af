package dev.winelib.unixlib;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.toolchain.BuildLog;
import dev.winelib.toolchain.process.ToolLocator;

/**
 * With the project directory as base directory, {@code __FILE__} and debug information in both halves
 * name {@code ./src/...}: the same project in two directories gives the same DLL and Unix library.
 */
class UnixlibProjectLocationTest {

    @TempDir
    Path dir;

    private UnixlibBuildResult build(Path directory, boolean withBase) throws Exception {
        UnixlibProject p = UnixlibProject.write(directory);
        p.file("src/main/pe/where.c", "const char *pe_where(void) { return __FILE__; }\n");
        p.file("src/main/unix/where.c", "const char *unix_where(void) { return __FILE__; }\n");
        UnixlibBuildRequest.Builder request = p.request(dir.resolve("views"))
                .cflags(java.util.List.of("-g")).peCflags(java.util.List.of("-g"));
        if (withBase) {
            request.baseDirectory(directory);
        }
        return new UnixlibBuilder(ToolLocator.fromEnvironment(), BuildLog.silent()).build(request.build());
    }

    private static String text(Path file) throws Exception {
        return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    }

    @Test
    void twoCheckoutsGiveTheSameOutputs() throws Exception {
        Tools.requireBuildTools();
        UnixlibBuildResult one = build(dir.resolve("checkout-one"), true);
        UnixlibBuildResult two = build(dir.resolve("elsewhere/checkout-two"), true);

        assertThat(text(one.unixLibrary())).contains("./src/main/unix/where.c").doesNotContain("checkout-one");
        assertThat(text(one.dll())).contains("./src/main/pe/where.c").doesNotContain("checkout-one");
        assertThat(Files.readAllBytes(two.unixLibrary())).isEqualTo(Files.readAllBytes(one.unixLibrary()));
        assertThat(Files.readAllBytes(two.dll())).isEqualTo(Files.readAllBytes(one.dll()));
    }

    @Test
    void withoutABaseDirectoryThePathIsTheCompilers() throws Exception {
        // the control: what the map removes is really there without it
        Tools.requireBuildTools();
        UnixlibBuildResult r = build(dir.resolve("checkout-three"), false);
        assertThat(text(r.unixLibrary())).contains("checkout-three");
        assertThat(text(r.dll())).contains("checkout-three");
    }
}
