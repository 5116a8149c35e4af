package dev.winelib.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * it/src/it/unixlib-wow64: a unixlib module with {@code <architectures>} x86_64 and i686. mvn
 * install builds both PE halves and both Unix libraries in Wine's layout, installs them with
 * classifiers that name the architecture, and the test goal builds its program for each
 * architecture against that architecture's import library and runs it under Wine: the 32-bit
 * program calls the module's Linux code.
 *
 * <p>On this project's machines 32-bit x86 code runs only through qemu-i386 (Debian 12's
 * {@code wine32}, old-style: a 32-bit Linux process that loads {@code i386-unix/w64.so}); a run
 * takes minutes there, hence the long time limits. Under new-style WoW64 (Debian sid's Wine 10)
 * the same program is served by {@code wow64_describe} of {@code x86_64-unix/w64.so}; the test
 * accepts either and the report says which.
 */
class UnixlibWow64IT {

    /** How long the build with its 32-bit run may take: 2400 s, or {@code it.wine32TimeoutSeconds}. */
    static final Duration TIMEOUT_32 = Duration.ofSeconds(Long.getLong("it.wine32TimeoutSeconds", 2400));

    /** Built and installed without running anything under Wine: runs on every machine. */
    @Test
    void bothHalvesForBothArchitecturesAreBuiltInWinesLayoutAndInstalled() throws Exception {
        ExternalTools.requireBuildTools();
        ExternalTools.mingwGcc();
        ExternalTools.mingwGcc32();
        TestProject project = TestProject.copy("unixlib-wow64");
        project.mvn(null, List.of("install"), Map.of("winelib.test.skip", "true"), Map.of(), true, TIMEOUT_32)
                .assertSuccess();
        assertLayoutAndArtifacts(project);
    }

    @Test
    void a32BitProgramCallsTheLinuxSideOfAUnixlibModuleUnderWine() throws Exception {
        ExternalTools.requireBuildTools();
        ExternalTools.mingwGcc();
        ExternalTools.mingwGcc32();
        ExternalTools.wine32(); // the 32-bit loader Wine's wine64 hands 32-bit programs to
        Wine wine = Wine.locate();
        TestProject project = TestProject.copy("unixlib-wow64");

        // one prefix for all tests (made by the first that needs it)
        TestProject.MavenRun build = project.mvn(null, List.of("install"), Map.of(
                "winelib.wine", wine.program().toString(),
                "winelib.winePrefix", wine.prefix().toString(),
                "winelib.testTimeout", Long.toString(TIMEOUT_32.toSeconds() - 120)), Map.of(), true, TIMEOUT_32)
                .assertSuccess();
        assertLayoutAndArtifacts(project);
        Path target = project.resolve("target");
        // the test goal ran the program once per architecture, each with its own report
        assertThat(build.infoLinesStartingWith("Windows test programs: ")).containsExactly(
                "Windows test programs: 2 run, 0 failed");
        String out64 = Files.readString(target.resolve("winelib-tests/x86_64-windows/calls-x86_64.stdout"))
                .replace("\r\n", "\n");
        assertThat(out64).isEqualTo("""
                program: 64-bit
                describe: 128, calls: big 1099511627776, factor 2.50, by unix_describe in a 64-bit Unix library
                ping: 0x00000000
                """);
        String out32 = Files.readString(target.resolve("winelib-tests/i386-windows/calls-i686.stdout"))
                .replace("\r\n", "\n");
        assertThat(out32).isIn("""
                program: 32-bit
                describe: 64, calls: big 1099511627776, factor 2.50, by unix_describe in a 32-bit Unix library
                ping: 0x00000000
                """, """
                program: 32-bit
                describe: 129, calls: big 1099511627776, factor 2.50, by wow64_describe in a 64-bit Unix library
                ping: 0x00000000
                """);
        assertThat(project.resolve("target/winelib-reports/TEST-calls-x86_64.xml")).isRegularFile();
        assertThat(project.resolve("target/winelib-reports/TEST-calls-i686.xml")).isRegularFile();
    }

    /** Wine's layout: both PE halves, both Unix libraries, the 32-bit import library; all installed. */
    private static void assertLayoutAndArtifacts(TestProject project) throws Exception {
        Path target = project.resolve("target");
        Path dll32 = target.resolve("i386-windows/w64.dll");
        assertThat(target.resolve("x86_64-windows/w64.dll")).isRegularFile();
        assertThat(target.resolve("i386-windows/libw64.a")).isRegularFile();
        assertThat(target.resolve("w64.dll")).doesNotExist();
        byte[] pe = Files.readAllBytes(dll32);
        ByteBuffer b = ByteBuffer.wrap(pe).order(ByteOrder.LITTLE_ENDIAN);
        int peOffset = b.getInt(0x3c);
        assertThat(b.getShort(peOffset + 4) & 0xffff).as("COFF machine").isEqualTo(0x14c);
        assertThat(b.getShort(peOffset + 24) & 0xffff).as("optional header magic (PE32)").isEqualTo(0x10b);
        assertThat(new String(pe, 0x40, 16, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("Wine builtin DLL");

        String elf32 = Programs.run(List.of("readelf", "-h", "--dyn-syms", "--wide", "i386-unix/w64.so"), target,
                target.resolve("readelf-32"), Duration.ofSeconds(30)).assertSuccess().stdout();
        assertThat(elf32).contains("ELF32").contains("Intel 80386").contains(" __wine_unix_call_funcs")
                .doesNotContain("unix_describe");
        String elf64 = Programs.run(List.of("readelf", "--dyn-syms", "--wide", "x86_64-unix/w64.so"), target,
                target.resolve("readelf-64"), Duration.ofSeconds(30)).assertSuccess().stdout();
        assertThat(elf64).contains(" __wine_unix_call_funcs", " __wine_unix_call_wow64_funcs");

        // installed with classifiers that name the architecture
        Path installed = ItSettings.localRepository().resolve("dev/winelib/it/unixlib-wow64/1.0");
        assertThat(installed.resolve("unixlib-wow64-1.0.dll")).hasSameBinaryContentAs(
                target.resolve("x86_64-windows/w64.dll"));
        assertThat(installed.resolve("unixlib-wow64-1.0-i386-windows.dll")).hasSameBinaryContentAs(dll32);
        assertThat(installed.resolve("unixlib-wow64-1.0-x86_64-unix.so")).hasSameBinaryContentAs(
                target.resolve("x86_64-unix/w64.so"));
        assertThat(installed.resolve("unixlib-wow64-1.0-i386-unix.so")).hasSameBinaryContentAs(
                target.resolve("i386-unix/w64.so"));
        assertThat(installed.resolve("unixlib-wow64-1.0-i386-windows.a")).hasSameBinaryContentAs(
                target.resolve("i386-windows/libw64.a"));
        assertThat(installed.resolve("unixlib-wow64-1.0-i386-windows.def")).content()
                .contains("w64_describe@20 @1").contains("w64_ping@0 @2");
    }
}
