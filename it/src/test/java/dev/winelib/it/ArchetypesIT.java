package dev.winelib.it;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

/**
 * The archetypes, as a newcomer uses them: {@code mvn archetype:generate} with dev.winelib:winelib-archetype
 * or dev.winelib:unixlib-archetype, then {@code mvn verify} in the new project builds the module, runs its
 * Windows test program under Wine (one Surefire report) and leaves target/compile_commands.json.
 */
class ArchetypesIT {

    @Test
    void winelibArchetypeGivesAProjectThatVerifiesUnderWine() throws Exception {
        TestProject project = generateAndVerify("winelib-archetype", "my-winelib");

        assertThat(project.resolve("src/main/spec/my-winelib.spec")).content().contains("@ stdcall add_numbers");
        assertThat(project.resolve("src/main/c/my-winelib.c")).content().contains("WINAPI");
        assertThat(project.resolve("src/main/unix/linux_side.c")).content().contains("uname(");
        assertThat(project.resolve("target/my-winelib.dll")).isRegularFile();
        // both source directories: the Windows-facing C and the plain-Linux code
        assertThat(project.resolve("target/compile_commands.json")).content()
                .contains("src/main/c/my-winelib.c\"").contains("src/main/unix/linux_side.c\"");
    }

    @Test
    void unixlibArchetypeGivesAProjectThatVerifiesUnderWine() throws Exception {
        TestProject project = generateAndVerify("unixlib-archetype", "my-unixlib");

        assertThat(project.resolve("src/main/spec/calls.unixcalls")).content().contains("call uname_sysname");
        assertThat(project.resolve("target/my-unixlib.dll")).isRegularFile();
        assertThat(project.resolve("target/my-unixlib.so")).isRegularFile();
        // both halves: the PE half with MinGW, the Unix half with the Linux compiler
        assertThat(project.resolve("target/compile_commands.json")).content()
                .contains("src/main/pe/my-unixlib.c\"").contains("src/main/unix/my-unixlib_unix.c\"")
                .contains("x86_64-w64-mingw32-gcc");
    }

    private static TestProject generateAndVerify(String archetype, String artifactId) throws Exception {
        ExternalTools.requireBuildTools();
        ExternalTools.mingwGcc();
        ExternalTools.wine();
        TestProject project = TestProject.generate("archetype-" + artifactId, archetype, "com.example", artifactId);

        assertThat(project.resolve("pom.xml")).content()
                .contains("<artifactId>" + artifactId + "</artifactId>")
                .contains("<version>" + ItSettings.pluginVersion() + "</version>");
        assertThat(project.resolve(".gitignore")).hasContent("target/");

        TestProject.MavenRun build = project.mvn(List.of("verify"),
                Map.of("winelib.winePrefix", ItSettings.winePrefix().toString()), Map.of(), true).assertSuccess();

        assertThat(build.infoLinesStartingWith("Windows test program ")).singleElement(as(InstanceOfAssertFactories.STRING))
                .startsWith("Windows test program test_" + artifactId + " passed");
        assertThat(build.infoLinesStartingWith("Windows test programs: ")).containsExactly(
                "Windows test programs: 1 run, 0 failed");
        Path report = project.resolve("target/winelib-reports/TEST-test_" + artifactId + ".xml");
        assertThat(report).content().contains("failures=\"0\"").contains("kernel").contains("Linux");
        assertThat(project.resolve("target/compile_commands.json")).content()
                .contains("\"directory\"").contains("\"arguments\"").contains("\"file\"");
        return project;
    }
}
