package dev.winelib.asm.elf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;

import dev.winelib.spec.TargetCpu;

/**
 * With many fixups, the sections other than the largest resolve theirs on a second thread: the object
 * and the first error are those of resolving them one after another.
 */
class ParallelFixupsTest {

    private static final int ONE_THREAD = Integer.MAX_VALUE;
    private static final int TWO_THREADS = 1;

    /**
     * Code (the first section of an object), data and read-only data sections, each with fixups, the
     * code or the data the largest; the extra lines at the end of the data and of the code.
     */
    private static String source(boolean largeText, String dataExtra, String textExtra, TargetCpu cpu) {
        boolean i386 = cpu == TargetCpu.I386;
        int data = largeText ? 300 : 1200;
        int text = largeText ? 900 : 200;
        StringBuilder s = new StringBuilder();
        s.append(".data\nd0:\n");
        for (int i = 0; i < data; i++) {
            s.append(i386 ? ".long ext" : ".quad ext").append(i).append('\n');
            s.append(".long d0 + ").append(i).append(" - d0\n");
        }
        s.append(dataExtra);
        s.append(".section .rodata\nr0:\n");
        for (int i = 0; i < 200; i++) {
            s.append(".long t").append(i).append(" - t0\n");
        }
        s.append(".text\n");
        for (int i = 0; i < Math.max(text, 200); i++) {
            s.append('t').append(i).append(":\n");
            s.append(i386 ? "movl $d0,%ecx\n" : "leaq d0(%rip),%rcx\n");
            s.append("call ext").append(i).append('\n');
        }
        s.append(textExtra);
        return s.toString();
    }

    @Test
    void theObjectIsTheSame() {
        for (TargetCpu cpu : new TargetCpu[] {TargetCpu.X86_64, TargetCpu.I386}) {
            for (boolean largeText : new boolean[] {true, false}) {
                String text = source(largeText, "", "", cpu);
                assertThat(ElfAssembler.assemble(text, cpu, TWO_THREADS))
                        .isEqualTo(ElfAssembler.assemble(text, cpu, ONE_THREAD));
            }
        }
    }

    @Test
    void theErrorOfTheFirstSectionInOrderIsReported() {
        String dataError = ".long d0 - t0\n";
        String textError = ".long t0 - d0\n";
        for (boolean largeText : new boolean[] {true, false}) {
            for (String[] extras : new String[][] {{dataError, textError}, {dataError, ""}, {"", textError}}) {
                String text = source(largeText, extras[0], extras[1], TargetCpu.X86_64);
                Throwable two = catchThrowable(() -> ElfAssembler.assemble(text, TargetCpu.X86_64, TWO_THREADS));
                Throwable one = catchThrowable(() -> ElfAssembler.assemble(text, TargetCpu.X86_64, ONE_THREAD));
                assertThat(two).isInstanceOf(AssemblyException.class).hasMessage(one.getMessage());
                // the code section comes first in an object
                assertThat(two.getMessage()).endsWith(extras[1].isEmpty() ? "(.data)" : "(.text)");
            }
        }
    }
}
