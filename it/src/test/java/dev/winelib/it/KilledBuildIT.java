package dev.winelib.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.winelib.toolchain.elf.ElfFile;
import dev.winelib.toolchain.pe.WinelibImageReader;

/**
 * A Maven build killed while it links (SIGKILL: nothing can clean up) never leaves a truncated DLL: the
 * linker writes to a temporary name, so the DLL of the previous build stays whole; the next build sees that
 * its inputs changed, links again, and makes the DLL a clean build makes.
 */
class KilledBuildIT {

    @Test
    void aBuildKilledWhileLinkingLeavesTheOldDllWholeAndTheNextBuildLinks() throws Exception {
        ExternalTools.requireBuildTools();
        Path lld = ExternalTools.lld();
        TestProject project = TestProject.copy("incremental");
        Path dll = project.resolve("target/incremental.dll");
        project.mvnPackage().assertSuccess();
        byte[] before = Files.readAllBytes(dll);

        Path counter = project.resolve("src/main/c/counter.c");
        Files.writeString(counter, Files.readString(counter) + "\nint killed_build_marker = 1;\n");

        // a linker that writes half its output (the final link only), says where it is, and hangs
        Path marker = project.resolve("linking.pid");
        Path slowLinker = project.resolve("slow-ld");
        Files.writeString(slowLinker, "#!/bin/sh\ncase \" $* \" in *' --warn-unresolved-symbols '*) exec '" + lld
                + "' \"$@\";; esac\nout=\nprev=\nfor a in \"$@\"; do [ \"$prev\" = -o ] && out=$a; prev=$a; done\n"
                + "head -c 4096 /dev/urandom > \"$out\"\necho $$ > '" + marker + "'\nexec sleep 300\n");
        Files.setPosixFilePermissions(slowLinker, PosixFilePermissions.fromString("rwxr-xr-x"));

        Process maven = project.startMvnPackage(Map.of("winelib.linker", slowLinker.toString()));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(240));
        while (!Files.exists(marker) || Files.readString(marker).isBlank()) {
            assertThat(maven.isAlive()).as("the build ended before linking; see the build log in "
                    + project.directory()).isTrue();
            assertThat(Instant.now()).as("the build never reached the link").isBefore(deadline);
            Thread.sleep(100);
        }
        long linkerPid = Long.parseLong(Files.readString(marker).strip());
        maven.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        maven.destroyForcibly();
        assertThat(maven.waitFor(60, TimeUnit.SECONDS)).isTrue();
        ProcessHandle.of(linkerPid).ifPresent(ProcessHandle::destroyForcibly);

        // the DLL is the previous build's, whole; the half-written file has a temporary name
        assertThat(Files.readAllBytes(dll)).isEqualTo(before);
        try (var files = Files.list(project.resolve("target"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.startsWith(".incremental.dll.") && n.endsWith(".tmp"));
        }

        TestProject.MavenRun after = project.mvnPackage().assertSuccess();
        assertThat(after.infoLinesStartingWith("linking ")).containsExactly("linking " + dll);
        byte[] rebuilt = Files.readAllBytes(dll);
        assertThat(rebuilt).isNotEqualTo(before);
        WinelibImageReader.read(ElfFile.read(dll));

        TestProject clean = TestProject.copyAs("incremental", "incremental-clean");
        Files.copy(counter, clean.resolve("src/main/c/counter.c"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        clean.mvnPackage().assertSuccess();
        assertThat(rebuilt).as("the same DLL as a clean build")
                .isEqualTo(Files.readAllBytes(clean.resolve("target/incremental.dll")));
    }
}
