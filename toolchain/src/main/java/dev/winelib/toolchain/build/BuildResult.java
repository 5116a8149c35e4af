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
 */
public record BuildResult(Path outputFile, int compiledSources, boolean linked, WinelibImage image) {
}
