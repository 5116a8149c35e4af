package dev.winelib.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * {@code mvn -T 2C package} over an aggregator of four winelib modules (src/it/concurrent-modules):
 * the modules build at the same time in one JVM (sharing the sysroot cache, the compile slots and the
 * plugin), each DLL is the one a build on its own gives, a second parallel build finds everything up
 * to date, and a DLL removed in between is linked again.
 */
class ConcurrentModulesIT {

    private static final List<String> MODULES = List.of("alpha", "beta", "gamma", "delta");

    @Test
    void parallelReactorBuildsEveryDllAsASerialOneDoes() throws Exception {
        ExternalTools.requireBuildTools();
        TestProject parallel = TestProject.copy("concurrent-modules");

        TestProject.MavenRun build = parallel.mvn(List.of("-T", "2C", "package"), Map.of(), Map.of(), true)
                .assertSuccess();
        assertThat(build.text()).contains("Using the MultiThreadedBuilder implementation with a thread count of");
        List<String> expected = new ArrayList<>();
        for (String m : MODULES) {
            expected.add("winelib DLL " + parallel.resolve(m + "/target/" + m + ".dll") + " (3 exports)");
        }
        assertThat(build.infoLinesStartingWith("winelib DLL ")).containsExactlyInAnyOrderElementsOf(expected);

        TestProject.MavenRun again = parallel.mvn(List.of("-T", "2C", "package"), Map.of(), Map.of(), true)
                .assertSuccess();
        assertThat(again.infoLinesStartingWith("winelib DLL ")).hasSize(MODULES.size())
                .allMatch(l -> l.endsWith("(3 exports, up to date)"));

        Files.delete(parallel.resolve("beta/target/beta.dll"));
        TestProject.MavenRun relink = parallel.mvn(List.of("-T", "2C", "package"), Map.of(), Map.of(), true)
                .assertSuccess();
        assertThat(relink.infoLinesStartingWith("winelib DLL ").stream().filter(l -> !l.endsWith("up to date)")))
                .containsExactly("winelib DLL " + parallel.resolve("beta/target/beta.dll") + " (3 exports)");

        // the same sources built one module at a time give the same bytes
        TestProject serial = TestProject.copyAs("concurrent-modules", "concurrent-modules-serial");
        serial.mvnPackage().assertSuccess();
        for (String m : MODULES) {
            Path dll = parallel.resolve(m + "/target/" + m + ".dll");
            assertThat(dll).hasBinaryContent(Files.readAllBytes(serial.resolve(m + "/target/" + m + ".dll")));
            try (var left = Files.list(parallel.resolve(m + "/target"))) {
                assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
            }
        }
    }
}
