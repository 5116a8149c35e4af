package dev.winelib.asm.elf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.winelib.spec.TargetCpu;

/**
 * Text written into an {@link AssemblyWriter} in pieces of any size gives the object the whole text
 * gives to {@link ElfAssembler#assemble}, across comments, quotes and more than one piece.
 */
class AssemblyWriterTest {

    private static String text() {
        StringBuilder b = new StringBuilder("\t.text\n/* a comment\n over lines; with \"quotes\" and # */\n");
        for (int i = 0; i < 3000; i++) {
            b.append("f").append(i).append(":\tmovl $").append(i).append(",%eax # ; not a statement\n")
                    .append("\tret ; nop\n")
                    .append("\t.section .rodata\n\t.string \"a;b#c/*").append(i).append("\\\"\"\n\t.text\n");
            if (i % 500 == 0) {
                b.append("/* long\n\n comment */ nop\n");
            }
        }
        b.append("\t.data\n\t.quad f1\n");
        return b.toString();
    }

    @Test
    void piecesGiveTheObjectTheWholeTextGives() {
        String text = text();
        assertThat(text.length()).isGreaterThan(100_000);
        byte[] whole = ElfAssembler.assemble(text);
        Random random = new Random(20);
        for (int run = 0; run < 3; run++) {
            AssemblyWriter writer = new AssemblyWriter();
            int at = 0;
            while (at < text.length()) {
                int n = Math.min(text.length() - at, 1 + random.nextInt(run == 0 ? 3 : 5000));
                if (random.nextBoolean()) {
                    writer.write(text, at, n);
                } else {
                    writer.write(text.substring(at, at + n).toCharArray(), 0, n);
                }
                at += n;
            }
            assertThat(writer.object()).isEqualTo(whole);
        }
    }

    @Test
    void errorsNameTheLineOfTheWholeText() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            text.append("\tnop\n");
        }
        text.append("\tnot_an_instruction %eax\n");
        AssemblyWriter writer = new AssemblyWriter();
        writer.write(text.toString());
        writer.write("\tnop\n");
        assertThatThrownBy(writer::object).isInstanceOf(AssemblyException.class)
                .hasMessageStartingWith("line 5001:");
    }

    /** Immediates on both sides of every size boundary, each instruction given more than once. */
    private static final long[] IMMEDIATES = {0, 5, 127, 128, 200, 255, 256, 300, 65535, 65536, 0x12345,
        (1L << 24) + 7, (1L << 31) - 1, -1, -128, -129, 9999, 128, 200, 0x12345, 5};

    @Test
    void typedInstructionsWithAnImmediateGiveTheObjectTheTextGives() {
        String[][] x8664 = {{"movl", "%edx"}, {"movl", "%r9d"}, {"addl", "%eax"}, {"addl", "%ecx"},
            {"pushq", ""}, {"movq", "%rax"}, {"movl", "8(%rsp)"}, {"cmpl", "16(%rcx)"}};
        String[][] i386 = {{"pushl", ""}, {"movl", "%edx"}, {"addl", "%esi"}, {"movl", "4(%esp)"}};
        assertTypedImmediatesMatchText(TargetCpu.X86_64, x8664);
        assertTypedImmediatesMatchText(TargetCpu.I386, i386);
    }

    private static void assertTypedImmediatesMatchText(TargetCpu cpu, String[][] forms) {
        StringBuilder text = new StringBuilder("\t.text\n");
        AssemblyWriter typed = new AssemblyWriter(cpu);
        typed.write("\t.text\n");
        for (long immediate : IMMEDIATES) {
            for (String[] form : forms) {
                text.append('\t').append(form[0]).append(" $").append(immediate)
                        .append(form[1].isEmpty() ? "" : "," + form[1]).append('\n');
                typed.instruction(form[0], immediate, form[1]);
            }
        }
        assertThat(typed.object()).isEqualTo(ElfAssembler.assemble(text.toString(), cpu));
    }
}
