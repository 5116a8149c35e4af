package dev.winelib.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** examples/hello itself: mvn package builds hello.dll, and a Windows program calls it under Wine. */
class HelloIT {

    @Test
    void helloDllBuiltByMavenIsLoadedAndCalledUnderWine() throws Exception {
        ExternalTools.requireBuildTools();
        ExternalTools.mingwGcc();
        Wine wine = Wine.locate();
        TestProject project = TestProject.copyExample("hello");

        TestProject.MavenRun build = project.mvnPackage().assertSuccess();

        Path dll = project.resolve("target/hello.dll");
        assertThat(project.dllsInTarget()).containsExactly("hello.dll");
        assertThat(build.infoLinesStartingWith("winelib DLL "))
                .containsExactly("winelib DLL " + dll + " (2 exports)");
        byte[] bytes = Files.readAllBytes(dll);
        assertThat(bytes).startsWith(0x7f, 'E', 'L', 'F');

        HelloExample.assertHostCallsDll(wine, project, dll);
    }
}
