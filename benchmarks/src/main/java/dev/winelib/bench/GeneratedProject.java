package dev.winelib.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A generated winelib project of {@code n} C files and one spec, buildable both ways: {@code mvn package}
 * with the plugin (packaging {@code winelib}), and {@code make -j2} with a Makefile around winegcc (one
 * {@code winegcc -c} per source, then {@code winegcc -shared} with the spec), as a project converted from
 * a Makefile would be. Every source includes a project header that includes {@code <windows.h>} and
 * defines one exported {@code WINAPI} function, so each source also gets the calling-convention check.
 * The project header has an include guard, so the plugin precompiles it (its default).
 */
record GeneratedProject(Path directory, int files) {

    static final String NAME = "many";

    static GeneratedProject write(Path directory, int files, Path winegcc) throws IOException {
        BenchEnvironment.deleteTree(directory);
        Path c = Files.createDirectories(directory.resolve("src/main/c"));
        Path spec = Files.createDirectories(directory.resolve("src/main/spec"));
        Files.createDirectories(directory.resolve(".mvn")); // its own top directory: no enclosing maven.config
        Files.writeString(directory.resolve("pom.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>dev.winelib.bench</groupId>
                  <artifactId>%s</artifactId>
                  <version>1</version>
                  <packaging>winelib</packaging>
                  <build>
                    <plugins>
                      <plugin>
                        <groupId>dev.winelib</groupId>
                        <artifactId>winelib-maven-plugin</artifactId>
                        <version>%s</version>
                        <extensions>true</extensions>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(NAME, BenchEnvironment.pluginVersion()), StandardCharsets.UTF_8);
        // guarded, as every real header is (so the build may precompile it)
        Files.writeString(c.resolve(NAME + ".h"), "#ifndef MANY_H\n#define MANY_H\n#include <windows.h>\n"
                + "int many_helper(int x);\n#endif\n", StandardCharsets.UTF_8);
        StringBuilder exports = new StringBuilder("@ stdcall many_count()\n");
        StringBuilder objects = new StringBuilder();
        for (int i = 1; i <= files; i++) {
            exports.append("@ stdcall many_f").append(i).append("(long)\n");
            objects.append(" obj/f").append(i).append(".o");
            Files.writeString(c.resolve("f" + i + ".c"), source(i, files, 0), StandardCharsets.UTF_8);
        }
        Files.writeString(spec.resolve(NAME + ".spec"), exports, StandardCharsets.UTF_8);
        Files.writeString(directory.resolve("Makefile"), "OBJS =" + objects + "\n"
                + NAME + ".dll.so: src/main/spec/" + NAME + ".spec $(OBJS)\n"
                + "\t" + winegcc + " -shared -o $@ src/main/spec/" + NAME + ".spec $(OBJS)\n"
                + "obj/%.o: src/main/c/%.c src/main/c/" + NAME + ".h\n"
                + "\t@mkdir -p obj\n"
                + "\t" + winegcc + " -c -o $@ $<\n"
                + "clean:\n\trm -rf obj " + NAME + ".dll.so\n", StandardCharsets.UTF_8);
        return new GeneratedProject(directory, files);
    }

    /** Source {@code i}; {@code revision} changes its code (and object) without changing its interface. */
    private static String source(int i, int files, int revision) {
        String text = "#include \"" + NAME + ".h\"\n"
                + "static int local_" + i + "(int v) { return v * " + (i + revision) + " + many_helper(v); }\n"
                + "int WINAPI many_f" + i + "(LONG v) { return local_" + i + "((int)v) ^ (int)GetCurrentProcessId(); }\n";
        if (i == 1) {
            text += "int many_helper(int x) { return x + 1; }\nint WINAPI many_count(void) { return " + files + "; }\n";
        }
        return text;
    }

    /** Edits one source (the middle one) so that both builds must recompile it and link again. */
    void changeOneSource(int revision) throws IOException {
        int i = (files + 1) / 2;
        Files.writeString(directory.resolve("src/main/c/f" + i + ".c"), source(i, files, revision),
                StandardCharsets.UTF_8);
    }
}
