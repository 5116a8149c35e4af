package dev.winelib.asm.elf;

import java.util.List;
import java.util.Set;

import dev.winelib.spec.TargetCpu;

/**
 * Encodes the x86-64 instructions of the module emitter, the way GNU as encodes them: {@code nop
 * ret ud2 int3}, {@code push pop}, {@code jmp call} (direct, {@code *%reg}, {@code *mem}),
 * {@code mov} (general registers, immediates, memory, and the SSE {@code movq}), {@code movabs},
 * {@code movups}, {@code lea}, and {@code add or and sub xor cmp}. Anything else is refused.
 *
 * <p>In i386 mode ({@code as --32}) the same instructions are encoded without REX prefixes on the
 * 32-bit registers, with 32-bit operand and address size; a memory operand's displacement and an
 * immediate may then be a symbol expression (an absolute or, against a label of the section,
 * PC-relative 32-bit field), as position-independent i386 code needs; {@code ret $n} and
 * {@code push $imm} are encoded in both modes.
 */
final class X86Encoder {

    private static final Set<String> BASES = Set.of("nop", "ret", "ud2", "int3", "push", "pop", "jmp", "call", "mov",
            "movabs", "movups", "lea", "add", "or", "and", "sub", "xor", "cmp");

    /**
     * Each mnemonic the encoder takes, with the base it names and its operand size suffix (0, or 64
     * for a {@code q}, 32 for an {@code l} suffix): looked up once per instruction, no substring.
     */
    private static final java.util.Map<String, Mnemonic> MNEMONICS = new java.util.HashMap<>();

    private record Mnemonic(String base, int size) {
    }

    static {
        for (String base : BASES) {
            MNEMONICS.put(base, new Mnemonic(base, 0));
        }
        for (String base : BASES) {
            MNEMONICS.putIfAbsent(base + "q", new Mnemonic(base, 64));
            MNEMONICS.putIfAbsent(base + "l", new Mnemonic(base, 32));
        }
    }

    private final AsmSection section;
    private final int line;
    private final String mnemonic;
    private final boolean i386;

    private X86Encoder(AsmSection section, int line, String mnemonic, TargetCpu cpu) {
        this.section = section;
        this.line = line;
        this.mnemonic = mnemonic;
        this.i386 = cpu == TargetCpu.I386;
    }

    /** Encodes one instruction into {@code section}. */
    static void encode(AsmSection section, int line, String mnemonic, List<Operand> operands, TargetCpu cpu) {
        new X86Encoder(section, line, mnemonic, cpu).encode(operands);
    }

    private void encode(List<Operand> ops) {
        Mnemonic known = MNEMONICS.get(mnemonic);
        if (known == null) {
            throw error("instruction '" + mnemonic + "' is not supported by the in-process assembler");
        }
        String base = known.base();
        int size = known.size();
        if (i386 && size == 64) {
            throw error("'" + mnemonic + "': 64-bit operands do not exist in 32-bit (i386) code");
        }
        switch (base) {
            case "nop" -> fixed(ops, size, 0x90);
            case "ret" -> ret(ops, size);
            case "int3" -> fixed(ops, size, 0xcc);
            case "ud2" -> fixed(ops, size, 0x0f, 0x0b);
            case "push" -> pushPop(ops, size, 0x50);
            case "pop" -> pushPop(ops, size, 0x58);
            case "jmp" -> jmp(ops, size);
            case "call" -> call(ops, size);
            case "mov" -> mov(ops, size);
            case "movabs" -> movabs(ops, size);
            case "movups" -> movups(ops, size);
            case "lea" -> lea(ops, size);
            default -> arithmetic(base, ops, size);
        }
    }

