package dev.winelib.toolchain.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.winelib.toolchain.BuildFailure;

/**
 * The conventional layout of a winelib project: C sources in {@code src/main/c}, headers in
 * {@code src/main/include}, and one {@code src/main/spec/NAME.spec} (or a Windows
 * {@code NAME.def}) that gives {@code NAME.dll}.
 */
public final class ProjectLayout {

    public static final String SOURCE_DIRECTORY = "src/main/c";
    public static final String INCLUDE_DIRECTORY = "src/main/include";
    public static final String SPEC_DIRECTORY = "src/main/spec";

    private ProjectLayout() {
    }

    /**
     * A file a project has exactly one of in a directory, and how messages name it.
     *
     * @param extensions the endings it may have, the usual one first
     * @param kind its name ("spec file")
     * @param kindPlural the name of several ("export definition files")
     * @param addHint what a project without one should add ("NAME.spec (or NAME.def) there")
     * @param parameter the parameter that names it instead
     */
    public record SingleFile(List<String> extensions, String kind, String kindPlural, String addHint,
            String parameter) {
    }

    private static final SingleFile SPEC = new SingleFile(List.of(".spec", ".def"), "spec file",
            "export definition files", "NAME.spec (or NAME.def) there", "specFile");

    /** The single {@code .spec} or {@code .def} file of a directory; fails when there is none or more than one. */
    public static Path findSpec(Path specDirectory) throws BuildFailure {
        return findSingle(specDirectory, SPEC);
    }

    /** The single file of a kind in a directory; fails, saying what to do, when there is none or more than one. */
    public static Path findSingle(Path directory, SingleFile wanted) throws BuildFailure {
        // plain loops: this runs on every no-op build, where a lambda's first use costs more than the listing
        List<Path> found = new java.util.ArrayList<>();
        try (java.nio.file.DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                for (String extension : wanted.extensions()) {
                    if (name.endsWith(extension) && Files.isRegularFile(p)) {
                        found.add(p);
                        break;
                    }
                }
            }
            java.util.Collections.sort(found);
        } catch (IOException e) {
            throw new BuildFailure("no " + wanted.kind() + ": " + directory + " cannot be read (" + e.getMessage()
                    + "); put NAME" + wanted.extensions().get(0) + " there or configure " + wanted.parameter());
        }
        if (found.isEmpty()) {
            throw new BuildFailure("no " + wanted.kind() + " in " + directory + ": add " + wanted.addHint()
                    + ", or configure " + wanted.parameter());
        }
        if (found.size() > 1) {
            throw new BuildFailure("several " + wanted.kindPlural() + " in " + directory + " " + found.stream()
                    .map(p -> p.getFileName().toString()).toList() + ": configure " + wanted.parameter()
                    + " to choose one");
        }
        return found.get(0);
    }

    /** All files under {@code directory} with one of the extensions, sorted; empty if it does not exist. */
    public static List<Path> findSources(Path directory, List<String> extensions) throws BuildFailure {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        // the walk's own attributes say which entries are files (no second status call per source)
        List<Path> sources = new java.util.ArrayList<>();
        try {
            Files.walkFileTree(directory, new java.nio.file.SimpleFileVisitor<>() {
                @Override
                public java.nio.file.FileVisitResult visitFile(Path file,
                        java.nio.file.attribute.BasicFileAttributes attributes) {
                    // a symbolic link counts when it leads to a file (as it always did)
                    boolean regular = attributes.isRegularFile()
                            || attributes.isSymbolicLink() && Files.isRegularFile(file);
                    if (regular && hasExtension(file.getFileName().toString(), extensions)) {
                        sources.add(file);
                    }
                    return java.nio.file.FileVisitResult.CONTINUE;
                }
            });
            java.util.Collections.sort(sources);
            return List.copyOf(sources);
        } catch (IOException e) {
            throw new BuildFailure("cannot list sources in " + directory + ": " + e.getMessage(), e);
        }
    }

    private static boolean hasExtension(String name, List<String> extensions) {
        for (String extension : extensions) {
            if (name.endsWith(extension)) {
                return true;
            }
        }
        return false;
    }

    /** The module file name for a spec file: {@code NAME.spec} gives {@code NAME.dll}. */
    public static String moduleFileNameOf(Path specFile) {
        return dev.winelib.spec.SpecParser.defaultModuleFileName(specFile.toString());
    }

    /** Splits a flags string on whitespace; single and double quotes group words. */
    public static List<String> splitFlags(String flags) {
        List<String> result = new java.util.ArrayList<>();
        if (flags == null) {
            return result;
        }
        StringBuilder current = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < flags.length(); i++) {
            char c = flags.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    current.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    result.add(current.toString());
                    current.setLength(0);
                    inWord = false;
                }
            } else {
                current.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            result.add(current.toString());
        }
        return result;
    }
}
