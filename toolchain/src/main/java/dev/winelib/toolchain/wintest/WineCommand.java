package dev.winelib.toolchain.wintest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.process.ToolLocator;

/**
 * The Wine that runs Windows programs, and its wineserver.
 *
 * @param program the {@code wine64}/{@code wine} loader
 */
public record WineCommand(Path program) {

    /** Where Debian's wine64 package installs the loader (it puts nothing on the PATH without the wine package). */
    public static final Path DEBIAN_WINE64 = Path.of("/usr/lib/wine/wine64");
    /** The Debian package that provides it. */
    public static final String DEBIAN_PACKAGE = "wine64";

    /**
     * Finds Wine: {@code configured} (a name on the PATH or a path) when given; else {@code $WINE};
     * else {@code wine64} or {@code wine} on the PATH; else {@link #DEBIAN_WINE64}.
     *
     * @throws BuildFailure naming what was looked for and the Debian package to install
     */
    public static WineCommand find(Optional<String> configured, Optional<String> environment, ToolLocator tools)
            throws BuildFailure {
        Optional<String> asked = configured.filter(s -> !s.isBlank()).or(() -> environment.filter(s -> !s.isBlank()));
        if (asked.isPresent()) {
            return tools.find(asked.get()).map(WineCommand::new).orElseThrow(() -> new BuildFailure("Wine '"
                    + asked.get() + "' " + (asked.get().contains("/") ? "is not an executable file"
                    : "was not found on the PATH") + "; it runs the Windows test programs. Install it with: apt-get"
                    + " install " + DEBIAN_PACKAGE + ", or configure wine (winelib.wine)"));
        }
        for (String name : List.of("wine64", "wine")) {
            Optional<Path> found = tools.find(name);
            if (found.isPresent()) {
                return new WineCommand(found.get());
            }
        }
        if (Files.isExecutable(DEBIAN_WINE64)) {
            return new WineCommand(DEBIAN_WINE64);
        }
        throw new BuildFailure("Wine was not found (looked for $WINE, wine64 and wine on the PATH, and "
                + DEBIAN_WINE64 + "); it runs the Windows test programs. Install it with: apt-get install "
                + DEBIAN_PACKAGE + ", or skip the tests with -DskipTests");
    }

    /** The wineserver of this Wine: beside the loader (or its real file), else on the PATH. */
    public Optional<Path> server(ToolLocator tools) {
        Optional<Path> beside = executable(program.toAbsolutePath().resolveSibling("wineserver"));
        if (beside.isEmpty()) {
            try {
                beside = executable(program.toRealPath().resolveSibling("wineserver"));
            } catch (IOException e) {
                // look on the PATH
            }
        }
        return beside.or(() -> tools.find("wineserver"));
    }

    private static Optional<Path> executable(Path p) {
        return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }
}
