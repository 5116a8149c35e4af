package dev.winelib.asm.elf;

/**
 * Parses GNU as expressions: numbers, symbols, {@code .} (the current location), numeric local
 * label references ({@code 1f}, {@code 1b}), parentheses, unary {@code - ~ +}, and the binary
 * operators {@code * / << >>} (tightest), {@code & | ^}, then {@code + -}, as GNU as ranks them.
 */
final class ExprParser {

    /** How the parser turns names into symbols. */
    interface Symbols {
        /** The symbol of that name, created on first mention. */
        AsmSymbol reference(String name, int line);

        /** The instance of numeric label {@code label} before ({@code forward == false}) or after this point. */
        AsmSymbol numericLabel(long label, boolean forward, int line);

        /** A fresh temporary symbol at the current location. */
        AsmSymbol here(int line);
    }

    private final Cursor in;
    private final Symbols symbols;

    ExprParser(Cursor in, Symbols symbols) {
        this.in = in;
        this.symbols = symbols;
    }

    Expr parse() {
        Expr left = bitwise();
        while (true) {
            char c = in.peek();
            if (c == '+' || c == '-') {
                in.tryConsume(c);
                left = new Expr.Binary(c, left, bitwise());
            } else {
                return left;
            }
        }
    }

    private Expr bitwise() {
        Expr left = term();
        while (true) {
            char c = in.peek();
            if (c == '&' || c == '|' || c == '^') {
                in.tryConsume(c);
                left = new Expr.Binary(c, left, term());
            } else {
                return left;
            }
        }
    }

    private Expr term() {
        Expr left = unary();
        while (true) {
            char c = in.peek();
            if (c == '*' || c == '/') {
                in.tryConsume(c);
                left = new Expr.Binary(c, left, unary());
            } else if (in.tryConsume("<<")) {
                left = new Expr.Binary('<', left, unary());
            } else if (in.tryConsume(">>")) {
                left = new Expr.Binary('>', left, unary());
            } else {
                return left;
            }
        }
    }

    private Expr unary() {
        char c = in.peek();
        if (c == '-') {
            in.tryConsume(c);
            return new Expr.Negate(unary());
        }
        if (c == '~') {
            in.tryConsume(c);
            return new Expr.Not(unary());
        }
        if (c == '+') {
            in.tryConsume(c);
            return unary();
        }
        return primary();
    }

    private Expr primary() {
        char c = in.peek();
        if (c == '(') {
            in.tryConsume(c);
            Expr e = parse();
            in.expect(')', "')'");
            return e;
        }
        long[] local = in.localLabelReference();
        if (local != null) {
            return symbols.numericLabel(local[0], local[1] > 0, in.line()).ref();
        }
        Long number = in.number();
        if (number != null) {
            return new Expr.Number(number);
        }
        if (c == '.' && !Cursor.isNamePart(in.peekAt(1))) {
            in.tryConsume('.');
            return symbols.here(in.line()).ref();
        }
        String name = in.symbolName();
        if (name != null) {
            return symbols.reference(name, in.line()).ref();
        }
        throw in.error(in.atEnd() ? "expression ends too early" : "expected an expression at '" + in.rest() + "'");
    }
}
