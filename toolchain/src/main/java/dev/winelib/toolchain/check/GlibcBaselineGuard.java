package dev.winelib.toolchain.check;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.BuildLog;
import dev.winelib.toolchain.elf.ElfFile;
import dev.winelib.toolchain.elf.ElfFormatException;
import dev.winelib.toolchain.glibc.BaselineReport;
import dev.winelib.toolchain.glibc.GlibcBaselineCheck;
import dev.winelib.toolchain.glibc.GlibcVersion;

/**
 * The glibc baseline after a Linux link: logs the libraries the linked file needs, warns about those
 * the Steam Runtime does not provide, and fails when it needs a glibc symbol version newer than the
 * baseline.
 */
public final class GlibcBaselineGuard {

    private GlibcBaselineGuard() {
    }

    /**
     * @param baseline the newest glibc version allowed, or empty for any
     * @param linked the linked shared object
     * @param referenceSources the objects and archives it was linked from (to name who needs a symbol)
     * @param name the file's name in a failure
     * @param needsPrefix what the log line of the needed libraries starts with
     */
    public static void check(Optional<String> baseline, Path linked, List<Path> referenceSources, String name,
            String needsPrefix, BuildLog log) throws IOException, BuildFailure {
        try {
            check(baseline, ElfFile.readEither(linked), referenceSources, name, needsPrefix, log);
        } catch (ElfFormatException e) {
            throw new BuildFailure(e.getMessage(), e);
        }
    }

    /** {@link #check(Optional, Path, List, String, String, BuildLog)} for a linked file the caller has read. */
    public static void check(Optional<String> baseline, ElfFile linked, List<Path> referenceSources, String name,
            String needsPrefix, BuildLog log) throws IOException, BuildFailure {
        try {
            GlibcVersion version = GlibcVersion.parse(baseline.orElse("999.0"));
            BaselineReport report = GlibcBaselineCheck.check(linked, referenceSources, version);
            log.info(needsPrefix + String.join(", ", report.neededLibraries()));
            report.warnings().forEach(log::warn);
            if (baseline.isPresent() && !report.passes()) {
                throw new BuildFailure(name + ": " + report.failureMessage(version));
            }
        } catch (ElfFormatException e) {
            throw new BuildFailure(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new BuildFailure("glibc baseline '" + baseline.orElse("") + "' is not a version such"
                    + " as 2.31: " + e.getMessage(), e);
        }
    }
}
