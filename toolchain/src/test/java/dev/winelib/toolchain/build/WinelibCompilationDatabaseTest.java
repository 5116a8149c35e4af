package dev.winelib.toolchain.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.winelib.toolchain.BuildLog;
import dev.winelib.toolchain.RequiredTools;
import dev.winelib.toolchain.process.ToolLocator;

/**
 * A winelib build leaves compile_commands.json beside the DLL: the C source's compilation with Wine's
 * flags, exactly as run, the same after an up-to-date build.
 */
class WinelibCompilationDatabaseTest {

    @TempDir
    Path dir;

    @Test
    void theDllGetsTheDatabaseOfItsSources() throws Exception {
        RequiredTools.require("gcc", "gcc");
        RequiredTools.linker();
        Path project = TestProjects.write(dir.resolve("p"), TestProjects.SPEC, TestProjects.SOURCE);
        WinelibBuilder builder = new WinelibBuilder(ToolLocator.fromEnvironment(), BuildLog.silent());

        builder.build(TestProjects.request(project, dir.resolve("views")).build());
        Path database = project.resolve("out/compile_commands.json");
        String first = Files.readString(database);
        builder.build(TestProjects.request(project, dir.resolve("views")).build());

        assertThat(database).hasContent(first);
        JsonArray entries = JsonParser.parseString(first).getAsJsonArray();
        assertThat(entries).hasSize(1);
        JsonObject entry = entries.get(0).getAsJsonObject();
        assertThat(entry.get("file").getAsString()).endsWith("src/test.c");
        assertThat(entry.get("directory").getAsString()).isEqualTo(Path.of("").toAbsolutePath().toString());
        List<String> arguments = new ArrayList<>();
        entry.get("arguments").getAsJsonArray().forEach(e -> arguments.add(e.getAsString()));
        assertThat(arguments).contains("-fshort-wchar", "-D_WIN32", "-c", "-o", entry.get("output").getAsString())
                .endsWith(entry.get("file").getAsString());
    }
}
