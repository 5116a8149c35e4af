package dev.winelib.sysroot.pkgconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.sysroot.SysrootException;

/**
 * .pc files written here; the expected orders are what pkgconf 1.8.1 printed for the same files
 * (PKG_CONFIG_LIBDIR set to their directory).
 */
class PkgConfigTest {

    @TempDir
    Path root;
    Path dir;

    @BeforeEach
    void dirs() throws IOException {
        dir = Files.createDirectories(root.resolve("usr/lib/x86_64-linux-gnu/pkgconfig"));
    }

    private void pc(String name, String requires, String requiresPrivate, String libs, String cflags) throws IOException {
        Files.writeString(dir.resolve(name + ".pc"), "prefix=/usr\nlibdir=${prefix}/lib/x86_64-linux-gnu\n"
                + "Name: " + name + "\nDescription: x\nVersion: 1.2.3\nRequires: " + requires + "\nRequires.private: "
                + requiresPrivate + "\nLibs: " + libs + "\nCflags: " + cflags + "\n");
    }

    private String t(String s) {
        return s.replace("T/", root + "/");
    }

    @Test
    void variablesSysrootPathsAndRequiresInPkgconfsOrder() throws Exception {
        pc("x", "z, y", "p", "-L${libdir} -lx", "-I${prefix}/include/x -DX");
        pc("y", "z", "", "-ly", "-I${pc_sysrootdir}/usr/include/y -DY");
        pc("z", "", "", "-L${libdir} -lz", "-DZ");
        pc("p", "q", "", "-lp", "-I/usr/include/p -DP -DX");
        pc("q", "", "", "-lq", "-I/usr/include/q -DZ");
        PkgConfigResult r = PkgConfig.resolve(root, List.of("x"));
        assertThat(r.cflags()).containsExactly(t("-IT/usr/include/x"), t("-IT/usr/include/y"), "-DY",
                t("-IT/usr/include/p"), "-DP", "-DX", t("-IT/usr/include/q"), "-DZ");
        assertThat(r.libs()).containsExactly(t("-LT/usr/lib/x86_64-linux-gnu"), "-lx", "-ly", "-lz");
        assertThat(r.pcFiles()).containsExactly(dir.resolve("x.pc"), dir.resolve("z.pc"), dir.resolve("y.pc"),
                dir.resolve("p.pc"), dir.resolve("q.pc"));
    }

    @Test
    void duplicatesFollowPkgconf() throws Exception {
        pc("e", "", "", "-L/x -lx -L/y -lx -ly -L/x -pthread -lx -pthread -Wl,--as-needed -Wl,--as-needed",
                "-I/x -DX -I/y -I/x -DX -pthread -pthread");
        PkgConfigResult r = PkgConfig.resolve(root, List.of("e"));
        assertThat(r.libs()).containsExactly(t("-LT/x"), t("-LT/y"), "-ly", "-pthread", "-lx", "-pthread",
                "-Wl,--as-needed", "-Wl,--as-needed");
        assertThat(r.cflags()).containsExactly(t("-IT/x"), t("-IT/y"), "-DX", "-pthread", "-pthread");
        pc("a", "y1, y2", "", "-la", "");
        pc("y1", "", "", "-pthread -lz", "");
        pc("y2", "", "", "-lz", "");
        assertThat(PkgConfig.resolve(root, List.of("a")).libs()).containsExactly("-la", "-pthread", "-lz", "-lz");
    }

