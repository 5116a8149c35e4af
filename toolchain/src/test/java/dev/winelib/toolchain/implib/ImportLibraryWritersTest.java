package dev.winelib.toolchain.implib;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.spec.ModuleSpec;
import dev.winelib.spec.SpecParser;
import dev.winelib.toolchain.BuildLog;
import dev.winelib.toolchain.differential.DifferentialTools;
import dev.winelib.toolchain.imports.ExportLists;
import dev.winelib.toolchain.process.ProcessRunner;
import dev.winelib.toolchain.process.ToolCommand;
import dev.winelib.toolchain.process.ToolLocator;

/**
 * Import libraries as winebuild's {@code --implib} writes them: the Unix one (winegcc links winelib
 * modules against it) with the same thunks in the same order, the Windows one (for MinGW) byte for
 * byte.
 */
class ImportLibraryWritersTest {

    static final String SPEC = """
            @ stdcall hello_add(long long)
            @ cdecl hello_printf(str) printf
            5 stdcall -noname hidden(ptr)
            6 cdecl -ordinal byord()
            @ extern hello_data
            @ stub later
            @ stdcall -private DllCanUnloadNow()
            @ stdcall Fwd(long) kernel32.Sleep
            @ varargs vfunc(str)
            @ cdecl ??2@YAPEAX_K@Z(long) cpp_new
            """;

    @TempDir
    Path dir;

    private Path winebuild;
    private ModuleSpec spec;

    @BeforeEach
    void setUp() throws Exception {
        winebuild = DifferentialTools.require().winebuild();
        Files.writeString(dir.resolve("imp.spec"), SPEC);
        spec = SpecParser.parse(dir.resolve("imp.spec"), Optional.empty());
    }

    private static Path tool(String name, String debianPackage) {
        Optional<Path> p = ToolLocator.fromEnvironment().find(name);
        if (p.isEmpty()) {
            String message = "this test needs " + name + " (Debian package " + debianPackage + ")";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(message);
            }
            Assumptions.abort(message);
        }
        return p.get();
    }

    @Test
    void unixImportLibraryHasWinebuildsThunks() throws Exception {
        Path gcc = tool("gcc", "gcc");
        Path ar = tool("ar", "binutils");
        Path ours = dir.resolve("libimp.a");
        int count = UnixImportLibraryWriter.write(spec, List.of(), ours, ToolCommand.of(ar), BuildLog.silent());
        ProcessRunner.check("winebuild", List.of(winebuild.toString(), "--implib", "-E", "imp.spec", "-o",
                "wb.a"), dir);
        assertThat(thunks(ours)).isEqualTo(thunks(dir.resolve("wb.a")));
        assertThat(count).isEqualTo(6);
        assertThat(thunks(ours)).contains("T hello_add U __wine$func$imp$7$hello_add",
                "T hidden U __wine$ord$imp$5$hidden", "T byord U __wine$ord$imp$6$byord");
        // the toolchain reads it back as the DLL's export list
        assertThat(ExportLists.importedDlls(ours)).containsExactly("imp.dll");
        assertThat(ExportLists.standard(List.of(), List.of(ours)).find("imp").orElseThrow().byName("hello_add"))
                .isPresent();

        Path again = dir.resolve("again/libimp.a");
        Files.createDirectories(again.getParent());
        UnixImportLibraryWriter.write(spec, List.of(), again, ToolCommand.of(ar), BuildLog.silent());
        assertThat(Files.readAllBytes(again)).as("reproducible").isEqualTo(Files.readAllBytes(ours));
    }

    /** Per member, in archive order: its defined and undefined symbols. */
    private List<String> thunks(Path archive) throws Exception {
        String nm = ProcessRunner.check("nm", List.of(tool("nm", "binutils").toString(), archive.toString()), dir);
        List<String> members = new ArrayList<>();
        StringBuilder current = null;
        for (String line : nm.lines().toList()) {
            if (line.endsWith(".o:")) {
                if (current != null) {
                    members.add(current.toString().strip());
                }
                current = new StringBuilder();
            } else if (!line.isBlank() && current != null) {
                String[] parts = line.strip().split("\\s+");
                String kind = parts[parts.length - 2];
                if (kind.equals("T")) {
                    current.insert(0, "T " + parts[parts.length - 1] + " ");
                } else {
                    current.append(kind).append(' ').append(parts[parts.length - 1]).append(' ');
                }
            }
        }
        if (current != null) {
            members.add(current.toString().strip());
        }
        return members;
    }

    @Test
    void windowsImportLibraryIsWinebuilds() throws Exception {
        Path dlltool = tool("x86_64-w64-mingw32-dlltool", "binutils-mingw-w64-x86-64");
        for (String name : List.of("libimp.a", "libimp.delay.a")) {
            Path theirsDir = Files.createDirectories(dir.resolve("theirs"));
            Files.copy(dir.resolve("imp.spec"), theirsDir.resolve("imp.spec"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            ProcessRunner.check("winebuild", List.of(winebuild.toString(), "--implib", "-b", "x86_64-w64-mingw32",
                    "-E", "imp.spec", "-o", name), theirsDir);
            Path ours = Files.createDirectories(dir.resolve("ours/sub")).resolve(name);
            WindowsImportLibraryWriter.write(spec, List.of(), ours, ToolCommand.of(dlltool), Optional.empty(),
                    BuildLog.silent());
            assertThat(Files.readAllBytes(ours)).as(name).isEqualTo(Files.readAllBytes(theirsDir.resolve(name)));
        }
        try (var files = Files.list(dir.resolve("ours/sub"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("libimp.a",
                    "libimp.delay.a");
        }
    }
}
