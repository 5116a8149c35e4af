package dev.winelib.toolchain.wintest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.winelib.toolchain.BuildFailure;

/**
 * One Windows test program of a project: a {@code .c} or {@code .cpp} file directly in the test
 * directory ({@code src/test/windows}), named after the file, or a subdirectory, named after it,
 * whose C and C++ files (searched recursively) make one program.
 *
 * @param name the program's name: its executable is {@code NAME.exe}, its report {@code TEST-NAME.xml}
 * @param sources its C and C++ files, in name order
 * @param cxx whether one of them is C++ (the program is then compiled and linked as C++)
 * @param root the file or directory the program comes from
 */
public record WindowsTestProgram(String name, List<Path> sources, boolean cxx, Path root) {

    /** The extensions of C++ sources; {@code .c} is C. */
    public static final List<String> CXX_EXTENSIONS = List.of(".cpp", ".cc", ".cxx");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*");

    public WindowsTestProgram {
        sources = List.copyOf(sources);
    }

    /**
     * The programs of {@code directory}, in name order; none when it does not exist.
     *
     * @throws BuildFailure when a name cannot be a file name or two programs have the same name
     */
    public static List<WindowsTestProgram> find(Path directory) throws IOException, BuildFailure {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        Map<String, WindowsTestProgram> programs = new TreeMap<>();
        List<Path> entries;
        try (Stream<Path> list = Files.list(directory)) {
            entries = list.sorted().toList();
        }
        for (Path entry : entries) {
            WindowsTestProgram program;
            if (Files.isDirectory(entry)) {
                List<Path> sources;
                try (Stream<Path> walk = Files.walk(entry)) {
                    sources = walk.filter(Files::isRegularFile).filter(WindowsTestProgram::isSource).sorted().toList();
                }
                if (sources.isEmpty()) {
                    continue;
                }
                program = new WindowsTestProgram(entry.getFileName().toString(), sources,
                        sources.stream().anyMatch(WindowsTestProgram::isCxx), entry);
            } else if (isSource(entry)) {
                String file = entry.getFileName().toString();
                program = new WindowsTestProgram(file.substring(0, file.lastIndexOf('.')), List.of(entry),
                        isCxx(entry), entry);
            } else {
                continue;
            }
            if (!NAME.matcher(program.name()).matches()) {
                throw new BuildFailure(entry + ": a Windows test program's name becomes a file name: use letters,"
                        + " digits, '.', '_', '+' and '-'");
            }
            WindowsTestProgram other = programs.get(program.name().toLowerCase(Locale.ROOT));
            if (other != null) {
                throw new BuildFailure(entry + ": another Windows test program has the name '" + program.name()
                        + "' (" + other.root() + "); rename one of them");
            }
            programs.put(program.name().toLowerCase(Locale.ROOT), program);
        }
        return new ArrayList<>(programs.values());
    }

    private static boolean isSource(Path file) {
        return file.getFileName().toString().endsWith(".c") || isCxx(file);
    }

    private static boolean isCxx(Path file) {
        String name = file.getFileName().toString();
        return CXX_EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    /**
     * The same program under a name that says which architecture it is built for
     * ({@code NAME-i686}): its executable, outputs and report then differ from the other
     * architectures' of the same program.
     */
    public WindowsTestProgram forArchitecture(String architecture) {
        return new WindowsTestProgram(name + "-" + architecture, sources, cxx, root);
    }
}
