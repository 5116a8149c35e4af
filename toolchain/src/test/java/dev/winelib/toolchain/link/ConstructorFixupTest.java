package dev.winelib.toolchain.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.toolchain.RequiredTools;
import dev.winelib.toolchain.elf.ElfFormatException;
import dev.winelib.toolchain.process.ProcessRunner;

class ConstructorFixupTest {

    @TempDir
    Path dir;

    @Test
    void retagsConstructorEntriesOnceAndAgreesWithWinebuild() throws Exception {
        Path gcc = RequiredTools.require("gcc", "gcc");
        Files.writeString(dir.resolve("c.c"), "int x; __attribute__((constructor)) static void f(void) { x = 1; }\n"
                + "int get(void) { return x; }\n");
        Path so = dir.resolve("c.so");
        ProcessRunner.check("gcc", List.of(gcc.toString(), "-shared", "-fPIC", "-o", so.toString(),
                dir.resolve("c.c").toString()), dir);
        Path reference = dir.resolve("ref.so");
        Files.copy(so, reference);

        assertThat(ConstructorFixup.apply(so)).isEqualTo(3);
        String tags = ProcessRunner.check("readelf", List.of("readelf", "-d", so.toString()), dir);
        assertThat(tags).contains("0x0000000060009994", "0x0000000060009995", "0x0000000060009996")
                .doesNotContain("(INIT)", "(INIT_ARRAY)", "(INIT_ARRAYSZ)");
        assertThat(ConstructorFixup.apply(so)).isZero();

        Path winebuild = Path.of("/usr/lib/wine/winebuild");
        if (Files.isExecutable(winebuild)) {
            ProcessRunner.check("winebuild", List.of(winebuild.toString(), "--fixup-ctors", reference.toString()), dir);
            assertThat(Files.readAllBytes(so)).isEqualTo(Files.readAllBytes(reference));
        } else {
            RequiredTools.missing("winebuild (Debian package wine64-tools)");
        }
    }

    @Test
    void theAtomicFormReplacesTheFileWholeAndKeepsItsMode() throws Exception {
        Path gcc = RequiredTools.require("gcc", "gcc");
        Files.writeString(dir.resolve("c.c"), "int x; __attribute__((constructor)) static void f(void) { x = 1; }\n");
        Path so = dir.resolve("c.so");
        ProcessRunner.check("gcc", List.of(gcc.toString(), "-shared", "-fPIC", "-o", so.toString(),
                dir.resolve("c.c").toString()), dir);
        Files.setPosixFilePermissions(so, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-x---"));
        Path inPlace = dir.resolve("in-place.so");
        Files.copy(so, inPlace);
        ConstructorFixup.apply(inPlace);
        Path link = Files.createSymbolicLink(dir.resolve("link.so"), so.getFileName());
        Object inode = Files.getAttribute(so, "unix:ino");

        assertThat(ConstructorFixup.applyAtomically(link)).isEqualTo(3);
        assertThat(Files.isSymbolicLink(link)).as("the link stays a link").isTrue();
        assertThat(Files.readAllBytes(so)).isEqualTo(Files.readAllBytes(inPlace));
        assertThat(Files.getAttribute(so, "unix:ino")).as("a new file was renamed into place").isNotEqualTo(inode);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(so)))
                .isEqualTo("rwxr-x---");
        Object fixedInode = Files.getAttribute(so, "unix:ino");
        assertThat(ConstructorFixup.applyAtomically(so)).isZero();
        assertThat(Files.getAttribute(so, "unix:ino")).as("nothing to change: untouched").isEqualTo(fixedInode);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
        Path notElf = dir.resolve("x.so");
        Files.write(notElf, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> ConstructorFixup.applyAtomically(notElf)).isInstanceOf(ElfFormatException.class);
        assertThat(Files.readAllBytes(notElf)).containsExactly(1, 2, 3);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void refusesWhatIsNotASharedObject() throws Exception {
        Path f = dir.resolve("x");
        Files.write(f, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> ConstructorFixup.apply(f)).isInstanceOf(ElfFormatException.class);
    }
}
