package dev.winelib.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * it/src/it/windows-tests: mvn verify builds gb.dll, its import library and .def, and runs the two Windows
 * test programs of src/test/windows under Wine, one Surefire report each. A failing program fails the build,
 * named with its exit code and output, and gets a failure in its report; -DskipTests skips the programs. A
 * missing WINAPI and an export nothing defines fail the build at their spec line.
 */
class WindowsTestsIT {

    @Test
    void verifyRunsTheTestProgramsUnderWineAndReportsEach() throws Exception {
        ExternalTools.requireBuildTools();
        ExternalTools.mingwGcc();
        ExternalTools.wine();
        TestProject project = TestProject.copy("windows-tests");

        TestProject.MavenRun build = project.mvnInstall().assertSuccess();

        assertThat(passed(build)).containsExactly("Windows test program add passed",
                "Windows test program multi passed");
        assertThat(build.infoLinesStartingWith("Windows test programs: ")).containsExactly(
                "Windows test programs: 2 run, 0 failed");
        Path reports = project.resolve("target/winelib-reports");
        try (var files = Files.list(reports)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("TEST-add.xml", "TEST-multi.xml");
        }
        Element add = report(reports.resolve("TEST-add.xml"));
        assertThat(add.getAttribute("name")).isEqualTo("add");
        assertThat(add.getAttribute("tests")).isEqualTo("1");
        assertThat(add.getAttribute("failures")).isEqualTo("0");
        assertThat(add.getElementsByTagName("testcase").getLength()).isEqualTo(1);
        assertThat(add.getElementsByTagName("failure").getLength()).isZero();
        assertThat(text(add, "system-out")).isEqualTo("gb_add(2, 40) = 42\n");
        assertThat(text(report(reports.resolve("TEST-multi.xml")), "system-out"))
                .isEqualTo("gb_mul(6, 7) = 42\nmulti: 0 failures\n");

        // the import library and the .def are attached for downstream projects
        Path installed = ItSettings.localRepository().resolve("dev/winelib/it/windows-tests/1.0");
        assertThat(installed.resolve("windows-tests-1.0-x86_64-windows.a"))
                .hasSameBinaryContentAs(project.resolve("target/libgb.a"));
        assertThat(installed.resolve("windows-tests-1.0-x86_64-windows.def")).content()
                .contains("LIBRARY gb.dll").contains("gb_add @1").contains("gb_mul @2");

        // a failing program: the build fails naming it, its exit code and its output; its report has a failure
        Files.writeString(project.resolve("src/test/windows/fails.c"), """
                #include <stdio.h>
                #include "gb.h"
                int main(void)
                {
                    printf("gb_add(1, 1) = %d, \\033[1mabout to fail\\033[0m\\001\\n", gb_add(1, 1));
                    return 3;
                }
                """);
        TestProject.MavenRun failing = project.mvn(java.util.List.of("verify"), Map.of(), Map.of(), true)
                .assertFailure();
        assertThat(failing.text())
                .contains("[WARNING] Windows test program fails FAILED: exit code 3")
                .contains("1 of 3 Windows test programs failed under Wine:")
                .contains("fails: exit code 3, output:")
                .contains("gb_add(1, 1) = 2, ").contains("about to fail");
        assertThat(passed(failing)).containsExactly("Windows test program add passed",
                "Windows test program multi passed");
        Element fails = report(reports.resolve("TEST-fails.xml"));
        assertThat(fails.getAttribute("failures")).isEqualTo("1");
        Element failure = (Element) fails.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("exit code 3");
        assertThat(failure.getTextContent()).contains("fails.exe: exit code 3")
                .contains("gb_add(1, 1) = 2, \\x1B[1mabout to fail\\x1B[0m\\x01");
        assertThat(text(fails, "system-out")).isEqualTo("gb_add(1, 1) = 2, \\x1B[1mabout to fail\\x1B[0m\\x01\n");

        // -DskipTests: no program runs
        TestProject.deleteRecursively(reports);
        TestProject.MavenRun skipped = project.mvn(java.util.List.of("verify"), Map.of("skipTests", "true"),
                Map.of(), true).assertSuccess();
        assertThat(skipped.infoLinesStartingWith("Windows test program")).containsExactly(
                "Windows test programs skipped");
        assertThat(reports).doesNotExist();
    }

    @Test
    void anExportWithoutWinapiFailsAtItsSpecLine() throws Exception {
        ExternalTools.requireBuildTools();
        TestProject project = TestProject.copy("windows-tests");
        Path source = project.resolve("src/main/c/gb.c");
        Files.writeString(source, Files.readString(source).replace("int WINAPI gb_mul", "int gb_mul"));

        TestProject.MavenRun build = project.mvnPackage().assertFailure();

        assertThat(build.log()).as(build.text()).anySatisfy(line -> assertThat(line).startsWith("[ERROR] ")
                .contains(project.resolve("src/main/spec/gb.spec") + ":2:1: function 'gb_mul' (stdcall) is defined in"
                        + " src/main/c/gb.c without the Windows calling convention: declare it WINAPI"));
        assertThat(build.text()).doesNotContain("gb_add' (stdcall)");
        assertThat(project.dllsInTarget()).isEmpty();
    }

    @Test
    void anExportNothingDefinesFailsAtItsSpecLineWithAHintForAStaticFunction() throws Exception {
        ExternalTools.requireBuildTools();
        TestProject project = TestProject.copy("windows-tests");
        Path spec = project.resolve("src/main/spec/gb.spec");
        Files.writeString(spec, Files.readString(spec) + "@ stdcall gb_sub(long long)\n");
        Path source = project.resolve("src/main/c/gb.c");
        Files.writeString(source, Files.readString(source)
                + "\nstatic int WINAPI gb_sub(int a, int b)\n{\n    return a - b;\n}\n");

        TestProject.MavenRun build = project.mvnPackage().assertFailure();

        assertThat(build.text())
                .contains(spec + ":3:1: function 'gb_sub' is not defined: no object defines it and no imported DLL"
                        + " exports it\nsrc/main/c/gb.c defines 'gb_sub' as static, which only that file can see:"
                        + " remove 'static' so the export can use it")
                .doesNotContain(".spec.o").doesNotContain("module.o:");
        assertThat(project.dllsInTarget()).isEmpty();
    }

    /** The lines that say a program passed, without their time. */
    private static java.util.List<String> passed(TestProject.MavenRun build) {
        return build.infoLinesStartingWith("Windows test program ").stream()
                .map(l -> l.replaceAll(" \\([0-9.]+ s\\)$", "")).toList();
    }

    private static Element report(Path file) throws Exception {
        assertThat(file).isRegularFile();
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        Element suite = document.getDocumentElement();
        assertThat(suite.getTagName()).as(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo("testsuite");
        return suite;
    }

    private static String text(Element suite, String tag) {
        return suite.getElementsByTagName(tag).item(0).getTextContent();
    }
}
