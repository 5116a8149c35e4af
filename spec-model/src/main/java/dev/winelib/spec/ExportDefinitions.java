package dev.winelib.spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** Reads export definitions from a Wine {@code .spec} file or a Windows {@code .def} file, by extension. */
public final class ExportDefinitions {

    private ExportDefinitions() {
    }

    /** Whether the file is read as a module-definition file ({@code .def}, any case). */
    public static boolean isDefFile(Path file) {
        return file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".def");
    }

    /**
     * Parses {@code file}: {@code .def} files with {@link DefParser}, anything else with
     * {@link SpecParser}.
     *
     * @param moduleFileName the module's file name (winebuild's -F), or empty for the default
     */
    public static ModuleSpec parse(Path file, Optional<String> moduleFileName) throws IOException {
        return parse(file, moduleFileName, TargetCpu.X86_64);
    }

    /** Parses {@code file} for a module built for {@code cpu}; see {@link #parse(Path, Optional)}. */
    public static ModuleSpec parse(Path file, Optional<String> moduleFileName, TargetCpu cpu) throws IOException {
        return isDefFile(file) ? DefParser.parse(file, moduleFileName, cpu)
                : SpecParser.parse(file, moduleFileName, cpu);
    }
}
