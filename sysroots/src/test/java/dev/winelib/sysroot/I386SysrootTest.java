package dev.winelib.sysroot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.winelib.sysroot.debian.BinaryPackage;
import dev.winelib.sysroot.debian.DebianMirror;
import dev.winelib.sysroot.debian.PackageSelection;
import dev.winelib.sysroot.pkgconfig.PkgConfig;

/** The i386 'sniper' tree, provisioned from the real deb.debian.org (Debian 11 {@code :i386} packages). */
class I386SysrootTest {

    @Test
    void theI386TreeHasTheMultiarchFilesAndOnlyLinksInsideIt() throws Exception {
        DebianNetwork.require();
        SysrootCache cache = DebianNetwork.sharedCache();
        List<String> log = new ArrayList<>();
        Path tree = SniperSysroot.provision(cache, Architecture.I386, List.of("libpulse-dev"), DebianMirror.debian(),
                log::add);
        assertThat(tree.getParent().getFileName().toString()).matches("sniper-i386-debian11-[0-9a-f]{24}");
        assertThat(tree.resolve("usr/lib/i386-linux-gnu/crti.o")).isRegularFile();
        assertThat(tree.resolve("usr/lib/i386-linux-gnu/libc_nonshared.a")).isRegularFile();
        assertThat(tree.resolve("usr/lib/gcc/i686-linux-gnu/10/crtbeginS.o")).isRegularFile();
        assertThat(tree.resolve("usr/include/i386-linux-gnu/bits/wordsize.h")).isRegularFile();
        assertThat(tree.resolve("usr/lib/i386-linux-gnu/pkgconfig/libpulse.pc")).isRegularFile();
        assertThat(tree.resolve("usr/lib/x86_64-linux-gnu")).doesNotExist();
        // the loader is where the i386 libc.so script names it, and an ELF32 i386 file
        Path loader = tree.resolve("lib/ld-linux.so.2");
        assertThat(loader).exists();
        byte[] head = Files.readAllBytes(loader.toRealPath());
        assertThat(head[4]).as("EI_CLASS").isEqualTo((byte) 1);
        assertThat(head[18]).as("e_machine EM_386").isEqualTo((byte) 3);
        // every link is relative and stays inside the tree (absolute ones were rewritten)
        try (Stream<Path> walk = Files.walk(tree)) {
            for (Path link : walk.filter(Files::isSymbolicLink).toList()) {
                assertThat(Files.readSymbolicLink(link).isAbsolute()).as(link.toString()).isFalse();
                assertThat(link.getParent().resolve(Files.readSymbolicLink(link)).normalize()).as(link.toString())
                        .startsWithRaw(tree);
            }
        }
        // the libc.so script's absolute names all exist inside the tree (ld.lld --sysroot reads them there)
        String script = Files.readString(tree.resolve("usr/lib/i386-linux-gnu/libc.so"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("(/[A-Za-z0-9_./+-]+)").matcher(script.replaceAll("/\\*.*?\\*/", ""));
        List<String> named = new ArrayList<>();
        while (m.find()) {
            named.add(m.group(1));
            assertThat(tree.resolve(m.group(1).substring(1))).as(m.group(1)).exists();
        }
        assertThat(named).contains("/lib/i386-linux-gnu/libc.so.6", "/lib/ld-linux.so.2");
        // the layout the linker gets
        SysrootLayout layout = new SysrootInspector(Path.of("target/test-views").toAbsolutePath())
                .inspect(Sysroot.directory(tree), Architecture.I386);
        assertThat(layout.architecture()).isEqualTo(Architecture.I386);
        assertThat(layout.gccVersion()).isEqualTo("10");
        assertThat(layout.crti().toString()).endsWith("usr/lib/i386-linux-gnu/crti.o");
        assertThat(layout.crtBeginShared().toString()).endsWith("usr/lib/gcc/i686-linux-gnu/10/crtbeginS.o");
        assertThat(layout.libraryDirectories().get(1).toString()).endsWith("usr/lib/i386-linux-gnu");
        // pkg-config reads the i386 multiarch directory
        assertThat(new PkgConfig(tree, Architecture.I386, x -> "").resolve(List.of("libpulse")).libs())
                .contains("-lpulse");
        assertThat(cache.verify(tree).problems()).isEmpty();
        // a resolver for i386 names this tree 'sniper'; the x86_64 one does not
        SysrootResolver resolver = new SysrootResolver(cache).withDebianPackages(List.of("libpulse-dev"));
        assertThat(resolver.withArchitecture(Architecture.I386).resolve("sniper").root()).isEqualTo(tree);
        assertThat(resolver.withArchitecture(Architecture.I386).locateWithoutChanges("sniper")).isEqualTo(tree);
        assertThat(SniperSysroot.existingTree(cache, List.of("libpulse-dev"))).isNotEqualTo(java.util.Optional.of(tree));
    }

    @Test
    void theClosureTakesOnlyI386AndAllPackages() throws Exception {
        DebianNetwork.require();
        PackageSelection selection = SniperSysroot.resolve(DebianNetwork.sharedCache(), Architecture.I386,
                List.of("libsdl2-dev"), DebianMirror.debian(), m -> { });
        assertThat(selection.packages()).extracting(BinaryPackage::architecture).allMatch(
                a -> a.equals("i386") || a.equals("all"));
        assertThat(selection.packages()).anyMatch(p -> p.name().equals("libc6") && p.architecture().equals("i386"))
                .anyMatch(p -> p.name().equals("libsdl2-dev") && p.architecture().equals("i386"))
                .anyMatch(p -> p.debFileName().endsWith("_i386.deb"));
        assertThat(selection.names()).contains("libsdl2-2.0-0", "libasound2-dev");
    }

    @Test
    void treesOfTheTwoArchitecturesHaveTheirOwnPointersAndKeys() {
        assertThat(SniperSysroot.pointerName(Architecture.X86_64, List.of())).isEqualTo(
                SniperSysroot.pointerName(List.of())).startsWith("sniper-").doesNotStartWith("sniper-i386-");
        assertThat(SniperSysroot.pointerName(Architecture.I386, List.of())).startsWith("sniper-i386-")
                .endsWith(".current");
        assertThat(SniperSysroot.keyPrefix(Architecture.I386)).isEqualTo("sniper-i386-debian11-");
        assertThat(SniperSysroot.keyPrefix(Architecture.X86_64)).isEqualTo("sniper-debian11-");
    }

    @Test
    void architectureSettings() throws Exception {
        assertThat(Architecture.parse("i386")).isEqualTo(Architecture.I386);
        assertThat(Architecture.parse(" X86_64 ")).isEqualTo(Architecture.X86_64);
        assertThat(Architecture.parse("")).isEqualTo(Architecture.X86_64);
        assertThat(Architecture.parse(null)).isEqualTo(Architecture.X86_64);
        assertThatThrownBy(() -> Architecture.parse("arm64")).isInstanceOf(SysrootException.class)
                .hasMessage("unknown architecture 'arm64': use x86_64 or i386 (winelib modules are built for 64-bit"
                        + " or 32-bit x86 Linux)");
        assertThatThrownBy(() -> Architecture.parse("i686")).hasMessageStartingWith("unknown architecture 'i686'");
    }
}
