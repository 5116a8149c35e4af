package dev.winelib.sysroot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.sysroot.SysrootCommands.Action;

/** fetch, path, list and verify over a cache holding archives unpacked from paths and from a Maven repository. */
class SysrootCommandsTest {

    @TempDir
    Path dir;

    @Test
    void fetchListVerifyAndPath() throws Exception {
        Path archive = TarBuilder.debianLike().write(dir.resolve("in"), "sysroot", TarBuilder.Compression.GZIP);
        Path repoArchive = dir.resolve("repo/com/example/sysroot/1.0/sysroot-1.0.tar.xz");
        Files.createDirectories(repoArchive.getParent());
        Files.copy(TarBuilder.debianLike().file("./extra", "x").write(dir.resolve("in2"), "s",
                TarBuilder.Compression.XZ), repoArchive);
        SysrootCache cache = new SysrootCache(dir.resolve("cache"));
        SysrootResolver resolver = new SysrootResolver(cache, new LocalRepositoryArtifacts(dir.resolve("repo")),
                message -> { });
        SysrootCommands commands = new SysrootCommands(resolver);

        SysrootCommands.Outcome empty = commands.run(Action.LIST, List.of());
        assertThat(empty.lines()).containsExactly("the sysroot cache " + cache.root() + " is empty");
        assertThat(commands.run(Action.VERIFY, List.of()).lines()).singleElement().asString()
                .contains("nothing to verify");

        SysrootCommands.Outcome fetched = commands.run(Action.FETCH,
                List.of(archive.toString(), "com.example:sysroot:1.0::tar.xz", "host"));
        assertThat(fetched.ok()).isTrue();
        assertThat(fetched.lines()).hasSize(3);
        assertThat(fetched.lines().get(0)).startsWith(archive + ": " + cache.root()).endsWith("/tree");
        assertThat(fetched.lines().get(1)).startsWith("com.example:sysroot:1.0::tar.xz: " + cache.root());
        assertThat(fetched.lines().get(2)).isEqualTo("host: / (this machine's libraries)");
        Path tree = Path.of(commands.run(Action.PATH, List.of(archive.toString())).lines().get(0));
        assertThat(tree.resolve("usr/bin/gcc-10")).isSymbolicLink();

        SysrootCommands.Outcome listed = commands.run(Action.LIST, List.of());
        assertThat(listed.lines().get(0)).isEqualTo("sysroots in " + cache.root() + ":");
        assertThat(listed.lines()).filteredOn(l -> l.startsWith("    tree:")).hasSize(2);
        assertThat(listed.lines()).filteredOn(l -> l.startsWith("    origin: ")).anyMatch(l -> l.contains(
                repoArchive.toString()));
        assertThat(listed.lines()).filteredOn(l -> l.startsWith("    sha256: ")).hasSize(2);

        SysrootCommands.Outcome verified = commands.run(Action.VERIFY, List.of());
        assertThat(verified.ok()).isTrue();
        assertThat(verified.lines()).hasSize(2).allMatch(l -> l.startsWith("ok      "));

        Files.writeString(tree.resolve("lib/x86_64-linux-gnu/libc-2.31.so"), "tampered");
        SysrootCommands.Outcome damaged = commands.run(Action.VERIFY, List.of(archive.toString()));
        assertThat(damaged.ok()).isFalse();
        assertThat(damaged.lines().get(0)).startsWith("DAMAGED " + tree);
        assertThat(damaged.lines()).anyMatch(l -> l.contains("lib/x86_64-linux-gnu/libc-2.31.so"));
        // fetching again notices the damage (the size changed) and unpacks a fresh tree
        commands.run(Action.FETCH, List.of(archive.toString()));
        assertThat(commands.run(Action.VERIFY, List.of(archive.toString())).ok()).isTrue();
    }

    @Test
    void errors() throws Exception {
        SysrootCommands commands = new SysrootCommands(new SysrootResolver(new SysrootCache(dir.resolve("cache")),
                new LocalRepositoryArtifacts(dir.resolve("repo")), message -> { }));
        assertThatThrownBy(() -> commands.run(Action.VERIFY, List.of("host"))).isInstanceOf(SysrootException.class)
                .hasMessageContaining("nothing to verify");
        Path plain = Files.createDirectories(dir.resolve("plain"));
        assertThatThrownBy(() -> commands.run(Action.VERIFY, List.of(plain.toString())))
                .isInstanceOf(SysrootException.class).hasMessageContaining("is not a tree of the sysroot cache");
        Path unfetched = TarBuilder.debianLike().write(dir.resolve("in"), "sysroot", TarBuilder.Compression.GZIP);
        assertThatThrownBy(() -> commands.run(Action.VERIFY, List.of(unfetched.toString())))
                .isInstanceOf(SysrootException.class).hasMessageContaining("is not in the cache")
                .hasMessageContaining("fetch it first");
        assertThatThrownBy(() -> commands.run(Action.VERIFY, List.of("sniper")))
                .isInstanceOf(SysrootException.class).hasMessageContaining("sysroot sniper is not in the cache");
        assertThatThrownBy(() -> commands.run(Action.FETCH, List.of("com.example:nothing:1.0")))
                .isInstanceOf(SysrootException.class).hasMessageContaining("not in the local Maven repository");
        assertThatThrownBy(() -> Action.parse("delete")).isInstanceOf(SysrootException.class)
                .hasMessage("unknown sysroot action 'delete': use fetch, path, list or verify");
        assertThat(Action.parse(" Verify ")).isEqualTo(Action.VERIFY);
    }
}