    /** {@code ret}, or {@code ret $n}: return and pop n bytes of arguments. */
    private void ret(List<Operand> ops, int size) {
        if (ops.size() == 1 && ops.get(0) instanceof Operand.Immediate imm) {
            requireNoSize(size);
            long n = constantImmediate(imm);
            if (n < 0 || n > 0xffff) {
                throw error("'ret' pops 0 to 65535 bytes, not " + n);
            }
            Fragment.Bytes out = section.bytes();
            out.put(0xc2);
            out.putLittleEndian(n, 2);
            return;
        }
        fixed(ops, size, 0xc3);
    }

    private void fixed(List<Operand> ops, int size, int... bytes) {
        operands(ops, 0);
        if (size == 32) {
            throw error("'" + mnemonic + "' takes no operand-size suffix");
        }
        Fragment.Bytes out = section.bytes();
        for (int b : bytes) {
            out.put(b);
        }
    }

    private void pushPop(List<Operand> ops, int size, int opcode) {
        operands(ops, 1);
        if (opcode == 0x50 && ops.get(0) instanceof Operand.Immediate imm) {
            pushImmediate(imm);
            return;
        }
        Register.Kind stackKind = i386 ? Register.Kind.GPR32 : Register.Kind.GPR64;
        String width = i386 ? "32-bit" : "64-bit";
        if (!(ops.get(0) instanceof Operand.Reg reg) || reg.register().kind() != stackKind
                || size == (i386 ? 64 : 32)) {
            throw error("'" + mnemonic + "' takes a " + width + " register");
        }
        Register r = reg.register();
        Fragment.Bytes out = section.bytes();
        if (r.extended()) {
            out.put(0x41);
        }
        out.put(opcode + r.low3());
    }

    /** {@code push $imm}: sign-extended imm8 when it fits, else imm32 (a symbol in i386 code). */
    private void pushImmediate(Operand.Immediate imm) {
        Fragment.Bytes out = section.bytes();
        if (!Expr.isConstant(imm.value())) {
            if (!i386) {
                throw error("a symbol as immediate is only supported by 'movabs'");
            }
            out.put(0x68);
            out.addFixup(new Fixup(out.length(), 4, Fixup.Kind.DATA, imm.value(), 0, line));
            out.putLittleEndian(0, 4);
            return;
        }
        long value = Expr.constant(imm.value(), line);
        if (i386 && fitsUnsignedOrSigned32(value)) {
            value = (int) value; // 32-bit pushes see 0xffffffff as -1
        }
        if (fitsInt8(value)) {
            out.put(0x6a);
            out.put((int) value);
        } else {
            if (i386 ? !fitsUnsignedOrSigned32(value) : !fitsInt32(value)) {
                throw error("immediate " + value + " does not fit in 32 bits");
            }
            out.put(0x68);
            out.putLittleEndian(value, 4);
        }
    }

    private void jmp(List<Operand> ops, int size) {
        operands(ops, 1);
        Operand op = ops.get(0);
        if (op instanceof Operand.Direct d) {
            requireNoSize(size);
            Value target = Value.of(d.target(), line);
            if (target.plus() == null || target.minus() != null) {
                throw error("the target of 'jmp' must be a symbol, optionally plus a constant");
            }
            section.add(new Fragment.Jump(target.plus(), target.constant(), line));
        } else {
            indirect(op, size, 4);
        }
    }

    private void call(List<Operand> ops, int size) {
        operands(ops, 1);
        Operand op = ops.get(0);
        if (op instanceof Operand.Direct d) {
            requireNoSize(size);
            Fragment.Bytes out = section.bytes();
            out.put(0xe8);
            out.addFixup(new Fixup(out.length(), 4, Fixup.Kind.BRANCH, d.target(), -4, line));
            out.putLittleEndian(0, 4);
        } else {
            indirect(op, size, 2);
        }
    }

    private void requireNoSize(int size) {
        if (size == 32 && !i386) {
            throw error("'" + mnemonic + "' has no 32-bit form in 64-bit mode");
        }
    }

