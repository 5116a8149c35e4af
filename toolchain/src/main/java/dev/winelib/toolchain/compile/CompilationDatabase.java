package dev.winelib.toolchain.compile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import dev.winelib.toolchain.build.AtomicFiles;

/**
 * A JSON compilation database (the {@code compile_commands.json} clangd, clang-tidy and IDEs read):
 * one entry per compilation, with its {@code directory}, {@code file}, {@code output} and
 * {@code arguments}. Entries are ordered by file and output, so the same compilations always give the
 * same bytes.
 */
public final class CompilationDatabase {

    /** The file name tools look for. */
    public static final String FILE_NAME = "compile_commands.json";

    private CompilationDatabase() {
    }

    /** The database text (UTF-8 JSON, two-space indented, ending with a newline). */
    public static String json(Collection<CompileCommand> commands) {
        List<CompileCommand> ordered = commands.stream()
                .sorted(Comparator.comparing((CompileCommand c) -> c.file().toString())
                        .thenComparing(c -> c.output().toString()))
                .toList();
        JsonArray entries = new JsonArray();
        for (CompileCommand command : ordered) {
            JsonObject entry = new JsonObject();
            entry.addProperty("directory", command.directory().toString());
            entry.addProperty("file", command.file().toString());
            entry.addProperty("output", command.output().toString());
            JsonArray arguments = new JsonArray();
            command.arguments().forEach(arguments::add);
            entry.add("arguments", arguments);
            entries.add(entry);
        }
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(entries) + "\n";
    }

    /** Writes the database to {@code file} atomically, leaving an unchanged file as it is. */
    public static void write(Path file, Collection<CompileCommand> commands) throws IOException {
        AtomicFiles.writeIfChanged(file, json(commands).getBytes(StandardCharsets.UTF_8));
    }
}
