package dev.winelib.asm.elf;

import java.util.HashMap;
import java.util.Map;

/** The x86-64 registers the in-process assembler encodes. */
record Register(String name, Kind kind, int number) {

    enum Kind { GPR64, GPR32, XMM, RIP }

    private static final Map<String, Register> BY_NAME = new HashMap<>();

    static {
        String[] gpr64 = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi"};
        String[] gpr32 = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"};
        for (int i = 0; i < 8; i++) {
            add(gpr64[i], Kind.GPR64, i);
            add(gpr32[i], Kind.GPR32, i);
        }
        for (int i = 8; i < 16; i++) {
            add("r" + i, Kind.GPR64, i);
            add("r" + i + "d", Kind.GPR32, i);
        }
        for (int i = 0; i < 16; i++) {
            add("xmm" + i, Kind.XMM, i);
        }
        add("rip", Kind.RIP, 5);
    }

    private static void add(String name, Kind kind, int number) {
        BY_NAME.put(name, new Register(name, kind, number));
    }

    /** The register of that name (without {@code %}), or null. */
    static Register named(String name) {
        return BY_NAME.get(name);
    }

    /** Whether i386 code has this register: the eight 32-bit general registers and xmm0 to xmm7. */
    boolean existsOnI386() {
        return (kind == Kind.GPR32 || kind == Kind.XMM) && number < 8;
    }

    boolean gpr() {
        return kind == Kind.GPR64 || kind == Kind.GPR32;
    }

    /** Operand size in bits of a general-purpose register. */
    int bits() {
        return kind == Kind.GPR32 ? 32 : 64;
    }

    int low3() {
        return number & 7;
    }

    boolean extended() {
        return number >= 8;
    }

    @Override
    public String toString() {
        return "%" + name;
    }
}
