package dev.winelib.toolchain.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.sysroot.Sysroot;
import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.BuildLog;
import dev.winelib.toolchain.RequiredTools;
import dev.winelib.toolchain.cargo.CargoBuild;
import dev.winelib.toolchain.cargo.RustCrate;
import dev.winelib.toolchain.elf.ElfFile;
import dev.winelib.toolchain.pe.PeImport;
import dev.winelib.toolchain.process.ToolLocator;

/**
 * A Rust crate built with cargo and linked in (against the host; the sniper case is in
 * {@link SniperLanguagesTest}).
 */
class RustCrateBuildTest {

    @TempDir
    Path dir;

    @Test
    void theCrateIsLinkedWithItsImportsAndItsDllMain() throws Exception {
        requireTools();
        Files.writeString(dir.resolve("test.spec"), RustCrates.SPEC);
        RustCrates.write(dir.resolve("crate"), "rust_test", "staticlib", RustCrates.LIB);

        BuildResult result = build(request().glibcBaseline("none"));

        assertThat(result.image().nameTable()).containsExactly("rust_ids", "rust_len");
        assertThat(result.image().imports()).containsExactly(new PeImport("kernel32.dll",
                List.of("GetCurrentProcessId", "GetCurrentThreadId"), false));
        ElfFile elf = ElfFile.read(result.outputFile());
        assertThat(elf.symbols()).anyMatch(s -> s.name().equals("DllMain") && s.isDefined());
        assertThat(elf.dynamicSymbols()).filteredOn(s -> s.isDefined() && s.isGlobalOrWeak())
                .extracting(s -> s.name()).containsExactly("__wine_spec_nt_header");
        assertThat(dir.resolve("target/cargo/" + RustCrate.TARGET + "/release/librust_test.a")).isRegularFile();

        // cargo runs again and finds nothing to do: the module is not linked again
        assertThat(build(request().glibcBaseline("none")).linked()).isFalse();
    }

    @Test
    void rustStdAgainstTheHostGlibcIsNamedByTheBaselineCheck() throws Exception {
        requireTools();
        Files.writeString(dir.resolve("test.spec"), RustCrates.SPEC);
        RustCrates.write(dir.resolve("crate"), "rust_test", "staticlib", RustCrates.LIB);
        // Debian 12's glibc gives std's stat, pthread and dlsym calls versions newer than 2.31
        assertThatThrownBy(() -> build(request())).isInstanceOf(BuildFailure.class)
                .hasMessageContaining("newer than glibc 2.31")
                .hasMessageMatching("(?s).*referenced by [^\\n]*librust_test\\.a\\(.*");
        assertThat(dir.resolve("out/test.dll")).doesNotExist();
    }

    @Test
    void aCrateThatIsNotAStaticLibraryIsRefusedWithWhatToWrite() throws Exception {
        requireTools();
        Files.writeString(dir.resolve("test.spec"), RustCrates.SPEC);
        RustCrates.write(dir.resolve("crate"), "rust_test", "rlib", RustCrates.LIB);
        assertThatThrownBy(() -> build(request())).isInstanceOf(BuildFailure.class)
                .hasMessageContaining("the crate's library is not built as a static library")
                .hasMessageContaining("crate-type = [\"staticlib\"]")
                .hasMessageContaining("(library targets built: rust_test)");
    }

    @Test
    void compileErrorsAreReportedWithRustcsMessage() throws Exception {
        requireTools();
        Files.writeString(dir.resolve("test.spec"), RustCrates.SPEC);
        RustCrates.write(dir.resolve("crate"), "rust_test", "staticlib", "pub fn broken() -> u32 { \"text\" }\n");
        assertThatThrownBy(() -> build(request())).isInstanceOf(BuildFailure.class)
                .hasMessageContaining("cargo failed to build the Rust crate " + dir.resolve("crate/Cargo.toml"))
                .hasMessageContaining("mismatched types")
                .hasMessageContaining("src/lib.rs:1");
    }

