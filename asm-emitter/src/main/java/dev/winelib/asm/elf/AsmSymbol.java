package dev.winelib.asm.elf;

/**
 * A symbol while a text is assembled: where it is defined (a position in a section's fragments),
 * its binding, visibility, type and size as the directives set them.
 */
final class AsmSymbol {

    enum Binding { LOCAL, GLOBAL, WEAK }

    enum Visibility { DEFAULT, INTERNAL, HIDDEN, PROTECTED }

    enum Type { NOTYPE, OBJECT, FUNC }

    private final String name;
    private final boolean temporary;
    private Binding binding = Binding.LOCAL;
    private boolean bindingSet;
    private Visibility visibility = Visibility.DEFAULT;
    private Type type = Type.NOTYPE;
    private Expr size;
    private AsmSection section;
    private Fragment.Bytes fragment;
    private int offsetInFragment;
    private int definitionLine;
    private int firstUseLine;
    private Expr.SymbolRef ref;

    /**
     * @param temporary whether the symbol stays out of the object's symbol table: numeric local labels
     *     and location-counter marks always, {@code .L} names while they are not made global or weak
     *     (as GNU as does; a quoted {@code "."} is an ordinary symbol)
     */
    AsmSymbol(String name, boolean temporary) {
        this.name = name;
        this.temporary = temporary;
    }

    /** Whether the name is one the assembler makes for itself (numeric labels, {@code .} marks). */
    private boolean internal() {
        return name.startsWith("\u0001");
    }

    String name() {
        return name;
    }

    /** The expression naming this symbol: one per symbol, shared by every reference. */
    Expr.SymbolRef ref() {
        if (ref == null) {
            ref = new Expr.SymbolRef(this);
        }
        return ref;
    }

    boolean temporary() {
        return temporary && binding == Binding.LOCAL;
    }

    /** The symbol's index in the object's symbol table, once the table is written. */
    int tableIndex() {
        if (tableIndex < 0) {
            throw new IllegalStateException("symbol '" + name + "' is not in the symbol table");
        }
        return tableIndex;
    }

    void tableIndex(int index) {
        tableIndex = index;
    }

    private int tableIndex = -1;

    Binding binding() {
        return binding;
    }

    boolean bindingSet() {
        return bindingSet;
    }

    void bind(Binding b, int line) {
        if (bindingSet && binding != b) {
            throw new AssemblyException(line, "symbol '" + name + "' is already " + binding.name().toLowerCase());
        }
        if (internal() && b != Binding.LOCAL) {
            throw new AssemblyException(line, "local label '" + name + "' cannot be made " + b.name().toLowerCase());
        }
        binding = b;
        bindingSet = true;
    }

    Visibility visibility() {
        return visibility;
    }

    void visibility(Visibility v) {
        visibility = v;
    }

    Type type() {
        return type;
    }

    void type(Type t) {
        type = t;
    }

    Expr size() {
        return size;
    }

    void size(Expr e) {
        size = e;
    }

    boolean defined() {
        return section != null;
    }

    AsmSection section() {
        return section;
    }

    Fragment.Bytes fragment() {
        return fragment;
    }

    int definitionLine() {
        return definitionLine;
    }

    void define(AsmSection s, Fragment.Bytes f, int offset, int line) {
        if (section != null) {
            throw new AssemblyException(line, "symbol '" + name + "' is already defined on line " + definitionLine);
        }
        section = s;
        fragment = f;
        offsetInFragment = offset;
        definitionLine = line;
    }

    /** The offset in its section; valid once the section is laid out. */
    long offset() {
        return fragment.address() + offsetInFragment;
    }

    void used(int line) {
        if (firstUseLine == 0) {
            firstUseLine = line;
        }
    }

    int firstUseLine() {
        return firstUseLine;
    }

    /** Whether the symbol is global or weak: the linker may bind references to another definition. */
    boolean external() {
        return binding != Binding.LOCAL || section == null;
    }

    @Override
    public String toString() {
        return name;
    }
}
