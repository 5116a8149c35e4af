package dev.winelib.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * {@code winebuild-j --builtin} marks a PE DLL (built with MinGW) as a Wine builtin: Wine loads the
 * marked copy as builtin and the unmarked one as native, and both work.
 */
class BuiltinModuleIT {

    @Test
    void markedPeModuleLoadsAsBuiltin() throws Exception {
        Path winebuildJ = WinebuildJLauncher.locate();
        Wine wine = Wine.locate();
        Path dir = ItSettings.projectsDirectory().resolve("builtin-mark");
        TestProject.deleteRecursively(dir);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("plug.c"), "__declspec(dllexport) int plug_value(void) { return 31; }\n");
        Files.writeString(dir.resolve("host.c"), """
                #include <windows.h>
                #include <stdio.h>
                int main(void)
                {
                    HMODULE m = LoadLibraryA("plug.dll");
                    int (*value)(void) = m ? (void *)GetProcAddress(m, "plug_value") : NULL;
                    printf("value %d\\n", value ? value() : -1);
                    return 0;
                }
                """);
        Path marked = dir.resolve("marked");
        Path plain = dir.resolve("plain");
        MingwHost.compileDll(List.of(dir.resolve("plug.c")), marked, "plug.dll");
        MingwHost.compileDll(List.of(dir.resolve("plug.c")), plain, "plug.dll");
        Path host = MingwHost.compile(dir.resolve("host.c"), marked, "host.exe");
        Files.copy(host, plain.resolve("host.exe"));

        Programs.Result mark = Programs.run(List.of(winebuildJ.toString(), "--builtin", "plug.dll"), marked,
                Map.of(), null, marked.resolve("mark"), Duration.ofSeconds(120), null);
        assertThat(mark.exitCode()).as(mark.describe("--builtin")).isZero();

        Programs.Result builtin = wine.runWithDebug(marked, marked.resolve("host.exe"), "+loaddll");
        assertThat(builtin.stdout().strip()).as(builtin.describe("marked")).isEqualTo("value 31");
        assertThat(builtin.stderr()).as(builtin.describe("marked")).containsPattern("plug\\.dll\" at \\S+: builtin");

        Programs.Result nativeRun = wine.runWithDebug(plain, plain.resolve("host.exe"), "+loaddll");
        assertThat(nativeRun.stdout().strip()).isEqualTo("value 31");
        assertThat(nativeRun.stderr()).as(nativeRun.describe("plain")).containsPattern("plug\\.dll\" at \\S+: native");
    }
}