    /** {@code ff /ext} with a register or memory operand after {@code *}. */
    private void indirect(Operand op, int size, int ext) {
        if (!(op instanceof Operand.Indirect ind)) {
            throw error("'" + mnemonic + "' needs a target: a symbol, '*%reg' or '*mem'");
        }
        requireNoSize(size);
        Register.Kind kind = i386 ? Register.Kind.GPR32 : Register.Kind.GPR64;
        if (ind.target() instanceof Operand.Reg r && r.register().kind() != kind) {
            throw error("'" + mnemonic + "' through " + r.register() + ": a " + (i386 ? "32" : "64")
                    + "-bit register is needed");
        }
        modRm(0, false, new int[] {0xff}, ext, ind.target(), 0);
    }

    private void mov(List<Operand> ops, int size) {
        operands(ops, 2);
        Operand src = ops.get(0);
        Operand dst = ops.get(1);
        if (isXmm(src) || isXmm(dst)) {
            sseMovq(src, dst, size);
            return;
        }
        int bits = operandSize(size, src, dst);
        boolean w = bits == 64;
        if (src instanceof Operand.Reg s && (dst instanceof Operand.Reg || dst instanceof Operand.Memory)) {
            modRm(0, w, new int[] {0x89}, s.register().number(), dst, 0);
        } else if (src instanceof Operand.Memory && dst instanceof Operand.Reg d) {
            modRm(0, w, new int[] {0x8b}, d.register().number(), src, 0);
        } else if (i386 && src instanceof Operand.Immediate imm && !Expr.isConstant(imm.value())) {
            // an address as immediate: an absolute 32-bit field
            if (dst instanceof Operand.Reg d) {
                section.bytes().put(0xb8 + d.register().low3());
            } else {
                modRm(0, false, new int[] {0xc7}, 0, dst, 4);
            }
            Fragment.Bytes out = section.bytes();
            out.addFixup(new Fixup(out.length(), 4, Fixup.Kind.DATA, imm.value(), 0, line));
            out.putLittleEndian(0, 4);
        } else if (src instanceof Operand.Immediate imm && dst instanceof Operand.Reg d) {
            long value = constantImmediate(imm);
            Fragment.Bytes out = section.bytes();
            if (w) {
                if (fitsInt32(value)) {
                    modRm(0, true, new int[] {0xc7}, 0, dst, 0);
                    section.bytes().putLittleEndian(value, 4);
                } else {
                    out.put(d.register().extended() ? 0x49 : 0x48);
                    out.put(0xb8 + d.register().low3());
                    out.putLittleEndian(value, 8);
                }
            } else {
                requireFits32(value);
                if (d.register().extended()) {
                    out.put(0x41);
                }
                out.put(0xb8 + d.register().low3());
                out.putLittleEndian(value, 4);
            }
        } else if (src instanceof Operand.Immediate imm && dst instanceof Operand.Memory) {
            long value = constantImmediate(imm);
            if (w ? !fitsInt32(value) : !fitsUnsignedOrSigned32(value)) {
                throw error("immediate " + value + " does not fit in 32 bits");
            }
            modRm(0, w, new int[] {0xc7}, 0, dst, 4);
            section.bytes().putLittleEndian(value, 4);
        } else {
            throw unsupportedOperands();
        }
    }

    /** The SSE {@code movq} between an XMM register and memory or a 64-bit register. */
    private void sseMovq(Operand src, Operand dst, int size) {
        if (size != 64) {
            throw error("moves of XMM registers are written 'movq'");
        }
        if (src instanceof Operand.Reg s && isXmm(src) && dst instanceof Operand.Memory) {
            modRm(0x66, false, new int[] {0x0f, 0xd6}, s.register().number(), dst, 0);
        } else if (src instanceof Operand.Memory && dst instanceof Operand.Reg d && isXmm(dst)) {
            modRm(0xf3, false, new int[] {0x0f, 0x7e}, d.register().number(), src, 0);
        } else if (src instanceof Operand.Reg s && isXmm(src) && dst instanceof Operand.Reg d
                && d.register().kind() == Register.Kind.GPR64) {
            modRm(0x66, true, new int[] {0x0f, 0x7e}, s.register().number(), dst, 0);
        } else if (src instanceof Operand.Reg s && s.register().kind() == Register.Kind.GPR64
                && dst instanceof Operand.Reg d && isXmm(dst)) {
            modRm(0x66, true, new int[] {0x0f, 0x6e}, d.register().number(), src, 0);
        } else {
            throw unsupportedOperands();
        }
    }

