package dev.winelib.sysroot.pkgconfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.winelib.sysroot.DebianNetwork;

/** The Java reader against real pkgconf, with PKG_CONFIG_SYSROOT_DIR and PKG_CONFIG_LIBDIR inside the tree. */
class PkgconfComparisonTest {

    static Path tree;

    @BeforeAll
    static void tree() throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/pkgconf"))) {
            DebianNetwork.missing("pkgconf is missing (Debian package pkgconf; scripts/install-deps installs it)");
        }
        tree = DebianNetwork.gameTree();
    }

    static String pkgconf(String what, String module) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/pkgconf", what, module).redirectErrorStream(true);
        pb.environment().put("PKG_CONFIG_SYSROOT_DIR", tree.toString());
        pb.environment().put("PKG_CONFIG_LIBDIR", PkgConfig.SEARCH_PATH.stream().map(d -> tree.resolve(d).toString())
                .collect(Collectors.joining(":")));
        pb.environment().remove("PKG_CONFIG_PATH");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void vulkanLibpulseAndSdl2GiveWhatPkgconfGives() throws Exception {
        for (String module : List.of("vulkan", "libpulse", "sdl2")) {
            PkgConfigResult r = PkgConfig.resolve(tree, List.of(module));
            assertThat(String.join(" ", r.cflags())).as(module).isEqualTo(pkgconf("--cflags", module));
            assertThat(String.join(" ", r.libs())).as(module).isEqualTo(pkgconf("--libs", module));
            assertThat(r.pcFiles()).allMatch(p -> p.startsWith(tree));
        }
        PkgConfigResult sdl = PkgConfig.resolve(tree, List.of("sdl2"));
        assertThat(sdl.cflags()).containsExactly("-I" + tree + "/usr/include/SDL2", "-D_REENTRANT");
        assertThat(sdl.libs()).containsExactly("-L" + tree + "/usr/lib/x86_64-linux-gnu", "-lSDL2");
    }

    @Test
    void everyModuleOfTheTreeGivesWhatPkgconfGives() throws Exception {
        TreeSet<String> modules = new TreeSet<>();
        for (String d : PkgConfig.SEARCH_PATH) {
            if (Files.isDirectory(tree.resolve(d))) {
                try (Stream<Path> files = Files.list(tree.resolve(d))) {
                    files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".pc"))
                            .forEach(n -> modules.add(n.substring(0, n.length() - 3)));
                }
            }
        }
        assertThat(modules).hasSizeGreaterThan(50);
        List<String> differences = new ArrayList<>();
        for (String module : modules) {
            PkgConfigResult r = PkgConfig.resolve(tree, List.of(module));
            String mine = String.join(" ", r.cflags()) + " | " + String.join(" ", r.libs());
            String theirs = pkgconf("--cflags", module) + " | " + pkgconf("--libs", module);
            if (!mine.equals(theirs)) {
                differences.add(module + ": " + mine + " <> " + theirs);
            }
        }
        assertThat(differences).isEmpty();
    }
}
