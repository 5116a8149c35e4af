package dev.winelib.toolchain.link;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every file a link command reads, as ld.lld finds it: the files it names (objects, start files,
 * scripts), and each {@code -lNAME} looked up in the {@code -L} directories in order
 * ({@code libNAME.so}, then {@code libNAME.a}). An up-to-date record that hashes these sees a changed
 * library in the sysroot or in a directory of {@code ldflags}, not only the project's objects.
 */
public final class LinkInputFiles {

    private LinkInputFiles() {
    }

    /** The files {@code command} (a linker command line, the program first or not) reads. */
    public static List<Path> of(List<String> command) {
        List<Path> directories = new ArrayList<>();
        List<String> libraries = new ArrayList<>();
        Set<Path> files = new LinkedHashSet<>();
        for (int i = 0; i < command.size(); i++) {
            String arg = command.get(i);
            String next = i + 1 < command.size() ? command.get(i + 1) : null;
            if (arg.equals("-L") && next != null) {
                directories.add(Path.of(next));
                i++;
            } else if (arg.startsWith("-L")) {
                directories.add(Path.of(arg.substring(2)));
            } else if (arg.equals("-l") && next != null) {
                libraries.add(next);
                i++;
            } else if (arg.startsWith("-l")) {
                libraries.add(arg.substring(2));
            } else if (arg.equals("-o") || arg.equals("-soname") || arg.equals("-z") || arg.equals("-m")) {
                i++;
            } else if (arg.startsWith("--version-script=") || arg.startsWith("--script=")
                    || arg.startsWith("--dynamic-list=")) {
                addIfFile(files, arg.substring(arg.indexOf('=') + 1));
            } else if (!arg.startsWith("-") && i > 0) {
                addIfFile(files, arg);
            }
        }
        for (String library : libraries) {
            find(library, directories).ifPresent(files::add);
        }
        return List.copyOf(files);
    }

    private static java.util.Optional<Path> find(String library, List<Path> directories) {
        List<String> names = library.startsWith(":") ? List.of(library.substring(1))
                : List.of("lib" + library + ".so", "lib" + library + ".a");
        for (Path dir : directories) {
            for (String name : names) {
                Path candidate = dir.resolve(name);
                if (Files.isRegularFile(candidate)) {
                    return java.util.Optional.of(candidate.toAbsolutePath());
                }
            }
        }
        return java.util.Optional.empty();
    }

    private static void addIfFile(Set<Path> files, String arg) {
        try {
            Path p = Path.of(arg);
            if (Files.isRegularFile(p)) {
                files.add(p.toAbsolutePath());
            }
        } catch (java.nio.file.InvalidPathException e) {
            // not a file name
        }
    }
}
