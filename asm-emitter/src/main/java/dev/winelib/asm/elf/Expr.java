package dev.winelib.asm.elf;

/** An assembler expression, evaluated once every section is laid out. */
sealed interface Expr {

    record Number(long value) implements Expr {
    }

    record SymbolRef(AsmSymbol symbol) implements Expr {
    }

    record Negate(Expr operand) implements Expr {
    }

    record Not(Expr operand) implements Expr {
    }

    record Binary(char operator, Expr left, Expr right) implements Expr {
    }

    /**
     * {@code plus + constant - minus} ({@code minus} may be null) in one object: what the typed route
     * hands over for the export tables' fields instead of a tree per field.
     */
    record Offset(AsmSymbol plus, long constant, AsmSymbol minus) implements Expr {
    }

    /** Whether the expression has no symbol in it. */
    static boolean isConstant(Expr e) {
        if (e instanceof Number) {
            return true;
        }
        if (e instanceof Negate n) {
            return isConstant(n.operand());
        }
        if (e instanceof Not n) {
            return isConstant(n.operand());
        }
        if (e instanceof Binary b) {
            return isConstant(b.left()) && isConstant(b.right());
        }
        return false;
    }

    /** The value of a symbol-free expression. */
    static long constant(Expr e, int line) {
        return Value.of(e, line).requireConstant(line, "expression");
    }
}
