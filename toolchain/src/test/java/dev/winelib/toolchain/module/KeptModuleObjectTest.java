package dev.winelib.toolchain.module;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.asm.ImportedDll;
import dev.winelib.asm.ImportedFunction;
import dev.winelib.asm.ModuleImports;
import dev.winelib.asm.ModuleOptions;
import dev.winelib.spec.ModuleSpec;
import dev.winelib.spec.SpecParser;
import dev.winelib.toolchain.RecordingLog;

/**
 * The module header object is kept only while its key (spec content, file name, options, imports,
 * generator and code) is the same and both files are as the writer left them; each input is changed
 * once, and the object written after it is the one a fresh writer makes.
 */
class KeptModuleObjectTest {

    private static final String SPEC = "@ stdcall add(long long)\n@ cdecl mul(long long)\n";
    private static final String CODE = "jar /the/toolchain.jar 0123";

    @TempDir
    Path dir;

    private ModuleSpec spec;
    private final ModuleOptions options = ModuleOptions.dll(Optional.of("__wine_spec_dll_entry")).withStubRuntime();
    private final ModuleImports imports = new ModuleImports(List.of(new ImportedDll("kernel32.dll",
            List.of(new ImportedFunction("GetCurrentProcessId", Optional.of("GetCurrentProcessId"), 0, 0)), false)));

    @BeforeEach
    void spec() {
        spec = SpecParser.parse("test.spec", SPEC, Optional.of("test.dll"));
    }

    /** Writes with {@code generator} and {@code code}; whether the object was kept. */
    private boolean write(String generator, ModuleSpec s, String specContent, ModuleOptions o, ModuleImports i,
            String code) throws Exception {
        RecordingLog log = new RecordingLog();
        new ModuleObjectWriter(generator, log).writeOrKeep(s, specContent, o, i, dir, code);
        return log.lines().stream().anyMatch(l -> l.startsWith("DEBUG up to date (same spec, options and imports)"));
    }

    private boolean write(ModuleSpec s, String specContent, ModuleOptions o, ModuleImports i) throws Exception {
        return write("winebuild-j 1", s, specContent, o, i, CODE);
    }

    private byte[] object() throws Exception {
        return Files.readAllBytes(dir.resolve("test.dll.spec.o"));
    }

    /** What a writer makes of these inputs in a directory of its own. */
    private byte[] fresh(String generator, ModuleSpec s, ModuleOptions o, ModuleImports i) throws Exception {
        Path other = Files.createTempDirectory(dir, "fresh");
        return Files.readAllBytes(new ModuleObjectWriter(generator, new RecordingLog()).write(s, o, i, other));
    }

    @Test
    void theSameInputsKeepTheObject() throws Exception {
        assertThat(write(spec, "sha-1", options, imports)).isFalse();
        byte[] first = object();
        assertThat(write(spec, "sha-1", options, imports)).isTrue();
        assertThat(object()).isEqualTo(first).isEqualTo(fresh("winebuild-j 1", spec, options, imports));
    }

    @Test
    void eachOtherInputWritesItAgain() throws Exception {
        write(spec, "sha-1", options, imports);
        // the spec's content
        ModuleSpec edited = SpecParser.parse("test.spec", SPEC + "@ stdcall sub(long long)\n", Optional.of("test.dll"));
        assertThat(write(edited, "sha-2", options, imports)).isFalse();
        assertThat(object()).isEqualTo(fresh("winebuild-j 1", edited, options, imports));
        // the options
        ModuleOptions timed = options.withTimeDateStamp(1_700_000_000L);
        assertThat(write(edited, "sha-2", timed, imports)).isFalse();
        assertThat(object()).isEqualTo(fresh("winebuild-j 1", edited, timed, imports));
        // the imports
        assertThat(write(edited, "sha-2", timed, ModuleImports.none())).isFalse();
        assertThat(object()).isEqualTo(fresh("winebuild-j 1", edited, timed, ModuleImports.none()));
        ModuleImports delayed = new ModuleImports(List.of(new ImportedDll("kernel32.dll",
                imports.dlls().get(0).functions(), true)));
        assertThat(write(edited, "sha-2", timed, delayed)).isFalse();
        assertThat(object()).isEqualTo(fresh("winebuild-j 1", edited, timed, delayed));
        // the generator and the code
        assertThat(write("winebuild-j 2", edited, "sha-2", timed, delayed, CODE)).isFalse();
        assertThat(object()).isEqualTo(fresh("winebuild-j 2", edited, timed, delayed));
        assertThat(write("winebuild-j 2", edited, "sha-2", timed, delayed, CODE + "4")).isFalse();
        assertThat(write("winebuild-j 2", edited, "sha-2", timed, delayed, CODE + "4")).isTrue();
    }

    @Test
    void aSpecOfTheSameContentReadForAnotherModuleNameWritesItAgain() throws Exception {
        write(spec, "sha-1", options, imports);
        ModuleSpec renamed = SpecParser.parse("test.spec", SPEC, Optional.of("other.dll"));
        assertThat(write(renamed, "sha-1", options, imports)).isFalse();
        assertThat(Files.readAllBytes(dir.resolve("other.dll.spec.o")))
                .isEqualTo(fresh("winebuild-j 1", renamed, options, imports));
    }

    @Test
    void aRewrittenObjectOrTextIsWrittenAgain() throws Exception {
        write(spec, "sha-1", options, imports);
        byte[] good = object();
        for (String name : List.of("test.dll.spec.o", "test.dll.spec.s")) {
            Path file = dir.resolve(name);
            FileTime modified = Files.getLastModifiedTime(file);
            byte[] damaged = Files.readAllBytes(file);
            damaged[damaged.length / 2] ^= 0x55;
            Files.write(file, damaged);
            Files.setLastModifiedTime(file, modified);
            assertThat(write(spec, "sha-1", options, imports)).as(name).isFalse();
            assertThat(Files.readAllBytes(file)).as(name).isNotEqualTo(damaged);
            assertThat(object()).isEqualTo(good);
        }
    }

    @Test
    void codeOfUnknownOriginIsNeverKept() throws Exception {
        assertThat(write("winebuild-j 1", spec, "sha-1", options, imports, "unknown dev.winelib.X")).isFalse();
        assertThat(write("winebuild-j 1", spec, "sha-1", options, imports, "unknown dev.winelib.X")).isFalse();
        assertThat(dir.resolve("test.dll.spec.o.key")).doesNotExist();
    }

    @Test
    void writingWithoutAKeyForgetsTheKeptOne() throws Exception {
        write(spec, "sha-1", options, imports);
        new ModuleObjectWriter("winebuild-j 1", new RecordingLog()).write(spec, options, ModuleImports.none(), dir);
        assertThat(write(spec, "sha-1", options, imports)).isFalse();
        assertThat(object()).isEqualTo(fresh("winebuild-j 1", spec, options, imports));
    }
}
