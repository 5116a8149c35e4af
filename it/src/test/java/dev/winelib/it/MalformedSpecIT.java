package dev.winelib.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** A spec file with a syntax error: the build fails, names file:line:column, and leaves no DLL. */
class MalformedSpecIT {

    /** Line 3 of src/it/malformed-spec/src/main/spec/hello.spec; 'lnog' starts in column 34. */
    private static final String BAD_LINE = "@ stdcall hello_proc_version(ptr lnog)";

    @Test
    void buildFailsAtTheBadLineAndLeavesNoDll() throws Exception {
        TestProject project = TestProject.copy("malformed-spec");
        Path spec = project.resolve("src/main/spec/hello.spec");
        assertThat(Files.readAllLines(spec, StandardCharsets.UTF_8).get(2)).isEqualTo(BAD_LINE);

        TestProject.MavenRun build = project.mvnPackage().assertFailure();

        String location = spec + ":3:34: unknown argument type 'lnog'";
        assertThat(build.log()).as(build.text())
                .anySatisfy(line -> assertThat(line).startsWith("[ERROR] ").contains(location));
        // the spec is read before anything is compiled
        assertThat(build.infoLinesStartingWith("compiling ")).isEmpty();
        assertThat(build.infoLinesStartingWith("linking ")).isEmpty();
        assertThat(project.dllsInTarget()).isEmpty();
    }

    @Test
    void failedBuildRemovesTheDllOfAnEarlierBuild() throws Exception {
        ExternalTools.requireBuildTools();
        TestProject project = TestProject.copy("malformed-spec");
        Path spec = project.resolve("src/main/spec/hello.spec");
        String bad = Files.readString(spec, StandardCharsets.UTF_8);
        Files.writeString(spec, bad.replace("(ptr lnog)", "(ptr long)"), StandardCharsets.UTF_8);
        project.mvnPackage().assertSuccess();
        assertThat(project.dllsInTarget()).containsExactly("hello.dll");

        Files.writeString(spec, bad, StandardCharsets.UTF_8);
        TestProject.MavenRun build = project.mvnPackage().assertFailure();

        assertThat(build.text()).contains(spec + ":3:34: unknown argument type 'lnog'");
        assertThat(project.dllsInTarget()).isEmpty();
    }
}