    @Test
    void aDirectoryWithoutCargoTomlIsRefused() throws Exception {
        Files.writeString(dir.resolve("test.spec"), RustCrates.SPEC);
        Files.createDirectories(dir.resolve("crate"));
        assertThatThrownBy(() -> CargoBuild.build(RustCrates.crate(dir.resolve("crate"), dir.resolve("t")),
                ToolLocator.fromEnvironment(), BuildLog.silent())).isInstanceOf(BuildFailure.class)
                .hasMessageStartingWith(dir.resolve("crate/Cargo.toml") + ": no Cargo.toml");
    }

    @Test
    void anI686BuildWithoutThatStandardLibrarySaysWhereToGetIt() throws Exception {
        // a cargo whose rustc has no i686 standard library answers as rustc does
        Path bin = Files.createDirectories(dir.resolve("fake"));
        Path cargo = bin.resolve("cargo");
        Files.writeString(cargo, "#!/bin/sh\necho \"error[E0463]: can't find crate for \\`std\\`\"\n"
                + "echo \"  = note: the \\`i686-unknown-linux-gnu\\` target may not be installed\"\nexit 101\n");
        assertThat(cargo.toFile().setExecutable(true)).isTrue();
        RustCrates.write(dir.resolve("crate"), "rust_test", "staticlib", "pub fn f() {}\n");
        RustCrate crate = new RustCrate(dir.resolve("crate"), cargo.toString(), "release", "abort", dir.resolve("t"),
                List.of());
        assertThatThrownBy(() -> CargoBuild.build(crate, RustCrate.TARGET_I686, ToolLocator.fromEnvironment(),
                BuildLog.silent())).isInstanceOf(BuildFailure.class)
                .hasMessageContaining("has no standard library for i686-unknown-linux-gnu")
                .hasMessageContaining("libstd-rust-dev:i386").hasMessageContaining("rustup target add");
        assertThat(CargoBuild.command(cargo, dir.resolve("crate/Cargo.toml"), crate, RustCrate.TARGET_I686))
                .contains("i686-unknown-linux-gnu");
    }

    @Test
    void cargoGetsTheTargetTheProfileAndItsPanicStrategy() throws Exception {
        RustCrate crate = new RustCrate(dir.resolve("crate"), "cargo", "my-profile", "unwind", dir.resolve("t"),
                List.of("--offline", "--locked"));
        assertThat(CargoBuild.command(Path.of("/usr/bin/cargo"), dir.resolve("crate/Cargo.toml"), crate))
                .containsExactly("/usr/bin/cargo", "rustc", "--manifest-path", dir.resolve("crate/Cargo.toml").toString(),
                        "--lib", "--target", "x86_64-unknown-linux-gnu", "--target-dir", dir.resolve("t").toString(),
                        "--profile", "my-profile", "--message-format=json", "--offline", "--locked", "--",
                        "--print=native-static-libs");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path cargo = Files.writeString(bin.resolve("cargo"), "");
        Path rustc = Files.writeString(bin.resolve("rustc"), "");
        rustc.toFile().setExecutable(true);
        Map<String, String> env = CargoBuild.environment(cargo, "my-profile", "unwind");
        assertThat(env).containsEntry("CARGO_PROFILE_MY_PROFILE_PANIC", "unwind").containsEntry("CARGO_TERM_COLOR",
                "never");
        if (System.getenv("RUSTC") == null) {
            // a distribution's cargo uses its own rustc even when rustup's comes first on the PATH
            assertThat(env).containsEntry("RUSTC", rustc.toString());
        }
        assertThatThrownBy(() -> new RustCrate(dir, "cargo", "release", "immediate-abort", dir, List.of()))
                .hasMessage("panic strategy 'immediate-abort' is not one of [abort, unwind]");
    }

    private static void requireTools() {
        RequiredTools.require("cargo", "cargo");
        RequiredTools.require("gcc", "gcc");
        RequiredTools.linker();
    }

    private WinelibBuildRequest.Builder request() {
        return WinelibBuildRequest.builder(dir.resolve("test.spec"), dir.resolve("out/test.dll"), dir.resolve("work"))
                .sysroot(Sysroot.host()).viewsDirectory(dir.resolve("views"))
                .rustCrate(RustCrates.crate(dir.resolve("crate"), dir.resolve("target/cargo")));
    }

    private static BuildResult build(WinelibBuildRequest.Builder request) throws Exception {
        return new WinelibBuilder(ToolLocator.fromEnvironment(), BuildLog.silent()).build(request.build());
    }
}