    @Test
    void versionConstraintsAreChecked() throws Exception {
        pc("lib", "", "", "-llib", "");
        pc("app", "lib >= 1.2.10", "", "-lapp", "");
        assertThatThrownBy(() -> PkgConfig.resolve(root, List.of("app")))
                .isInstanceOf(SysrootException.class)
                .hasMessage(dir.resolve("app.pc") + ": pkg-config module 'lib' is version 1.2.3 in the sysroot ("
                        + dir.resolve("lib.pc") + "), but 'lib >= 1.2.10' is required");
        assertThat(PkgConfig.resolve(root, List.of("lib >= 1.2", "lib < 1.10")).libs()).containsExactly("-llib");
        assertThat(PkgConfig.accepts("1.0~rc1", "<", "1.0")).isTrue();
        assertThat(PkgConfig.accepts("2.0.14", ">=", "2.0.9")).isTrue();
        assertThat(PkgConfig.accepts("1.2a", "<", "1.2.1")).isTrue();
    }

    @Test
    void aMissingModuleIsNamedWithAdvice() throws Exception {
        pc("app", "libpulse", "", "-lapp", "");
        assertThatThrownBy(() -> new PkgConfig(root, m -> "add the package that ships " + m + ".pc")
                .resolve(List.of("app"))).hasMessage(dir.resolve("app.pc") + ": pkg-config module 'libpulse' is not in"
                        + " the sysroot " + root + " (no libpulse.pc in usr/lib/x86_64-linux-gnu/pkgconfig,"
                        + " usr/lib/pkgconfig, usr/share/pkgconfig). add the package that ships libpulse.pc");
    }

    @Test
    void flagsThatCouldReachOutsideTheSysrootAreRefused() throws Exception {
        for (String bad : List.of("-Wl,--script=/etc/evil.ld", "-fplugin=/tmp/x.so", "/usr/lib/libfoo.a",
                "-I/usr/../../etc", "-L../lib", "-lfoo;rm", "-DX=`id`", "--sysroot=/", "-include /etc/passwd")) {
            pc("bad", "", "", bad, "");
            assertThatThrownBy(() -> PkgConfig.resolve(root, List.of("bad"))).as(bad)
                    .isInstanceOf(SysrootException.class).hasMessageStartingWith(dir.resolve("bad.pc") + ": Libs: ")
                    .hasMessageContaining("refused");
        }
        pc("ok", "", "", "-pthread -Wl,--export-dynamic -l:libfoo.so.1 -Wno-deprecated", "-UX -DA=1 -D B");
        PkgConfigResult r = PkgConfig.resolve(root, List.of("ok"));
        assertThat(r.libs()).containsExactly("-pthread", "-Wl,--export-dynamic", "-l:libfoo.so.1", "-Wno-deprecated");
        assertThat(r.cflags()).containsExactly("-UX", "-DA=1", "-DB");
    }

    @Test
    void commentsContinuationsQuotesAndUndefinedVariables() throws Exception {
        Files.writeString(dir.resolve("c.pc"), "# comment\nprefix=/opt/c # trailing\nincludedir=${prefix}/inc\\\nlude\n"
                + "Name: c\nVersion: 1\nCflags: -I\"${includedir}/with space\" -DHASH=\\#1\nLibs: -lc\n");
        PkgConfigResult r = PkgConfig.resolve(root, List.of("c"));
        assertThat(r.cflags()).containsExactly("-I" + root + "/opt/c/include/with space", "-DHASH=#1");
        Files.writeString(dir.resolve("u.pc"), "Name: u\nVersion: 1\nCflags: -I${nowhere}\n");
        assertThatThrownBy(() -> PkgConfig.resolve(root, List.of("u")))
                .hasMessage(dir.resolve("u.pc") + ":3: variable 'nowhere' is not defined");
        assertThatThrownBy(() -> PkgConfig.resolve(root, List.of("u;rm"))).hasMessageContaining("is not a module name");
    }

    @Test
    void theHostsPcFilesAreNeverRead() {
        // zlib.pc exists on this machine in /usr/lib/x86_64-linux-gnu/pkgconfig, but not in the tree
        assertThatThrownBy(() -> PkgConfig.resolve(root, List.of("zlib")))
                .hasMessageStartingWith("pkg-config module 'zlib' is not in the sysroot " + root);
    }
}