    private void movabs(List<Operand> ops, int size) {
        operands(ops, 2);
        if (i386) {
            throw error("'movabs' does not exist in 32-bit (i386) code");
        }
        if (!(ops.get(0) instanceof Operand.Immediate imm) || !(ops.get(1) instanceof Operand.Reg d)
                || d.register().kind() != Register.Kind.GPR64 || size == 32) {
            throw error("'movabs' is supported as 'movabs $value, %reg64' only");
        }
        Fragment.Bytes out = section.bytes();
        out.put(d.register().extended() ? 0x49 : 0x48);
        out.put(0xb8 + d.register().low3());
        if (Expr.isConstant(imm.value())) {
            out.putLittleEndian(Expr.constant(imm.value(), line), 8);
        } else {
            out.addFixup(new Fixup(out.length(), 8, Fixup.Kind.DATA, imm.value(), 0, line));
            out.putLittleEndian(0, 8);
        }
    }

    private void movups(List<Operand> ops, int size) {
        operands(ops, 2);
        if (size != 0) {
            throw error("'movups' takes no size suffix");
        }
        Operand src = ops.get(0);
        Operand dst = ops.get(1);
        if (src instanceof Operand.Reg s && isXmm(src) && dst instanceof Operand.Memory) {
            modRm(0, false, new int[] {0x0f, 0x11}, s.register().number(), dst, 0);
        } else if ((src instanceof Operand.Memory || isXmm(src)) && dst instanceof Operand.Reg d && isXmm(dst)) {
            modRm(0, false, new int[] {0x0f, 0x10}, d.register().number(), src, 0);
        } else {
            throw unsupportedOperands();
        }
    }

    private void lea(List<Operand> ops, int size) {
        operands(ops, 2);
        if (!(ops.get(0) instanceof Operand.Memory) || !(ops.get(1) instanceof Operand.Reg d) || !d.register().gpr()) {
            throw error("'lea' takes a memory operand and a general register");
        }
        int bits = operandSize(size, ops.get(0), ops.get(1));
        modRm(0, bits == 64, new int[] {0x8d}, d.register().number(), ops.get(0), 0);
    }

    private void arithmetic(String base, List<Operand> ops, int size) {
        operands(ops, 2);
        int ext = switch (base) {
            case "add" -> 0;
            case "or" -> 1;
            case "and" -> 4;
            case "sub" -> 5;
            case "xor" -> 6;
            case "cmp" -> 7;
            default -> throw error("instruction '" + mnemonic + "' is not supported by the in-process assembler");
        };
        Operand src = ops.get(0);
        Operand dst = ops.get(1);
        int bits = operandSize(size, src, dst);
        boolean w = bits == 64;
        if (src instanceof Operand.Immediate imm && (dst instanceof Operand.Reg || dst instanceof Operand.Memory)) {
            long value = constantImmediate(imm);
            if (!w && fitsUnsignedOrSigned32(value)) {
                value = (int) value; // 32-bit operations see 0xffffffff as -1
            }
            if (fitsInt8(value)) {
                modRm(0, w, new int[] {0x83}, ext, dst, 1);
                section.bytes().put((int) value);
                return;
            }
            if (w ? !fitsInt32(value) : !fitsUnsignedOrSigned32(value)) {
                throw error("immediate " + value + " does not fit in 32 bits");
            }
            if (dst instanceof Operand.Reg d && d.register().number() == 0) {
                Fragment.Bytes out = section.bytes();
                if (w) {
                    out.put(0x48);
                }
                out.put(ext << 3 | 5);
            } else {
                modRm(0, w, new int[] {0x81}, ext, dst, 4);
            }
            section.bytes().putLittleEndian(value, 4);
        } else if (src instanceof Operand.Reg s && (dst instanceof Operand.Reg || dst instanceof Operand.Memory)) {
            modRm(0, w, new int[] {ext << 3 | 1}, s.register().number(), dst, 0);
        } else if (src instanceof Operand.Memory && dst instanceof Operand.Reg d) {
            modRm(0, w, new int[] {ext << 3 | 3}, d.register().number(), src, 0);
        } else {
            throw unsupportedOperands();
        }
    }

