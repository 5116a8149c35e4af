package dev.winelib.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/** bin/winebuild-j, which runs the jar of this build: what users put in WINEBUILD. */
final class WinebuildJLauncher {

    private WinebuildJLauncher() {
    }

    /** The launcher; fails when the jar it runs has not been built. */
    static Path locate() {
        Path launcher = ItSettings.winebuildJ();
        Path jar = ItSettings.winebuildJJar();
        if (!Files.isExecutable(launcher)) {
            fail(launcher + " is missing or not executable");
        }
        if (!Files.isRegularFile(jar) || !Files.isDirectory(jar.resolveSibling("lib"))) {
            fail(jar + " (and its lib/ directory) is missing: the winebuild-j module's package phase builds it;"
                    + " run ./mvnw verify -DskipTests, or the integration tests through the reactor");
        }
        return launcher;
    }
}
