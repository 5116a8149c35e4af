package dev.winelib.toolchain.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without a plain {@code ld.lld}, the linker is the highest executable {@code ld.lld-NN} on the search path. */
class ToolLocatorTest {

    @TempDir
    Path dir;

    private Path executable(Path directory, String name) throws Exception {
        Path p = Files.writeString(Files.createDirectories(directory).resolve(name), "#!/bin/sh\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    @Test
    void theHighestVersionedLinkerIsChosen() throws Exception {
        Path first = dir.resolve("bin");
        Path second = dir.resolve("other");
        executable(first, "ld.lld-97");
        Path highest = executable(second, "ld.lld-98");
        executable(first, "ld.lld-99.sh"); // not a versioned name
        executable(first, "ld.gold");
        Files.writeString(first.resolve("ld.lld-99"), "not executable\n");
        assertThat(new ToolLocator(List.of(first, second)).findLinker(Optional.empty())).isEqualTo(highest);
    }
}