    /**
     * Writes {@code [prefix] [REX] opcode ModRM [SIB] [disp]} for a register field {@code reg} and
     * an r/m operand (register or memory); {@code trailing} bytes (an immediate) follow.
     */
    private void modRm(int prefix, boolean w, int[] opcode, int reg, Operand rm, int trailing) {
        Fragment.Bytes out = section.bytes();
        if (prefix != 0) {
            out.put(prefix);
        }
        int rex = (w ? 8 : 0) | (reg >= 8 ? 4 : 0);
        if (rm instanceof Operand.Direct d) {
            // i386 absolute address (no base, no index): mod 00, r/m 101, disp32
            if (!i386) {
                throw error("an absolute memory operand is only supported in 32-bit (i386) code");
            }
            for (int b : opcode) {
                out.put(b);
            }
            out.put((reg & 7) << 3 | 5);
            displacement32(out, d.target());
            return;
        }
        if (rm instanceof Operand.Reg r) {
            if (r.register().extended()) {
                rex |= 1;
            }
            if (rex != 0) {
                out.put(0x40 | rex);
            }
            for (int b : opcode) {
                out.put(b);
            }
            out.put(0xc0 | (reg & 7) << 3 | r.register().low3());
            return;
        }
        if (!(rm instanceof Operand.Memory m)) {
            throw unsupportedOperands();
        }
        if (m.base() != null && m.base().extended()) {
            rex |= 1;
        }
        if (m.index() != null && m.index().extended()) {
            rex |= 2;
        }
        if (rex != 0) {
            out.put(0x40 | rex);
        }
        for (int b : opcode) {
            out.put(b);
        }
        if (m.base() == null) {
            // index without base: SIB with no base, always a 32-bit displacement
            out.put((reg & 7) << 3 | 4);
            out.put(Integer.numberOfTrailingZeros(m.scale()) << 6 | m.index().low3() << 3 | 5);
            if (i386 && m.displacement() != null && !Expr.isConstant(m.displacement())) {
                displacement32(out, m.displacement());
                return;
            }
            long disp = m.displacement() == null ? 0 : constantDisplacement(m.displacement());
            out.putLittleEndian(disp, 4);
            return;
        }
        if (i386 && m.displacement() != null && !Expr.isConstant(m.displacement())) {
            // a symbol expression as displacement: always 32 bits (mod 10)
            if (m.index() != null || m.base().low3() == 4) {
                out.put(2 << 6 | (reg & 7) << 3 | 4);
                int index = m.index() == null ? 4 : m.index().low3();
                out.put(Integer.numberOfTrailingZeros(m.scale()) << 6 | index << 3 | m.base().low3());
            } else {
                out.put(2 << 6 | (reg & 7) << 3 | m.base().low3());
            }
            displacement32(out, m.displacement());
            return;
        }
        if (m.base().kind() == Register.Kind.RIP) {
            out.put((reg & 7) << 3 | 5);
            if (m.displacement() == null || Expr.isConstant(m.displacement())) {
                long d = m.displacement() == null ? 0 : Expr.constant(m.displacement(), line);
                if (!fitsInt32(d)) {
                    throw error("displacement " + d + " does not fit in 32 bits");
                }
                out.putLittleEndian(d, 4);
            } else {
                out.addFixup(new Fixup(out.length(), 4, Fixup.Kind.RIP_RELATIVE, m.displacement(), -4 - trailing,
                        line));
                out.putLittleEndian(0, 4);
            }
            return;
        }
        long disp = m.displacement() == null ? 0 : constantDisplacement(m.displacement());
        int mod;
        if (disp == 0 && m.base().low3() != 5) {
            mod = 0;
        } else if (fitsInt8(disp)) {
            mod = 1;
        } else if (fitsInt32(disp)) {
            mod = 2;
        } else {
            throw error("displacement " + disp + " does not fit in 32 bits");
        }
        if (m.index() != null || m.base().low3() == 4) {
            out.put(mod << 6 | (reg & 7) << 3 | 4);
            int index = m.index() == null ? 4 : m.index().low3();
            out.put(Integer.numberOfTrailingZeros(m.scale()) << 6 | index << 3 | m.base().low3());
        } else {
            out.put(mod << 6 | (reg & 7) << 3 | m.base().low3());
        }
        if (mod == 1) {
            out.put((int) disp);
        } else if (mod == 2) {
            out.putLittleEndian(disp, 4);
        }
    }

