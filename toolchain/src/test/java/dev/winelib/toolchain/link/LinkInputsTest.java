package dev.winelib.toolchain.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.RequiredTools;
import dev.winelib.toolchain.process.ProcessRunner;

/** What counts as a link input, told by content. */
class LinkInputsTest {

    @TempDir
    Path dir;

    @Test
    void objectsAndStaticLibrariesAreAccepted() throws Exception {
        Path gcc = RequiredTools.require("gcc", "gcc");
        Files.writeString(dir.resolve("a.c"), "int a(void) { return 1; }\n");
        Path object = dir.resolve("a.o");
        ProcessRunner.check("gcc", List.of(gcc.toString(), "-c", "-fPIC", "-o", object.toString(),
                dir.resolve("a.c").toString()), dir);
        Path archive = dir.resolve("liba.a");
        ProcessRunner.check("ar", List.of("ar", "rcs", archive.toString(), object.toString()), dir);

        assertThat(LinkInputs.check(List.of(archive, object))).containsExactly(archive, object);
        assertThat(LinkInputs.isArchive(archive)).isTrue();
        assertThat(LinkInputs.isArchive(object)).isFalse();
        assertThat(LinkInputs.isArchive(dir.resolve("missing.a"))).isFalse();

        Path sharedObject = dir.resolve("liba.so");
        ProcessRunner.check("gcc", List.of(gcc.toString(), "-shared", "-o", sharedObject.toString(),
                object.toString()), dir);
        assertThatThrownBy(() -> LinkInputs.check(List.of(sharedObject))).isInstanceOf(BuildFailure.class)
                .hasMessageContaining("not a linked file").hasMessageContaining("<libraries>");
        Path thin = dir.resolve("libthin.a");
        ProcessRunner.check("ar", List.of("ar", "rcsT", thin.toString(), object.toString()), dir);
        assertThatThrownBy(() -> LinkInputs.check(List.of(thin))).isInstanceOf(BuildFailure.class)
                .hasMessageContaining("thin archive");
    }

    @Test
    void missingOrForeignFilesAreRefused() throws Exception {
        assertThatThrownBy(() -> LinkInputs.check(List.of(dir.resolve("nope.o")))).isInstanceOf(BuildFailure.class)
                .hasMessage(dir.resolve("nope.o") + ": link input not found (link inputs are .o objects and .a static"
                        + " libraries)");
        Path text = Files.writeString(dir.resolve("notes.o"), "not an object");
        assertThatThrownBy(() -> LinkInputs.check(List.of(text))).isInstanceOf(BuildFailure.class)
                .hasMessage(text + ": a link input must be an ELF object (.o) or a static library (.a)");
    }
}
