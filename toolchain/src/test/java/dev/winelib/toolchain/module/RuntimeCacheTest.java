package dev.winelib.toolchain.module;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.spec.ModuleSpec;
import dev.winelib.spec.SpecParser;
import dev.winelib.toolchain.BuildLog;
import dev.winelib.toolchain.process.ToolCommand;

/** The command line's cache of compiled module runtimes. */
class RuntimeCacheTest {

    @TempDir
    Path dir;

    @Test
    void locationFollowsTheEnvironment() {
        assertThat(RuntimeCache.defaultDirectory(Map.of("XDG_CACHE_HOME", "/x/cache")))
                .contains(Path.of("/x/cache/winebuild-j/runtime"));
        assertThat(RuntimeCache.defaultDirectory(Map.of("XDG_CACHE_HOME", "relative")))
                .contains(Path.of(System.getProperty("user.home"), ".cache/winebuild-j/runtime"));
        assertThat(RuntimeCache.defaultDirectory(Map.of(RuntimeCache.ENVIRONMENT_VARIABLE, "/y", "XDG_CACHE_HOME",
                "/x"))).contains(Path.of("/y"));
        assertThat(RuntimeCache.defaultDirectory(Map.of(RuntimeCache.ENVIRONMENT_VARIABLE, "OFF"))).isEmpty();
        assertThat(RuntimeCache.defaultDirectory(Map.of(RuntimeCache.ENVIRONMENT_VARIABLE, "build/rt")))
                .contains(Path.of("build/rt").toAbsolutePath());
    }

    @Test
    void aCachedRuntimeIsNotCompiledAgainAndGivesTheSameObject() throws Exception {
        ModuleObjects m = new ModuleObjects(dir);
        Path log = dir.resolve("cc.log");
        Path cc = dir.resolve("cc-logging");
        Files.writeString(cc, "#!/bin/sh\necho \"$*\" >> '" + log + "'\nexec '" + m.gcc + "' \"$@\"\n");
        Files.setPosixFilePermissions(cc, PosixFilePermissions.fromString("rwxr-xr-x"));
        ModuleSpec spec = SpecParser.parse("greet.spec", "@ stdcall greet()\n@ stub later\n", Optional.empty());
        Path o = m.compile("greet", "int __attribute__((ms_abi)) greet(void) { return 7; }\n");
        Path cache = dir.resolve("cache");
        RelocatableModule.Tools cached = new RelocatableModule.Tools(ToolCommand.of(cc), ToolCommand.of(m.lld),
                Optional.of(cache));

        Path first = dir.resolve("first.o");
        RelocatableModule.build(ModuleObjects.dll(spec, List.of(o), List.of(), first), cached, m.host, "test",
                BuildLog.silent(), false);
        List<String> compiledFirst = Files.readAllLines(log);
        assertThat(compiledFirst).as("constructors.c, entry.c and stub.c compiled").hasSize(3);

        Path second = dir.resolve("second.o");
        RelocatableModule.build(ModuleObjects.dll(spec, List.of(o), List.of(), second), cached, m.host, "test",
                BuildLog.silent(), false);
        assertThat(Files.readAllLines(log)).as("nothing compiled the second time").isEqualTo(compiledFirst);

        Path fresh = dir.resolve("fresh.o");
        RelocatableModule.build(ModuleObjects.dll(spec, List.of(o), List.of(), fresh),
                new RelocatableModule.Tools(ToolCommand.of(m.gcc), ToolCommand.of(m.lld)), m.host, "test",
                BuildLog.silent(), false);
        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first))
                .isEqualTo(Files.readAllBytes(fresh));

        // a damaged cached object is compiled again
        try (var objects = Files.walk(cache)) {
            Path entry = objects.filter(p -> p.getFileName().toString().equals("entry.c.o")).findFirst().orElseThrow();
            Files.write(entry, new byte[] {1, 2, 3});
        }
        Path third = dir.resolve("third.o");
        RelocatableModule.build(ModuleObjects.dll(spec, List.of(o), List.of(), third), cached, m.host, "test",
                BuildLog.silent(), false);
        assertThat(Files.readAllLines(log)).hasSize(4).last().asString().endsWith("entry.c");
        assertThat(Files.readAllBytes(third)).isEqualTo(Files.readAllBytes(first));
    }
}
