package dev.winelib.toolchain.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.winelib.toolchain.BuildLog;
import dev.winelib.toolchain.RequiredTools;
import dev.winelib.toolchain.process.ProcessRunner;

/**
 * The compilation database: every source's command as the build runs it (also when up to date), which
 * run again gives the same object; entries ordered by file, the same bytes every time, written atomically.
 */
class CompilationDatabaseTest {

    @TempDir
    Path dir;

    @Test
    void recordsTheExactCommandOfEverySource() throws Exception {
        Path gcc = RequiredTools.require("gcc", "gcc");
        Path src = Files.createDirectories(dir.resolve("src"));
        Path b = Files.writeString(src.resolve("b.c"), "int b(void) { return 2; }\n");
        Path a = Files.writeString(src.resolve("a.c"), "#include \"a.h\"\nint a(void) { return A; }\n");
        Files.writeString(src.resolve("a.h"), "#define A 1\n");
        SourceCompiler compiler = new SourceCompiler(gcc, List.of("-O2", "-fPIC", "-I" + src, "-DX=\"a b\""),
                Map.of(), dir.resolve("obj"), BuildLog.silent());

        SourceCompiler.Outcome first = compiler.compile(List.of(b, a), List.of(src));
        SourceCompiler.Outcome again = compiler.compile(List.of(b, a), List.of(src));

        assertThat(first.compiled()).isEqualTo(2);
        assertThat(again.compiled()).isZero();
        assertThat(again.commands()).isEqualTo(first.commands());
        assertThat(first.commands()).extracting(CompileCommand::file).containsExactly(b, a);
        CompileCommand forA = first.commands().get(1);
        assertThat(forA.directory()).isEqualTo(Path.of("").toAbsolutePath());
        assertThat(forA.output()).isEqualTo(dir.resolve("obj/a.c.o"));
        assertThat(forA.arguments()).containsExactly(gcc.toString(), "-O2", "-fPIC", "-I" + src, "-DX=\"a b\"",
                "-c", "-MD", "-MF", dir.resolve("obj/a.c.o.d").toString(), "-o", dir.resolve("obj/a.c.o").toString(),
                a.toString());

        // run again as recorded (into another object), the command gives the same object
        List<String> rerun = new ArrayList<>(forA.arguments());
        rerun.set(rerun.indexOf("-o") + 1, dir.resolve("rerun.o").toString());
        rerun.set(rerun.indexOf("-MF") + 1, dir.resolve("rerun.d").toString());
        assertThat(ProcessRunner.run(rerun, forA.directory(), Map.of()).exitCode()).isZero();
        assertThat(dir.resolve("rerun.o")).hasSameBinaryContentAs(forA.output());

        Path database = dir.resolve(CompilationDatabase.FILE_NAME);
        CompilationDatabase.write(database, first.commands());
        byte[] written = Files.readAllBytes(database);
        CompilationDatabase.write(database, List.of(first.commands().get(1), first.commands().get(0)));
        assertThat(database).hasBinaryContent(written);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).doesNotContain(".compile_commands.json.tmp")
                    .noneMatch(n -> n.endsWith(".tmp"));
        }

        JsonArray entries = JsonParser.parseString(new String(written, StandardCharsets.UTF_8)).getAsJsonArray();
        assertThat(entries).hasSize(2);
        JsonObject entry = entries.get(0).getAsJsonObject(); // a.c sorts first
        assertThat(entry.get("file").getAsString()).isEqualTo(a.toString());
        assertThat(entry.get("directory").getAsString()).isEqualTo(forA.directory().toString());
        assertThat(entry.get("output").getAsString()).isEqualTo(forA.output().toString());
        List<String> arguments = new ArrayList<>();
        entry.get("arguments").getAsJsonArray().forEach(e -> arguments.add(e.getAsString()));
        assertThat(arguments).isEqualTo(forA.arguments());
    }
}
