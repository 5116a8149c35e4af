package dev.winelib.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * WINEDEBUG=+relay traces the calls into a DLL built by this tool, with their arguments, exactly
 * as it traces the same DLL built by winegcc and the real winebuild.
 */
class RelayIT {

    private static final Pattern RELAY_LINE = Pattern.compile("^[0-9a-f]+:(Call|Ret) +(relay\\.[^ (]*)(.*?)(?: ret=[0-9a-f]+)?$");

    @Test
    void relayTracesCallsLikeAWinebuildBuiltDll() throws Exception {
        ExternalTools.requireBuildTools();
        ExternalTools.mingwGcc();
        Path winegcc = ExternalTools.winegcc();
        Wine wine = Wine.locate();
        TestProject project = TestProject.copy("relay");
        project.mvnPackage().assertSuccess();

        Path run = project.resolve("run");
        Path exe = MingwHost.compile(project.resolve("host/host.c"), run, "host.exe");
        Files.copy(project.resolve("target/relay.dll"), run.resolve("relay.dll"));
        Programs.Result ours = wine.runWithDebug(run, exe, "+relay");
        assertThat(ours.exitCode()).as(ours.describe("exit code")).isZero();
        assertThat(ours.stdout().strip()).isEqualTo("add=42 strlen=5 wcslen=4 scale=10 count=3 quiet=-7");

        List<String> traced = relayLines(ours.stderr());
        // the host evaluates printf's arguments right to left; varargs and -norelay exports are not traced
        assertThat(traced).as(ours.describe("relay lines")).containsExactly(
                "Call relay.relay_scale(g,00000004)",
                "Ret  relay.relay_scale() retval=0000000a",
                "Call relay.relay_wcslen(L\"wide\")",
                "Ret  relay.relay_wcslen() retval=00000004",
                "Call relay.relay_strlen(\"hello\")",
                "Ret  relay.relay_strlen() retval=00000005",
                "Call relay.relay_add(00000002,00000028)",
                "Ret  relay.relay_add() retval=0000002a");

        // the same module built by winegcc, which runs the real winebuild
        Path reference = project.resolve("reference");
        Files.createDirectories(reference);
        Programs.Result built = Programs.run(List.of(winegcc.toString(), "-shared", "-o",
                reference.resolve("relay.dll.so").toString(), project.resolve("src/main/spec/relay.spec").toString(),
                project.resolve("src/main/c/relay.c").toString()), reference, java.util.Map.of(), e -> {
                }, reference.resolve("winegcc"), java.time.Duration.ofSeconds(120), () -> {
                });
        assertThat(built.exitCode()).as(built.describe("winegcc")).isZero();
        Files.copy(exe, reference.resolve("host.exe"));
        Files.copy(reference.resolve("relay.dll.so"), reference.resolve("relay.dll"));
        Programs.Result theirs = wine.runWithDebug(reference, reference.resolve("host.exe"), "+relay");
        assertThat(theirs.stdout().strip()).isEqualTo(ours.stdout().strip());
        assertThat(relayLines(theirs.stderr())).isEqualTo(traced);
    }

    /** Relay trace lines about module "relay", without thread ids, pointer values and return addresses. */
    static List<String> relayLines(String stderr) {
        return stderr.lines().map(RELAY_LINE::matcher).filter(Matcher::matches)
                .map(m -> (m.group(1).equals("Call") ? "Call " : "Ret  ") + m.group(2)
                        + m.group(3).replaceAll("[0-9a-f]+ (?=L?\")", ""))
                .toList();
    }
}
