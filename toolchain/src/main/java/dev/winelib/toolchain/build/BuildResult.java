package dev.winelib.toolchain.build;

import java.nio.file.Path;

import dev.winelib.toolchain.pe.WinelibImage;

/**
 * What a build did.
 *
 * @param outputFile the module
 * @param compiledSources how many sources were compiled (0 when all objects were up to date)
 * @param linked whether the module was linked (false when it was up to date)
 * @param image the module's PE view, as checked after linking
 * @param files what the build read and wrote, for a {@link BuildRecord}; empty when a tool that keeps
 *     its own records (cargo) took part, so that only a full build can say whether it is current
 */
public record BuildResult(Path outputFile, int compiledSources, boolean linked, WinelibImage image,
        java.util.Optional<BuildRecord.Files> files) {

    public BuildResult(Path outputFile, int compiledSources, boolean linked, WinelibImage image) {
        this(outputFile, compiledSources, linked, image, java.util.Optional.empty());
    }
}
