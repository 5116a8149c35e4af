package dev.winelib.toolchain.differential;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.winelib.spec.TargetCpu;
import dev.winelib.toolchain.differential.Comparison.Outcome;

/**
 * The differential harness notices differences: our assembly is changed on purpose after emission, and
 * the comparison must say exactly what differs.
 */
class HarnessSelfTest {

    private static final String SPEC = """
            1 stdcall a() impl_a
            2 stdcall b() impl_b
            3 stdcall c() kernel32.C
            5 stub d
            """;

    @TempDir
    static Path dir;

    static DifferentialTools.Found tools;
    static Path spec;

    @BeforeAll
    static void setUp() throws Exception {
        tools = DifferentialTools.require();
        spec = Files.writeString(dir.resolve("t.spec"), SPEC);
    }

    private Comparison compareWithEdit(String name, UnaryOperator<String> edit) throws Exception {
        return compareWithEdit(name, edit, TargetCpu.X86_64);
    }

    private Comparison compareWithEdit(String name, UnaryOperator<String> edit, TargetCpu cpu) throws Exception {
        Path work = Files.createDirectory(dir.resolve(name + "-" + cpu));
        return new WinebuildDifferential(tools, work, edit, cpu).compare(spec, "t.dll");
    }

    @ParameterizedTest
    @EnumSource(TargetCpu.class)
    void unchangedAssemblyIsIdentical(TargetCpu cpu) throws Exception {
        Comparison c = compareWithEdit("unchanged", UnaryOperator.identity(), cpu);
        assertThat(c.outcome()).as(c.report()).isEqualTo(Outcome.IDENTICAL);
        assertThat(c.ourView().orElseThrow().describe()).contains("1: name 'a', symbol impl_a",
                "3: name 'c', forward kernel32.C", "5: name 'd', symbol __wine_stub_d");
    }

    @ParameterizedTest
    @EnumSource(TargetCpu.class)
    void slotPointingAtAnotherSymbolIsReported(TargetCpu cpu) throws Exception {
        String ptr = cpu == TargetCpu.I386 ? ".long" : ".quad";
        Comparison c = compareWithEdit("symbol", asm -> asm.replace("\t" + ptr + " impl_a\n", "\t" + ptr + " impl_b\n"),
                cpu);
        assertThat(c.outcome()).as(c.report()).isEqualTo(Outcome.EXPORTS_DIFFER);
        assertThat(c.differences()).containsExactly(
                "ordinal 1: winebuild name 'a', symbol impl_a; ours name 'a', symbol impl_b");
        assertThat(c.report()).contains("files kept in");
    }

    @ParameterizedTest
    @EnumSource(TargetCpu.class)
    void differentForwardIsReported(TargetCpu cpu) throws Exception {
        Comparison c = compareWithEdit("forward", asm -> asm.replace("\"kernel32.C\"", "\"kernel32.D\""), cpu);
        assertThat(c.differences()).containsExactly(
                "ordinal 3: winebuild name 'c', forward kernel32.C; ours name 'c', forward kernel32.D");
    }

    @ParameterizedTest
    @EnumSource(TargetCpu.class)
    void differentModuleNameAndNameTableAreReported(TargetCpu cpu) throws Exception {
        Comparison c = compareWithEdit("names", asm -> asm.replace("\"t.dll\"", "\"u.dll\"")
                .replace(".string \"b\"", ".string \"B\""), cpu);
        assertThat(c.differences()).containsExactly(
                "DLL name: winebuild 't.dll', ours 'u.dll'",
                "name table: winebuild has 4 names, ours 4; first difference at index 1: winebuild 'b', ours 'B'",
                "ordinal 2: winebuild name 'b', symbol impl_b; ours name 'B', symbol impl_b");
    }

    @Test
    void ourAssemblyThatDoesNotAssembleIsAFailureOfOurs() throws Exception {
        Comparison c = compareWithEdit("broken", asm -> asm + "\n\tnot_an_instruction\n");
        assertThat(c.outcome()).as(c.report()).isEqualTo(Outcome.OUR_BUILD_FAILED);
        assertThat(c.mismatch()).isTrue();
        assertThat(c.details()).contains("cannot assemble winebuild-j's output", "not_an_instruction");
    }
}
