package dev.winelib.toolchain.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** pkg-config's Libs turned into ld.lld arguments. */
class LinuxLibraryFlagsTest {

    @Test
    void driverFlagsBecomeLinkerArgumentsAndDirectoriesMoveToTheLinkRoot() {
        Path tree = Path.of("/cache/tree");
        Path view = Path.of("/views/tree-view");
        assertThat(LinuxLibraryFlags.linkArguments(List.of("-L/cache/tree/usr/lib/x86_64-linux-gnu", "-lSDL2",
                "-pthread", "-Wl,--no-undefined", "-Wl,--as-needed,--no-as-needed", "-L/elsewhere", "-l:libfoo.so.1",
                "-Wall", "-D_REENTRANT", "-I/cache/tree/usr/include"), tree, view))
                .containsExactly("-L/views/tree-view/usr/lib/x86_64-linux-gnu", "-lSDL2", "-lpthread",
                        "--no-undefined", "--as-needed", "--no-as-needed", "-L/elsewhere", "-l:libfoo.so.1");
        assertThat(LinuxLibraryFlags.linkArguments(List.of("-L/cache/tree"), tree, tree)).containsExactly(
                "-L/cache/tree");
    }
}
