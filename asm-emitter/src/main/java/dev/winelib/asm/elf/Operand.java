package dev.winelib.asm.elf;

import java.util.ArrayList;
import java.util.List;

import dev.winelib.spec.TargetCpu;

/** An AT&T-syntax instruction operand. */
sealed interface Operand {

    /** {@code %reg}. */
    record Reg(Register register) implements Operand {
    }

    /** {@code $expr}. */
    record Immediate(Expr value) implements Operand {
    }

    /** {@code disp(base, index, scale)}; base may be {@code %rip}; disp, base and index may be absent. */
    record Memory(Expr displacement, Register base, Register index, int scale) implements Operand {
    }

    /** A bare expression: the target of a direct {@code jmp} or {@code call}. */
    record Direct(Expr target) implements Operand {
    }

    /** {@code *operand}: the target of an indirect {@code jmp} or {@code call}. */
    record Indirect(Operand target) implements Operand {
    }

    /** Parses the comma-separated operands that follow a mnemonic. */
    static List<Operand> parseAll(Cursor in, ExprParser expressions, TargetCpu cpu) {
        List<Operand> operands = new ArrayList<>();
        if (in.atEnd()) {
            return operands;
        }
        while (true) {
            operands.add(parse(in, expressions, cpu));
            if (in.atEnd()) {
                return operands;
            }
            in.expect(',', "',' between operands");
        }
    }

    private static Operand parse(Cursor in, ExprParser expressions, TargetCpu cpu) {
        boolean i386 = cpu == TargetCpu.I386;
        char c = in.peek();
        if (c == '*') {
            in.tryConsume('*');
            Operand inner = parse(in, expressions, cpu);
            if (!(inner instanceof Reg) && !(inner instanceof Memory) && !(i386 && inner instanceof Direct)) {
                throw in.error("'*' must be followed by a register or a memory operand");
            }
            return new Indirect(inner);
        }
        if (c == '%') {
            Register r = register(in, cpu);
            if (in.peek() == ':') {
                throw in.error("segment overrides are not supported");
            }
            if (r.kind() == Register.Kind.RIP) {
                throw in.error("%rip can only be the base of a memory operand");
            }
            return new Reg(r);
        }
        if (c == '$') {
            in.tryConsume('$');
            return new Immediate(expressions.parse());
        }
        Expr displacement = null;
        if (!(c == '(' && in.peekAt(1) == '%') && !(c == '(' && nextNonSpaceIsPercent(in))) {
            displacement = expressions.parse();
            if (in.peek() != '(') {
                return new Direct(displacement);
            }
        }
        in.expect('(', "'('");
        Register base = null;
        Register index = null;
        int scale = 1;
        Register.Kind addressKind = i386 ? Register.Kind.GPR32 : Register.Kind.GPR64;
        if (in.peek() == '%') {
            base = register(in, cpu);
            if (base.kind() != addressKind && base.kind() != Register.Kind.RIP) {
                throw in.error("base register " + base + " is not a " + (i386 ? "32" : "64") + "-bit register");
            }
        }
        if (in.tryConsume(',')) {
            index = register(in, cpu);
            if (index.kind() != addressKind || index.number() == 4) {
                throw in.error(index + " cannot be an index register");
            }
            if (base != null && base.kind() == Register.Kind.RIP) {
                throw in.error("%rip-relative operands cannot have an index");
            }
            if (in.tryConsume(',')) {
                Long s = in.number();
                if (s == null || (s != 1 && s != 2 && s != 4 && s != 8)) {
                    throw in.error("scale must be 1, 2, 4 or 8");
                }
                scale = s.intValue();
            }
        }
        in.expect(')', "')' closing the memory operand");
        if (base == null && index == null) {
            throw in.error("memory operand without a register");
        }
        return new Memory(displacement, base, index, scale);
    }

    private static boolean nextNonSpaceIsPercent(Cursor in) {
        int save = in.position();
        in.tryConsume('(');
        boolean percent = in.peek() == '%';
        in.reset(save);
        return percent;
    }

    private static Register register(Cursor in, TargetCpu cpu) {
        in.expect('%', "a register");
        String name = in.plainName();
        Register r = name == null ? null : Register.named(name);
        if (r == null) {
            throw in.error("unknown or unsupported register '%" + (name == null ? in.rest() : name) + "'");
        }
        if (cpu == TargetCpu.I386 && !r.existsOnI386()) {
            throw in.error("register " + r + " does not exist in 32-bit (i386) code");
        }
        return r;
    }
}
