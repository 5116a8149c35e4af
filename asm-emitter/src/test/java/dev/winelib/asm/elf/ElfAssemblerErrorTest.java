package dev.winelib.asm.elf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.winelib.spec.TargetCpu;

/**
 * Everything outside the supported subset ends in an {@link AssemblyException} naming the line and the
 * construct: nothing is assembled differently from GNU as without a word.
 */
class ElfAssemblerErrorTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            .set x, 1                          | directive '.set' is not supported
            .incbin "file"                     | directive '.incbin' is not supported
            .comm buf, 16                      | directive '.comm' is not supported
            .pushsection .data                 | directive '.pushsection' is not supported
            .section .weird                    | section .weird needs its flags
            .section .x, "aM", @progbits, 4    | section flag 'M' is not supported
            .section .x, "a", @init_array      | section type '@init_array' is not supported
            .text 1                            | unexpected '1' after .text
            .type f, @gnu_indirect_function    | symbol type 'gnu_indirect_function' is not supported
            .byte 256                          | value 256 does not fit in 1 byte
            .short -32769                      | value -32769 does not fit in 2 bytes
            .long 0x100000000                  | value 4294967296 does not fit in 4 bytes
            .align 3                           | alignment 3 is not a power of 2
            .p2align 31                        | alignment 2^31 is out of range
            .skip -1                           | size -1 is out of range
            .ascii "\\q"                       | unknown escape '\\q'
            .ascii "open                       | quoted text is not closed
            .long x * 2                        | must be a constant
            .long a + b                        | can add only one symbol
            .long 1 / 0                        | division by zero
            cpuid                              | instruction 'cpuid' is not supported
            movw %ax, %bx                      | unknown or unsupported register '%ax'
            mov %al, %bl                       | unknown or unsupported register '%al'
            mov %fs:0, %rax                    | unknown or unsupported register '%fs'
            mov $1, (%rax)                     | operand size of 'mov' is ambiguous
            mov $sym, %rax                     | a symbol as immediate is only supported by 'movabs'
            mov sym, %rax                      | operands of 'mov' are not supported
            mov sym(%rax), %rcx                | a symbol as displacement is only supported %rip-relative
            movq %xmm0, %xmm1                  | operands of 'movq' are not supported
            jmp %rax                           | 'jmp' needs a target
            jmpl *%rax                         | 'jmpl' has no 32-bit form
            call *%eax                         | a 64-bit register is needed
            jmp a - b                          | must be a symbol
            push %eax                          | 'push' takes a 64-bit register
            ret %eax                           | 'ret' takes 0 operands
            ret $0x10000                       | 'ret' pops 0 to 65535 bytes
            mov (%rax,%rsp), %rcx              | %rsp cannot be an index register
            lea (%rip,%rax), %rcx              | %rip-relative operands cannot have an index
            add $0x100000000, %rax             | does not fit in 32 bits
            """)
    void refusesWithTheLine(String statement, String message) {
        String text = "\t.text\n\tnop\n\t" + statement + "\n";
        assertThatThrownBy(() -> ElfAssembler.assemble(text))
                .isInstanceOf(AssemblyException.class)
                .hasMessageStartingWith("line 3: ")
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((AssemblyException) e).line()).isEqualTo(3));
    }

    /** i386 ({@code as --32}): what does not exist in 32-bit code is refused, naming the line. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            pushq $1                           | 64-bit operands do not exist in 32-bit (i386) code
            movl %r8d, %eax                    | register %r8d does not exist in 32-bit (i386) code
            movl (%rax), %eax                  | register %rax does not exist in 32-bit (i386) code
            lea 1(%rip), %eax                  | register %rip does not exist in 32-bit (i386) code
            movabs $1, %eax                    | 'movabs' does not exist in 32-bit (i386) code
            .quad undefined_symbol             | an 8-byte address cannot be relocated in a 32-bit (i386) object
            push %ax                           | unknown or unsupported register
            jmp *%rax                          | register %rax does not exist
            """)
    void refusesWhatI386CodeDoesNotHave(String statement, String message) {
        String text = "\t.text\n\tnop\n\t" + statement + "\n";
        assertThatThrownBy(() -> ElfAssembler.assemble(text, TargetCpu.I386))
                .isInstanceOf(AssemblyException.class)
                .hasMessageStartingWith("line 3: ")
                .hasMessageContaining(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            jmp 1f                               | local label 1 is used but never defined after this line
            jmp 1b                               | '1b' refers to local label 1, which is not defined before it
            .quad .Lnowhere                      | local label '.Lnowhere' is used but never defined
            .long undefined_a - undefined_b      | cannot be represented
            """)
    void refusesUnresolvableReferences(String statement, String message) {
        String text = "\t.text\n\tnop\n\t" + statement + "\n";
        assertThatThrownBy(() -> ElfAssembler.assemble(text))
                .isInstanceOf(AssemblyException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a: nop; a: nop                       | symbol 'a' is already defined on line 3
            .globl a; .weak a                    | symbol 'a' is already global
            .data; .long .Lx - .Ly; .text; .Lx: nop; .section .rodata; .Ly: | the subtracted symbol must be in the section being written
            .section .bss; .byte 1               | data in section .bss, which has no contents
            .section .bss; nop                   | instruction in section .bss
            /* never closed                      | comment '/*' is never closed
            .ascii "€"                        | character U+20ac is not 8-bit text
            """)
    void refusesInconsistentText(String statement, String message) {
        String text = "\t.text\n\tnop\n\t" + statement + "\n";
        assertThatThrownBy(() -> ElfAssembler.assemble(text))
                .isInstanceOf(AssemblyException.class)
                .hasMessageContaining(message);
    }
}