    /** A 32-bit displacement field for a symbol expression, resolved or relocated later. */
    private void displacement32(Fragment.Bytes out, Expr e) {
        if (Expr.isConstant(e)) {
            out.putLittleEndian(constantDisplacement(e), 4);
            return;
        }
        out.addFixup(new Fixup(out.length(), 4, Fixup.Kind.DATA, e, 0, line));
        out.putLittleEndian(0, 4);
    }

    private long constantDisplacement(Expr e) {
        if (!Expr.isConstant(e)) {
            throw error("a symbol as displacement is only supported %rip-relative");
        }
        long d = Expr.constant(e, line);
        if (!fitsInt32(d)) {
            throw error("displacement " + d + " does not fit in 32 bits");
        }
        return d;
    }

    private int operandSize(int suffix, Operand... ops) {
        int bits = suffix;
        for (Operand op : ops) {
            if (op instanceof Operand.Reg r) {
                if (!r.register().gpr()) {
                    throw unsupportedOperands();
                }
                if (bits != 0 && bits != r.register().bits()) {
                    throw error("operand size of " + r.register() + " does not match '" + mnemonic + "'");
                }
                bits = r.register().bits();
            }
        }
        if (bits == 0) {
            throw error("operand size of '" + mnemonic + "' is ambiguous: add a suffix (q or l)");
        }
        return bits;
    }

    private long constantImmediate(Operand.Immediate imm) {
        if (!Expr.isConstant(imm.value())) {
            throw error("a symbol as immediate is only supported by 'movabs'");
        }
        return Expr.constant(imm.value(), line);
    }

    private void requireFits32(long value) {
        if (!fitsUnsignedOrSigned32(value)) {
            throw error("immediate " + value + " does not fit in 32 bits");
        }
    }

    private static boolean fitsInt8(long v) {
        return v >= -128 && v <= 127;
    }

    private static boolean fitsInt32(long v) {
        return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
    }

    private static boolean fitsUnsignedOrSigned32(long v) {
        return v >= Integer.MIN_VALUE && v <= 0xffffffffL;
    }

    private static boolean isXmm(Operand op) {
        return op instanceof Operand.Reg r && r.register().kind() == Register.Kind.XMM;
    }

    private void operands(List<Operand> ops, int count) {
        if (ops.size() != count) {
            throw error("'" + mnemonic + "' takes " + count + " operand" + (count == 1 ? "" : "s") + ", not "
                    + ops.size());
        }
    }

    private AssemblyException unsupportedOperands() {
        return error("operands of '" + mnemonic + "' are not supported by the in-process assembler");
    }

    private AssemblyException error(String message) {
        return new AssemblyException(line, message);
    }
}
