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

    @Test
    void aVerifiedRuntimeIsTakenWhileItsFilesAreUnchangedAndCheckedAgainAfterAnyWrite() throws Exception {
        ModuleObjects m = new ModuleObjects(dir);
        ModuleSpec spec = SpecParser.parse("greet.spec", "@ stdcall greet()\n", Optional.empty());
        Path o = m.compile("greet", "int __attribute__((ms_abi)) greet(void) { return 7; }\n");
        Path cache = dir.resolve("cache");
        RelocatableModule.build(ModuleObjects.dll(spec, List.of(o), List.of(), dir.resolve("first.o")),
                new RelocatableModule.Tools(ToolCommand.of(m.gcc), ToolCommand.of(m.lld), Optional.of(cache)), m.host,
                "test", BuildLog.silent(), false);
        Path directory;
        try (var dirs = Files.list(cache)) {
            directory = dirs.filter(d -> Files.isDirectory(d.resolve("obj"))).findFirst().orElseThrow();
        }
        ModuleRuntime.Pieces pieces = new ModuleRuntime.Pieces(false, false, Optional.of("DllMain"), false, false,
                false);
        Map<String, byte[]> sources = ModuleRuntime.sources(pieces);
        List<Path> sourceFiles = sources.keySet().stream().map(directory::resolve).toList();
        List<Path> objects = List.of(directory.resolve("obj/constructors.c.o"), directory.resolve("obj/entry.c.o"));
        assertThat(objects).allMatch(Files::isRegularFile);

        // files changed within the last moments are not recorded: they could still change unseen
        RuntimeCache.recordVerified(directory, sourceFiles, objects);
        assertThat(RuntimeCache.verifiedObjects(directory, sources)).isEmpty();

        Path jar = Files.write(dir.resolve("toolchain.jar"), new byte[] {1});
        Path otherJar = Files.write(dir.resolve("toolchain-2.jar"), new byte[] {2});
        Thread.sleep(dev.winelib.toolchain.build.FileStatus.SETTLE.toMillis() + 200);
        RuntimeCache.recordVerified(directory, sourceFiles, objects);
        assertThat(RuntimeCache.verifiedObjects(directory, sources)).contains(objects);

        // a record naming the jar the sources ship in: while that jar is unchanged, they are not read
        List<String> names = List.copyOf(sources.keySet());
        RuntimeCache.ShippedSources unread = () -> {
            throw new AssertionError("the shipped sources were read");
        };
        RuntimeCache.recordVerified(directory, sourceFiles, objects, Optional.of(jar));
        assertThat(RuntimeCache.verifiedObjects(directory, names, Optional.of(jar), unread)).contains(objects);
        // another jar: its sources are compared, and when they are the same the record names it
        Map<String, byte[]> changedSource = new java.util.LinkedHashMap<>(sources);
        changedSource.put("entry.c", "int changed;\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(RuntimeCache.verifiedObjects(directory, names, Optional.of(otherJar), () -> changedSource))
                .isEmpty();
        assertThat(RuntimeCache.verifiedObjects(directory, names, Optional.of(otherJar), () -> sources))
                .contains(objects);
        assertThat(RuntimeCache.verifiedObjects(directory, names, Optional.of(otherJar), unread)).contains(objects);
        // the jar written to: read again
        Files.write(otherJar, new byte[] {3});
        assertThat(RuntimeCache.verifiedObjects(directory, names, Optional.of(otherJar), () -> changedSource))
                .isEmpty();

        // runtime sources other than the ones this build ships: checked in full
        Map<String, byte[]> other = new java.util.LinkedHashMap<>(sources);
        other.put("entry.c", "int changed;\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(RuntimeCache.verifiedObjects(directory, other)).isEmpty();

        // an object overwritten with the same size and its old modification time: its ctime tells
        Path entry = objects.get(1);
        byte[] bytes = Files.readAllBytes(entry);
        var modified = Files.getLastModifiedTime(entry);
        bytes[bytes.length - 1] ^= 1;
        Files.write(entry, bytes);
        Files.setLastModifiedTime(entry, modified);
        assertThat(RuntimeCache.verifiedObjects(directory, sources)).isEmpty();
    }
}
