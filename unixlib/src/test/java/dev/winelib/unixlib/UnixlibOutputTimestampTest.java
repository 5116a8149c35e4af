package dev.winelib.unixlib;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.toolchain.BuildLog;
import dev.winelib.toolchain.build.OutputTimestamp;
import dev.winelib.toolchain.process.ToolLocator;

/**
 * A configured time (project.build.outputTimestamp / SOURCE_DATE_EPOCH) in a unixlib build: the
 * compilers of both halves see it as {@code __DATE__}/{@code __TIME__}, the DLL's TimeDateStamps
 * hold it (read back with mingw's objdump), and a new time compiles and links both halves again.
 */
class UnixlibOutputTimestampTest {

    /** 2023-11-14T22:13:20Z. */
    private static final OutputTimestamp NOV_2023 = new OutputTimestamp(Instant.ofEpochSecond(1_700_000_000L));
    /** 2024-02-29T12:00:00Z. */
    private static final OutputTimestamp FEB_2024 = new OutputTimestamp(Instant.parse("2024-02-29T12:00:00Z"));

    @TempDir
    Path dir;

    private UnixlibBuildResult build(UnixlibProject p, OutputTimestamp time) throws Exception {
        return new UnixlibBuilder(ToolLocator.fromEnvironment(), BuildLog.silent())
                .build(p.request(dir.resolve("views")).outputTimestamp(time).build());
    }

    private UnixlibProject project(String name) throws Exception {
        Tools.requireBuildTools();
        Tools.mingwObjdump();
        return UnixlibProject.write(dir.resolve(name));
    }

    /** Adds a source to each half that keeps the compile time as a string. */
    private static void addBuildTimes(UnixlibProject p) throws Exception {
        p.file("src/main/pe/built.c", "const char pe_built[] = \"pe built \" __DATE__ \" \" __TIME__;\n");
        p.file("src/main/unix/built.c", "const char unix_built[] = \"unix built \" __DATE__ \" \" __TIME__;\n");
    }

    private static String text(Path file) throws Exception {
        return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    }

    @Test
    void bothHalvesAreCompiledAtTheConfiguredTimeAndTheDllCarriesIt() throws Exception {
        UnixlibProject p = project("p");
        addBuildTimes(p);

        UnixlibBuildResult r = build(p, NOV_2023);

        assertThat(text(r.dll())).contains("pe built Nov 14 2023 22:13:20");
        assertThat(text(r.unixLibrary())).contains("unix built Nov 14 2023 22:13:20");
        assertThat(ObjdumpPeStamps.of(r.dll())).isEqualTo(new ObjdumpPeStamps(1_700_000_000L,
                OptionalLong.of(1_700_000_000L)));
        byte[] dll = Files.readAllBytes(r.dll());
        assertThat(BuiltinMarker.isMarked(dll)).isTrue();
        assertThat(BuiltinMarker.storedChecksum("demo.dll", dll)).isEqualTo(BuiltinMarker.checksum(dll,
                BuiltinMarker.checksumOffset("demo.dll", dll, BuiltinMarker.peOffset("demo.dll", dll))));
    }

    @Test
    void withoutATimeTheDllsTimeDateStampsStay0() throws Exception {
        UnixlibProject p = project("p");
        addBuildTimes(p);

        UnixlibBuildResult r = build(p, null);

        assertThat(ObjdumpPeStamps.of(r.dll())).isEqualTo(new ObjdumpPeStamps(0, OptionalLong.of(0)));
        assertThat(text(r.dll())).contains("pe built ").doesNotContain("pe built Nov 14 2023");
    }

    @Test
    void aNewTimeCompilesAndLinksBothHalvesAgain() throws Exception {
        // no source uses __DATE__: the objects come out the same, so only the link records can
        // tell that the DLL must get the new time
        UnixlibProject p = project("p");
        UnixlibBuildResult first = build(p, NOV_2023);
        assertThat(first.compiledSources()).isEqualTo(4);
        byte[] so = Files.readAllBytes(first.unixLibrary());

        UnixlibBuildResult same = build(p, NOV_2023);
        assertThat(same.compiledSources()).isZero();
        assertThat(same.linkedDll()).isFalse();
        assertThat(same.linkedUnixLibrary()).isFalse();

        UnixlibBuildResult later = build(p, FEB_2024);
        assertThat(later.compiledSources()).isEqualTo(4);
        assertThat(later.linkedDll()).isTrue();
        assertThat(later.linkedUnixLibrary()).isTrue();
        long feb2024 = FEB_2024.seconds();
        assertThat(ObjdumpPeStamps.of(later.dll())).isEqualTo(new ObjdumpPeStamps(feb2024, OptionalLong.of(feb2024)));
        assertThat(Files.readAllBytes(later.unixLibrary())).isEqualTo(so);

        UnixlibBuildResult none = build(p, null);
        assertThat(none.compiledSources()).isEqualTo(4);
        assertThat(none.linkedDll()).isTrue();
        assertThat(ObjdumpPeStamps.of(none.dll())).isEqualTo(new ObjdumpPeStamps(0, OptionalLong.of(0)));
    }

    @Test
    void aNewTimeRecompilesWhatUsesTheDate() throws Exception {
        UnixlibProject p = project("p");
        addBuildTimes(p);
        build(p, NOV_2023);

        UnixlibBuildResult later = build(p, FEB_2024);

        assertThat(later.compiledSources()).isEqualTo(6);
        assertThat(text(later.dll())).contains("pe built Feb 29 2024 12:00:00").doesNotContain("Nov 14 2023");
        assertThat(text(later.unixLibrary())).contains("unix built Feb 29 2024 12:00:00")
                .doesNotContain("Nov 14 2023");
    }
}
