package dev.winelib.toolchain.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.sysroot.Sysroot;
import dev.winelib.sysroot.SysrootLayout;
import dev.winelib.toolchain.BuildFailure;

class WinelibCxxFlagsTest {

    @TempDir
    Path dir;

    @Test
    void theCxxDriverGoesWithTheCCompiler() {
        assertThat(WinelibCxxFlags.driverFor("gcc")).contains("g++");
        assertThat(WinelibCxxFlags.driverFor("gcc-12")).contains("g++-12");
        assertThat(WinelibCxxFlags.driverFor("x86_64-linux-gnu-gcc-12")).contains("x86_64-linux-gnu-g++-12");
        assertThat(WinelibCxxFlags.driverFor("/usr/bin/gcc")).contains("/usr/bin/g++");
        assertThat(WinelibCxxFlags.driverFor("clang")).contains("clang++");
        assertThat(WinelibCxxFlags.driverFor("clang-16")).contains("clang++-16");
        assertThat(WinelibCxxFlags.driverFor("/opt/llvm/bin/clang")).contains("/opt/llvm/bin/clang++");
        assertThat(WinelibCxxFlags.driverFor("clang++")).contains("clang++");
        assertThat(WinelibCxxFlags.driverFor("cc")).isEmpty();
    }

    @Test
    void cxxKeepsA32BitWcharT() {
        assertThat(WinelibCFlags.baseFlags()).contains("-fshort-wchar", "-DWINE_UNICODE_NATIVE");
        assertThat(WinelibCxxFlags.baseFlags()).doesNotContain("-fshort-wchar", "-DWINE_UNICODE_NATIVE")
                .contains("-fPIC", "-D__stdcall=__attribute__((ms_abi))");
    }

    @Test
    void aSysrootDirectorySuppliesTheCxxHeadersOfItsGcc() throws Exception {
        Path root = dir.resolve("root");
        Files.createDirectories(root.resolve("usr/include/c++/10/backward"));
        Files.createDirectories(root.resolve("usr/include/x86_64-linux-gnu/c++/10"));
        SysrootLayout layout = layout(Sysroot.directory(root));
        assertThat(WinelibCxxFlags.headerFlags(layout)).containsExactly("-nostdinc++",
                "-isystem", root.resolve("usr/include/c++/10").toString(),
                "-isystem", root.resolve("usr/include/x86_64-linux-gnu/c++/10").toString(),
                "-isystem", root.resolve("usr/include/c++/10/backward").toString());
        assertThat(WinelibCxxFlags.headerFlags(layout(Sysroot.host()))).isEmpty();
    }

    @Test
    void aSysrootWithoutCxxHeadersNamesThePackage() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        assertThatThrownBy(() -> WinelibCxxFlags.headerFlags(layout(Sysroot.directory(root))))
                .isInstanceOf(BuildFailure.class)
                .hasMessageContaining("has no C++ headers for its gcc 10")
                .hasMessageContaining("add libstdc++-10-dev to the sysroot");
    }

    @Test
    void libstdcxxIsLinkedStaticallySharedOrNot() throws Exception {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        SysrootLayout layout = new SysrootLayout(Sysroot.host(), Path.of("/"), "12", Path.of("crti.o"),
                Path.of("crtn.o"), Path.of("crtbeginS.o"), Path.of("crtendS.o"), List.of(lib));
        assertThatThrownBy(() -> WinelibCxxFlags.libraryArguments(CxxRuntime.STATIC, layout))
                .isInstanceOf(BuildFailure.class).hasMessageContaining("has no libstdc++.a")
                .hasMessageContaining("apt-get install libstdc++-12-dev");
        Files.writeString(lib.resolve("libstdc++.a"), "");
        Files.writeString(lib.resolve("libstdc++.so"), "");
        assertThat(WinelibCxxFlags.libraryArguments(CxxRuntime.STATIC, layout))
                .containsExactly("--push-state", "-Bstatic", "-lstdc++", "--pop-state", "-lm");
        assertThat(WinelibCxxFlags.libraryArguments(CxxRuntime.SHARED, layout)).containsExactly("-lstdc++", "-lm");
        assertThat(WinelibCxxFlags.libraryArguments(CxxRuntime.NONE, layout)).isEmpty();
        assertThat(WinelibCxxFlags.staticLibrary(layout)).contains(lib.resolve("libstdc++.a"));
    }

    @Test
    void runtimeNames() {
        assertThat(CxxRuntime.parse(" Static ")).isEqualTo(CxxRuntime.STATIC);
        assertThat(CxxRuntime.parse("shared")).isEqualTo(CxxRuntime.SHARED);
        assertThat(CxxRuntime.parse("none")).isEqualTo(CxxRuntime.NONE);
        assertThatThrownBy(() -> CxxRuntime.parse("dynamic")).hasMessage(
                "C++ runtime 'dynamic' is not one of static, shared, none");
    }

    private static SysrootLayout layout(Sysroot sysroot) {
        return new SysrootLayout(sysroot, sysroot.root(), "10", Path.of("crti.o"), Path.of("crtn.o"),
                Path.of("crtbeginS.o"), Path.of("crtendS.o"), List.of());
    }
}
