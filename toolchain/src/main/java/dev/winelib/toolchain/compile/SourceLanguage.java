package dev.winelib.toolchain.compile;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The languages whose sources the pipeline compiles itself, recognised by file name extension. */
public enum SourceLanguage {
    C(List.of(".c")),
    CXX(List.of(".cpp", ".cc", ".cxx"));

    private final List<String> extensions;

    SourceLanguage(List<String> extensions) {
        this.extensions = extensions;
    }

    /** The file name extensions of the language's sources, with the dot. */
    public List<String> extensions() {
        return extensions;
    }

    /** The language of a source file, by its extension. */
    public static Optional<SourceLanguage> of(Path source) {
        String name = source.getFileName().toString();
        for (SourceLanguage language : values()) {
            for (String ext : language.extensions) {
                if (name.endsWith(ext) && name.length() > ext.length()) {
                    return Optional.of(language);
                }
            }
        }
        return Optional.empty();
    }
}
