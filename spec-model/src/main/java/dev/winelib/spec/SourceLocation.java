package dev.winelib.spec;

import java.util.Objects;

/** A position in an input file; lines and columns count from 1, column 0 means "the whole line". */
public record SourceLocation(String file, int line, int column) {

    public SourceLocation {
        Objects.requireNonNull(file, "file");
    }

    public static SourceLocation ofFile(String file) {
        return new SourceLocation(file, 0, 0);
    }

    @Override
    public String toString() {
        if (line <= 0) {
            return file;
        }
        return column > 0 ? file + ":" + line + ":" + column : file + ":" + line;
    }
}
