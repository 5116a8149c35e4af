package dev.winelib.toolchain.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.toolchain.build.Stamp;

/**
 * A compile call's hashes: a settled file is taken as first seen for the rest of the call; one that changed
 * lately is hashed again each time.
 */
class InputHashesTest {

    @TempDir
    Path dir;

    @Test
    void aSettledFileIsTakenAsFirstSeenForTheRestOfTheCall() throws Exception {
        Path header = Files.writeString(dir.resolve("a.h"), "int a;\n");
        // a call that started 3 s from now: the header changed more than 2 s before it
        InputHashes hashes = new InputHashes(Instant.now().plusSeconds(3));
        String first = Stamp.sha256("int a;\n".getBytes());
        assertThat(hashes.of(header)).contains(first);

        Files.writeString(header, "int b;\n");
        assertThat(hashes.of(header)).contains(first);
        assertThat(new InputHashes(Instant.now().plusSeconds(3)).of(header)).contains(Stamp.sha256("int b;\n".getBytes()));
    }

    @Test
    void aFileThatChangedLatelyIsHashedEachTime() throws Exception {
        Path header = Files.writeString(dir.resolve("a.h"), "int a;\n");
        InputHashes hashes = new InputHashes(Instant.now());
        assertThat(hashes.of(header)).contains(Stamp.sha256("int a;\n".getBytes()));
        Files.writeString(header, "int b;\n");
        assertThat(hashes.of(List.of(header, dir.resolve("missing.h"))))
                .containsExactly(Optional.of(Stamp.sha256("int b;\n".getBytes())), Optional.empty());
    }
}
