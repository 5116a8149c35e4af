package dev.winelib.asm.elf;

/**
 * The value of an expression: a constant plus at most one symbol added and one subtracted. A
 * difference of two symbols of the same section is folded into the constant once their offsets are
 * known.
 */
record Value(long constant, AsmSymbol plus, AsmSymbol minus) {

    static Value constantOf(long c) {
        return new Value(c, null, null);
    }

    boolean isConstant() {
        return plus == null && minus == null;
    }

    long requireConstant(int line, String what) {
        if (!isConstant()) {
            throw new AssemblyException(line, what + " must be a constant, not an expression of symbols");
        }
        return constant;
    }

    /**
     * Evaluates {@code e}. Symbols defined in laid-out sections stay symbolic here; {@link #folded}
     * turns same-section differences into constants.
     */
    static Value of(Expr e, int line) {
        if (e instanceof Expr.Number n) {
            return constantOf(n.value());
        }
        if (e instanceof Expr.SymbolRef s) {
            return new Value(0, s.symbol(), null);
        }
        if (e instanceof Expr.Offset o) {
            return o.plus() == o.minus() ? constantOf(o.constant()) : new Value(o.constant(), o.plus(), o.minus());
        }
        if (e instanceof Expr.Negate n) {
            return negate(of(n.operand(), line), line);
        }
        if (e instanceof Expr.Not n) {
            return constantOf(~of(n.operand(), line).requireConstant(line, "the operand of '~'"));
        }
        Expr.Binary b = (Expr.Binary) e;
        return binary(b.operator(), of(b.left(), line), of(b.right(), line), line);
    }

    private static Value negate(Value v, int line) {
        return new Value(-v.constant, v.minus, v.plus);
    }

    private static Value binary(char op, Value l, Value r, int line) {
        if (op == '+') {
            return add(l, r, line);
        }
        if (op == '-') {
            return add(l, negate(r, line), line);
        }
        long a = l.requireConstant(line, "an operand of '" + op + "'");
        long b = r.requireConstant(line, "an operand of '" + op + "'");
        return constantOf(switch (op) {
            case '*' -> a * b;
            case '/' -> {
                if (b == 0) {
                    throw new AssemblyException(line, "division by zero");
                }
                yield a / b;
            }
            case '%' -> {
                if (b == 0) {
                    throw new AssemblyException(line, "division by zero");
                }
                yield a % b;
            }
            case '<' -> a << b;
            case '>' -> a >> b;
            case '&' -> a & b;
            case '|' -> a | b;
            case '^' -> a ^ b;
            default -> throw new AssemblyException(line, "unknown operator '" + op + "'");
        });
    }

    private static Value add(Value l, Value r, int line) {
        AsmSymbol plus = l.plus;
        AsmSymbol minus = l.minus;
        AsmSymbol[] pending = {r.plus, r.minus};
        // r.plus cancels l.minus when it is the same symbol, and the other way round
        if (pending[0] != null) {
            if (minus == pending[0]) {
                minus = null;
            } else if (plus == null) {
                plus = pending[0];
            } else {
                throw new AssemblyException(line, "an expression can add only one symbol ('" + plus + "' and '"
                        + pending[0] + "')");
            }
        }
        if (pending[1] != null) {
            if (plus == pending[1]) {
                plus = null;
            } else if (minus == null) {
                minus = pending[1];
            } else {
                throw new AssemblyException(line, "an expression can subtract only one symbol ('" + minus + "' and '"
                        + pending[1] + "')");
            }
        }
        return new Value(l.constant + r.constant, plus, minus);
    }

    /** With symbols of one section on both sides replaced by the difference of their offsets. */
    Value folded() {
        if (plus != null && minus != null && plus.defined() && minus.defined() && plus.section() == minus.section()) {
            return constantOf(constant + plus.offset() - minus.offset());
        }
        return this;
    }
}
