package dev.winelib.asm.elf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.winelib.spec.Background;
import dev.winelib.spec.TargetCpu;

/**
 * Assembles GNU as text into a relocatable ELF64 x86-64 object, or an ELF32 i386 object (as
 * {@code as --32} does: REL relocations with the addends in the section bytes), in the process,
 * for the subset of GNU as that the module emitter writes:
 *
 * <ul>
 * <li>sections: {@code .text}, {@code .data}, {@code .bss}, {@code .section NAME[,"FLAGS"[,@TYPE]]}
 *     (flags {@code a w x}; types {@code @progbits @nobits @note});</li>
 * <li>symbols: labels (plain, quoted, {@code .L} local, numeric {@code 1:} with {@code 1f}/{@code 1b}),
 *     {@code .globl .global .weak .local .hidden .internal .protected .type .size};</li>
 * <li>data: {@code .byte .short .word .hword .value .2byte .long .int .4byte .quad .8byte .ascii
 *     .string .asciz .skip .space .zero}, alignment {@code .align .balign .p2align};</li>
 * <li>expressions: numbers, symbols, {@code .}, symbol plus or minus constants, differences of
 *     symbols, and constant arithmetic;</li>
 * <li>the instructions {@link X86Encoder} encodes.</li>
 * </ul>
 *
 * <p>The object matches what GNU as 2.40 writes for the same text in every byte of section content
 * and in the meaning of every symbol and relocation: jumps are relaxed the same way, code is padded
 * with the same NOPs, relocations against local symbols refer to the section symbol, same-section
 * differences are folded. Anything outside the subset throws {@link AssemblyException}; nothing is
 * silently assembled differently.
 */
public final class ElfAssembler implements ExprParser.Symbols {

    /** The symbols in the order they were made: the order of the object's symbol table. */
    private final Map<String, AsmSymbol> symbols = new LinkedHashMap<>();
    private final Map<Long, Integer> numericLabelCounts = new HashMap<>();
    private final Map<String, AsmSection> sections = new LinkedHashMap<>();
    private AsmSection current;
    private int temporaryCount;
    private final TargetCpu cpu;
    /** The encodings of instructions by their shared list of operands (by identity) and mnemonic. */
    private final Map<List<Operand>, Map<String, Encoded>> encodings = new java.util.IdentityHashMap<>();

    private ElfAssembler(TargetCpu cpu) {
        this.cpu = cpu;
        current = section(".text", AsmSection.SHT_PROGBITS, AsmSection.SHF_ALLOC | AsmSection.SHF_EXECINSTR, 0);
        section(".data", AsmSection.SHT_PROGBITS, AsmSection.SHF_ALLOC | AsmSection.SHF_WRITE, 0);
        section(".bss", AsmSection.SHT_NOBITS, AsmSection.SHF_ALLOC | AsmSection.SHF_WRITE, 0);
    }

    /**
     * The relocatable object for {@code source}.
     *
     * @throws AssemblyException for anything outside the supported subset, naming the line
     */
    public static byte[] assemble(String source) {
        return assemble(source, TargetCpu.X86_64);
    }

    /**
     * The relocatable object for {@code source}, for {@code cpu}: an ELF64 x86-64 object, or an
     * ELF32 i386 one.
     *
     * @throws AssemblyException for anything outside the supported subset, naming the line
     */
    public static byte[] assemble(String source, TargetCpu cpu) {
        return assemble(source, cpu, PARALLEL_FIXUPS);
    }

    /** {@link #assemble(String, TargetCpu)}, sharing the fixups with a second thread from {@code parallelFixups} on. */
    static byte[] assemble(String source, TargetCpu cpu, int parallelFixups) {
        ElfAssembler assembler = new ElfAssembler(cpu);
        assembler.parallelFixups = parallelFixups;
        for (SourceStatement s : SourceStatement.split(source)) {
            assembler.statement(s);
        }
        return assembler.finish().bytes();
    }

    /** How many fixups in all make a second thread resolve some sections' fixups. */
    private int parallelFixups = PARALLEL_FIXUPS;

    /** An assembler fed statement by statement ({@link AssemblyWriter}): nothing of the text is kept. */
    static ElfAssembler incremental(TargetCpu cpu) {
        return new ElfAssembler(cpu);
    }

    /** Assembles the statements of one piece of text. */
    void statements(List<SourceStatement> statements) {
        for (SourceStatement s : statements) {
            statement(s);
        }
    }

    /** The object, once every statement is in. */
    AssembledObject object() {
        return finish();
    }

    private void statement(SourceStatement s) {
        Cursor in = new Cursor(s.text(), s.line());
        while (label(in)) {
            // labels may precede a statement on the same line
        }
        if (in.atEnd()) {
            return;
        }
        if (in.peek() == '.') {
            String name = in.plainName();
            directive(name, in);
        } else {
            String mnemonic = in.plainName();
            if (mnemonic == null) {
                throw in.error("expected a label, directive or instruction at '" + in.rest() + "'");
            }
            ExprParser expressions = new ExprParser(in, this);
            List<Operand> operands = Operand.parseAll(in, expressions, cpu);
            if (current.nobits()) {
                throw in.error("instruction in section " + current.name() + ", which has no contents");
            }
            X86Encoder.encode(current, in.line(), mnemonic, operands, cpu);
        }
    }

    /** Reads and defines one label ({@code name:}), or leaves the cursor where it was. */
    private boolean label(Cursor in) {
        if (!in.labelAhead()) {
            return false;
        }
        int start = in.position();
        String digits = in.digits();
        String name = digits == null ? in.symbolName() : null;
        if ((digits != null || name != null) && in.peekAt(0) == ':') {
            in.reset(in.position() + 1);
            AsmSymbol symbol;
            if (digits != null) {
                long label = parseLabelNumber(digits, in.line());
                Integer seen = numericLabelCounts.get(label);
                int count = seen == null ? 1 : seen + 1;
                numericLabelCounts.put(label, count);
                symbol = symbol(numericLabelName(label, count), true);
            } else {
                symbol = symbol(name, name.startsWith(".L"));
            }
            Fragment.Bytes f = current.bytes();
            symbol.define(current, f, f.length(), in.line());
            return true;
        }
        in.reset(start);
        return false;
    }

    private static long parseLabelNumber(String digits, int line) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new AssemblyException(line, "local label number " + digits + " is too large");
        }
    }

    private static String numericLabelName(long label, int instance) {
        return "\u0001" + label + "#" + instance;
    }

    private AsmSymbol symbol(String name, boolean temporary) {
        AsmSymbol s = symbols.get(name);
        if (s == null) {
            s = new AsmSymbol(name, temporary);
            symbols.put(name, s);
        }
        return s;
    }

    @Override
    public AsmSymbol reference(String name, int line) {
        AsmSymbol s = symbol(name, name.startsWith(".L"));
        s.used(line);
        return s;
    }

    @Override
    public AsmSymbol numericLabel(long label, boolean forward, int line) {
        int count = numericLabelCounts.getOrDefault(label, 0);
        if (!forward && count == 0) {
            throw new AssemblyException(line, "'" + label + "b' refers to local label " + label
                    + ", which is not defined before it");
        }
        AsmSymbol s = symbol(numericLabelName(label, forward ? count + 1 : count), true);
        s.used(line);
        return s;
    }

    @Override
    public AsmSymbol here(int line) {
        AsmSymbol s = symbol("\u0001." + temporaryCount++, true);
        Fragment.Bytes f = current.bytes();
        s.define(current, f, f.length(), line);
        return s;
    }

    private AsmSection section(String name, int type, long flags, int line) {
        AsmSection s = sections.get(name);
        if (s == null) {
            s = new AsmSection(name, type, flags, sections.size());
            sections.put(name, s);
        } else if (s.type() != type || s.flags() != flags) {
            throw new AssemblyException(line, "section " + name + " was first declared with other attributes");
        }
        return s;
    }

    private void directive(String name, Cursor in) {
        ExprParser expressions = new ExprParser(in, this);
        switch (name) {
            case ".text", ".data", ".bss" -> {
                in.expectEnd(name);
                current = sections.get(name);
            }
            case ".section" -> sectionDirective(in);
            case ".globl", ".global", ".weak", ".local", ".hidden", ".internal", ".protected" -> symbolList(in, name);
            case ".type" -> typeDirective(in);
            case ".size" -> {
                AsmSymbol s = requiredSymbol(in);
                in.expect(',', "',' after the symbol");
                s.size(expressions.parse());
                in.expectEnd(".size");
            }
            case ".byte" -> data(in, expressions, 1);
            case ".short", ".word", ".hword", ".value", ".2byte" -> data(in, expressions, 2);
            case ".long", ".int", ".4byte" -> data(in, expressions, 4);
            case ".quad", ".8byte" -> data(in, expressions, 8);
            case ".ascii" -> strings(in, false);
            case ".string", ".asciz" -> strings(in, true);
            case ".skip", ".space" -> skip(in, expressions, true);
            case ".zero" -> skip(in, expressions, false);
            case ".align", ".balign" -> align(in, expressions, false);
            case ".p2align" -> align(in, expressions, true);
            default -> throw in.error("directive '" + name + "' is not supported by the in-process assembler");
        }
    }

    private void sectionDirective(Cursor in) {
        String name = in.sectionName();
        if (name == null) {
            throw in.error("expected a section name after .section");
        }
        SectionDefaults defaults = SectionDefaults.of(name);
        int type;
        long flags;
        if (in.tryConsume(',')) {
            byte[] flagText = in.stringLiteral();
            flags = 0;
            for (byte b : flagText) {
                flags |= switch (b) {
                    case 'a' -> AsmSection.SHF_ALLOC;
                    case 'w' -> AsmSection.SHF_WRITE;
                    case 'x' -> AsmSection.SHF_EXECINSTR;
                    default -> throw in.error("section flag '" + (char) (b & 0xff)
                            + "' is not supported by the in-process assembler");
                };
            }
            type = defaults == null ? AsmSection.SHT_PROGBITS : defaults.type();
            if (in.tryConsume(',')) {
                char prefix = in.peek();
                if (prefix != '@' && prefix != '%') {
                    throw in.error("expected @progbits, @nobits or @note");
                }
                in.tryConsume(prefix);
                String typeName = in.plainName();
                type = switch (typeName == null ? "" : typeName) {
                    case "progbits" -> AsmSection.SHT_PROGBITS;
                    case "nobits" -> AsmSection.SHT_NOBITS;
                    case "note" -> AsmSection.SHT_NOTE;
                    default -> throw in.error("section type '" + prefix + typeName
                            + "' is not supported by the in-process assembler");
                };
            }
        } else if (defaults != null) {
            type = defaults.type();
            flags = defaults.flags();
        } else {
            throw in.error("section " + name + " needs its flags (such as \"a\" or \"aw\")");
        }
        in.expectEnd(".section");
        current = section(name, type, flags, in.line());
    }

    /** The attributes GNU as gives well-known sections declared without flags. */
    private record SectionDefaults(int type, long flags) {
        static SectionDefaults of(String name) {
            if (is(name, ".text") || name.equals(".init") || name.equals(".fini")) {
                return new SectionDefaults(AsmSection.SHT_PROGBITS, AsmSection.SHF_ALLOC | AsmSection.SHF_EXECINSTR);
            }
            if (is(name, ".data")) {
                return new SectionDefaults(AsmSection.SHT_PROGBITS, AsmSection.SHF_ALLOC | AsmSection.SHF_WRITE);
            }
            if (is(name, ".rodata")) {
                return new SectionDefaults(AsmSection.SHT_PROGBITS, AsmSection.SHF_ALLOC);
            }
            if (is(name, ".bss")) {
                return new SectionDefaults(AsmSection.SHT_NOBITS, AsmSection.SHF_ALLOC | AsmSection.SHF_WRITE);
            }
            if (is(name, ".note")) {
                return new SectionDefaults(AsmSection.SHT_NOTE, 0);
            }
            return null;
        }

        private static boolean is(String name, String base) {
            return name.equals(base) || name.startsWith(base + ".");
        }
    }

    private AsmSymbol requiredSymbol(Cursor in) {
        String name = in.symbolName();
        if (name == null) {
            throw in.error("expected a symbol name at '" + in.rest() + "'");
        }
        return symbol(name, name.startsWith(".L"));
    }

    /** The symbols of a binding or visibility directive (a switch, not a lambda per directive: see AssemblyWriter). */
    private void symbolList(Cursor in, String directive) {
        do {
            AsmSymbol s = requiredSymbol(in);
            switch (directive) {
                case ".weak" -> s.bind(AsmSymbol.Binding.WEAK, in.line());
                case ".local" -> s.bind(AsmSymbol.Binding.LOCAL, in.line());
                case ".hidden" -> s.visibility(AsmSymbol.Visibility.HIDDEN);
                case ".internal" -> s.visibility(AsmSymbol.Visibility.INTERNAL);
                case ".protected" -> s.visibility(AsmSymbol.Visibility.PROTECTED);
                default -> s.bind(AsmSymbol.Binding.GLOBAL, in.line());
            }
        } while (in.tryConsume(','));
        in.expectEnd("the symbol list");
    }

    private void typeDirective(Cursor in) {
        AsmSymbol s = requiredSymbol(in);
        in.expect(',', "',' after the symbol");
        String kind;
        char prefix = in.peek();
        if (prefix == '@' || prefix == '%') {
            in.tryConsume(prefix);
            kind = in.plainName();
        } else if (prefix == '"') {
            kind = new String(in.stringLiteral(), StandardCharsets.ISO_8859_1);
        } else {
            kind = in.plainName();
        }
        s.type(switch (kind == null ? "" : kind) {
            case "function", "STT_FUNC" -> AsmSymbol.Type.FUNC;
            case "object", "STT_OBJECT" -> AsmSymbol.Type.OBJECT;
            case "notype", "STT_NOTYPE" -> AsmSymbol.Type.NOTYPE;
            default -> throw in.error("symbol type '" + kind + "' is not supported by the in-process assembler");
        });
        in.expectEnd(".type");
    }

    private void data(Cursor in, ExprParser expressions, int size) {
        do {
            Fragment.Bytes out = current.bytes();
            Expr e = expressions.parse();
            if (Expr.isConstant(e)) {
                long v = Expr.constant(e, in.line());
                checkRange(v, size, in.line());
                if (current.nobits() && v != 0) {
                    throw in.error("data in section " + current.name() + ", which has no contents");
                }
                out.putLittleEndian(v, size);
            } else {
                if (current.nobits()) {
                    throw in.error("data in section " + current.name() + ", which has no contents");
                }
                if (size == 8 && cpu == TargetCpu.I386) {
                    throw in.error("an 8-byte address cannot be relocated in a 32-bit (i386) object: use .long");
                }
                out.addFixup(new Fixup(out.length(), size, Fixup.Kind.DATA, e, 0, in.line()));
                out.putLittleEndian(0, size);
            }
        } while (in.tryConsume(','));
        in.expectEnd("the data");
    }

    static void checkRange(long v, int size, int line) {
        if (size == 8) {
            return;
        }
        long min = -(1L << (8 * size - 1));
        long max = (1L << (8 * size)) - 1;
        if (v < min || v > max) {
            throw new AssemblyException(line, "value " + v + " does not fit in " + size + " byte" + (size == 1 ? "" : "s"));
        }
    }

    private void strings(Cursor in, boolean terminate) {
        do {
            byte[] bytes = in.stringLiteral();
            if (current.nobits()) {
                throw in.error("data in section " + current.name() + ", which has no contents");
            }
            Fragment.Bytes out = current.bytes();
            out.put(bytes);
            if (terminate) {
                out.put(0);
            }
        } while (in.tryConsume(','));
        in.expectEnd("the strings");
    }

    private void skip(Cursor in, ExprParser expressions, boolean fillAllowed) {
        long count = Expr.constant(expressions.parse(), in.line());
        long fill = 0;
        if (fillAllowed && in.tryConsume(',')) {
            fill = Expr.constant(expressions.parse(), in.line());
            checkRange(fill, 1, in.line());
        }
        in.expectEnd("the size");
        if (count < 0 || count > Integer.MAX_VALUE / 2) {
            throw in.error("size " + count + " is out of range");
        }
        if (current.nobits() && fill != 0) {
            throw in.error("data in section " + current.name() + ", which has no contents");
        }
        current.bytes().fill((int) count, (int) fill);
    }

    // ---- the typed route: statements handed over as values instead of text (AssemblyWriter) ----

    /** Defines label {@code name} here, as {@code name:} does. */
    void typedLabel(String name, int line) {
        AsmSymbol symbol = symbol(name, name.startsWith(".L"));
        Fragment.Bytes f = current.bytes();
        symbol.define(current, f, f.length(), line);
    }

    /** A constant data field, as {@code .byte/.short/.long/.quad value} writes it. */
    void typedData(int size, long value, int line) {
        checkRange(value, size, line);
        if (current.nobits() && value != 0) {
            throw new AssemblyException(line, "data in section " + current.name() + ", which has no contents");
        }
        current.bytes().putLittleEndian(value, size);
    }

    /**
     * A data field holding {@code plus + constant - minus} ({@code minus} may be null), as the text
     * {@code .long plus + constant - minus} writes it: the symbols are looked up in that order.
     */
    void typedData(int size, String plus, long constant, String minus, int line) {
        AsmSymbol p = reference(plus, line);
        Expr e;
        if (minus == null && constant == 0) {
            e = p.ref();
        } else {
            e = new Expr.Offset(p, constant, minus == null ? null : reference(minus, line));
        }
        if (current.nobits()) {
            throw new AssemblyException(line, "data in section " + current.name() + ", which has no contents");
        }
        if (size == 8 && cpu == TargetCpu.I386) {
            throw new AssemblyException(line, "an 8-byte address cannot be relocated in a 32-bit (i386) object: use .long");
        }
        Fragment.Bytes out = current.bytes();
        out.addFixup(new Fixup(out.length(), size, Fixup.Kind.DATA, e, 0, line));
        out.putLittleEndian(0, size);
    }

    /** The bytes of {@code .string} (terminated) or {@code .ascii}. */
    void typedString(byte[] bytes, boolean terminate, int line) {
        if (current.nobits()) {
            throw new AssemblyException(line, "data in section " + current.name() + ", which has no contents");
        }
        Fragment.Bytes out = current.bytes();
        out.put(bytes);
        if (terminate) {
            out.put(0);
        }
    }

    /** {@code .align alignment} (a power of two, in bytes). */
    void typedAlign(int alignment, int line) {
        if (alignment <= 0 || (alignment & (alignment - 1)) != 0) {
            throw new AssemblyException(line, "alignment " + alignment + " is not a power of 2");
        }
        alignTo(alignment, null, 0);
    }

    /** One statement of text (labels, a directive or an instruction), without comments. */
    void typedStatement(String text, int line) {
        statement(new SourceStatement(line, text));
    }

    /**
     * The operands of an instruction, parsed once and kept by the caller while {@code reusable} says
     * they refer to no numeric label and no {@code .} (whose meaning depends on where they stand).
     */
    List<Operand> operands(String text, int line, boolean[] reusable) {
        Cursor in = new Cursor(text, line);
        boolean[] positional = {false};
        ExprParser.Symbols tracking = new ExprParser.Symbols() {
            @Override
            public AsmSymbol reference(String name, int at) {
                return ElfAssembler.this.reference(name, at);
            }

            @Override
            public AsmSymbol numericLabel(long label, boolean forward, int at) {
                positional[0] = true;
                return ElfAssembler.this.numericLabel(label, forward, at);
            }

            @Override
            public AsmSymbol here(int at) {
                positional[0] = true;
                return ElfAssembler.this.here(at);
            }
        };
        List<Operand> operands = Operand.parseAll(in, new ExprParser(in, tracking), cpu);
        reusable[0] = !positional[0];
        return operands;
    }

    /**
     * An instruction with operands already parsed ({@link #operands}). The encoder's output depends on
     * the mnemonic and the operands alone (a symbol's value goes into a fixup, resolved later), so when
     * the list of operands is {@code shared} (the same object each time its text comes, see
     * {@link AssemblyWriter}) an instruction that adds bytes and fixups to the current fragment is
     * encoded once per list and mnemonic, and repeated from that: a relay thunk's
     * {@code movq %rdx,16(%rsp)}, {@code leaq .L__wine_spec_relay_descr(%rip),%rcx}.
     */
    void typedInstruction(String mnemonic, List<Operand> operands, boolean shared, int line) {
        if (current.nobits()) {
            throw new AssemblyException(line, "instruction in section " + current.name() + ", which has no contents");
        }
        Map<String, Encoded> byMnemonic = shared ? encodings.get(operands) : null;
        Encoded known = byMnemonic != null ? byMnemonic.get(mnemonic) : null;
        if (known != null) {
            known.repeat(current.bytes(), line);
            return;
        }
        Fragment.Bytes out = current.lastBytes();
        if (!shared || out == null) {
            X86Encoder.encode(current, line, mnemonic, operands, cpu);
            return;
        }
        int start = out.length();
        int fixups = out.fixups().size();
        X86Encoder.encode(current, line, mnemonic, operands, cpu);
        if (current.lastBytes() == out) {
            if (byMnemonic == null) {   // (shared: looked up above)
                byMnemonic = new HashMap<>();
                encodings.put(operands, byMnemonic);
            }
            byMnemonic.put(mnemonic, new Encoded(out.bytes(start), fixups(out, fixups, start)));
        }
    }

    /**
     * Where the current section's bytes end now, to {@link #encodedSince} a run of instructions
     * assembled from here; null when the section has no bytes fragment to grow.
     */
    Object markEncoding() {
        Fragment.Bytes out = current.nobits() ? null : current.lastBytes();
        return out == null ? null : new EncodingMark(current, out, out.length(), out.fixups().size());
    }

    /**
     * The bytes and fixups added since {@code mark} as one encoding that {@link #repeatEncoded} can
     * append again, or null when they did not all go to the marked fragment (another section or
     * fragment, an alignment).
     */
    Object encodedSince(Object mark) {
        if (!(mark instanceof EncodingMark m) || current != m.section() || current.lastBytes() != m.out()) {
            return null;
        }
        return new Encoded(m.out().bytes(m.length()), fixups(m.out(), m.fixups(), m.length()));
    }

    /** Appends an encoding from {@link #encodedSince} to the current section, its fixups naming {@code line}. */
    void repeatEncoded(Object encoded, int line) {
        if (current.nobits()) {
            throw new AssemblyException(line, "instruction in section " + current.name() + ", which has no contents");
        }
        ((Encoded) encoded).repeat(current.bytes(), line);
    }

    private record EncodingMark(AsmSection section, Fragment.Bytes out, int length, int fixups) {
    }

    /** The fixups of {@code out} from the {@code first}, their offsets made relative to {@code start}. */
    private static Fixup[] fixups(Fragment.Bytes out, int first, int start) {
        List<Fixup> all = out.fixups();
        Fixup[] added = new Fixup[all.size() - first];
        for (int i = 0; i < added.length; i++) {
            Fixup f = all.get(first + i);
            added[i] = new Fixup(f.offset() - start, f.size(), f.kind(), f.expr(), f.adjust(), f.line());
        }
        return added;
    }

    /** An instruction's encoding: its bytes and its fixups, at offsets from its first byte. */
    private record Encoded(byte[] bytes, Fixup[] fixups) {
        /** Appends the instruction to {@code out}, its fixups naming {@code line}. */
        void repeat(Fragment.Bytes out, int line) {
            int start = out.length();
            for (Fixup f : fixups) {
                out.addFixup(new Fixup(start + f.offset(), f.size(), f.kind(), f.expr(), f.adjust(), line));
            }
            out.put(bytes);
        }
    }

    private void align(Cursor in, ExprParser expressions, boolean powerOfTwo) {
        long value = Expr.constant(expressions.parse(), in.line());
        Integer fill = null;
        int max = 0;
        if (in.tryConsume(',')) {
            if (in.peek() != ',') {
                long f = Expr.constant(expressions.parse(), in.line());
                checkRange(f, 1, in.line());
                fill = (int) f & 0xff;
            }
            if (in.tryConsume(',')) {
                long m = Expr.constant(expressions.parse(), in.line());
                if (m < 0 || m > Integer.MAX_VALUE) {
                    throw in.error("maximum padding " + m + " is out of range");
                }
                max = (int) m;
            }
        }
        in.expectEnd("the alignment");
        long alignment;
        if (powerOfTwo) {
            if (value < 0 || value > 30) {
                throw in.error("alignment 2^" + value + " is out of range");
            }
            alignment = 1L << value;
        } else {
            if (value < 0 || value > (1 << 30) || (value & (value - 1)) != 0) {
                throw in.error("alignment " + value + " is not a power of 2");
            }
            alignment = Math.max(1, value);
        }
        alignTo(alignment, fill, max);
    }

    private void alignTo(long alignment, Integer fill, int max) {
        if (alignment == 1) {
            return;
        }
        current.requireAlignment(alignment);
        Fragment.Align align = new Fragment.Align((int) alignment, fill, max, current.code(), cpu == TargetCpu.I386);
        long end = current.fixedEnd();
        if (end >= 0 && !current.nobits()) {
            // nothing before can change size: the padding is known now and goes into the bytes (a
            // relay thunk per export would otherwise leave two fragments behind each)
            int padding = (int) align.paddingAt(end);
            align.padding(padding);
            byte[] bytes = new byte[padding];
            align.copyTo(bytes, 0);
            current.bytes().put(bytes);
        } else {
            current.add(align);
        }
    }

    private AssembledObject finish() {
        for (AsmSymbol s : symbols.values()) {
            if (s.temporary() && !s.defined()) {
                String shown = s.name().startsWith("\u0001") ? "local label " + s.name().substring(1, s.name().indexOf('#'))
                        : "local label '" + s.name() + "'";
                throw new AssemblyException(s.firstUseLine(), shown + " is used but never defined"
                        + (s.name().startsWith("\u0001") ? " after this line" : ""));
            }
        }
        List<AsmSection> ordered = new ArrayList<>(sections.values());
        for (AsmSection section : ordered) {
            for (Fragment f : section.fragments()) {
                if (f instanceof Fragment.Jump j && !relaxable(j, section)) {
                    j.longForm = true;
                    j.relocated = true;
                }
            }
            section.layout();
        }
        resolveFixups(ordered);
        // the map lists the symbols in the order they were made, the order of the symbol table
        return new ElfObjectWriter(ordered, new ArrayList<>(symbols.values()), cpu).object();
    }

    /** Fixups of at least this many in all make a second thread resolve some sections' fixups. */
    static final int PARALLEL_FIXUPS = 100_000;

    /**
     * Resolves the fixups of each section. Sections resolve apart (each section's fixups patch its
     * own bytes and add to its own relocations; a relocation against a local symbol marks that
     * symbol's section, only ever from false to true), so with many fixups the sections are shared
     * between this thread and another: the largest here, the others there.
     */
    private void resolveFixups(List<AsmSection> ordered) {
        int total = 0;
        int most = -1;
        int[] counts = new int[ordered.size()];
        for (int i = 0; i < ordered.size(); i++) {
            for (Fragment f : ordered.get(i).fragments()) {
                counts[i] += f instanceof Fragment.Bytes b ? b.fixups().size() : 1;
            }
            total += counts[i];
            if (most < 0 || counts[i] > counts[most]) {
                most = i;
            }
        }
        if (total < parallelFixups || counts[most] == total) {
            for (AsmSection section : ordered) {
                FixupResolver.resolve(section, cpu);
            }
            return;
        }
        AssemblyException[] failures = new AssemblyException[ordered.size()];
        // the error reported is the one of the first section in order, as when resolved one after another
        int largest = most;
        Background<Integer> there = Background.start("assembler fixups", () -> {
            for (int i = 0; i < ordered.size(); i++) {
                if (i != largest) {
                    try {
                        FixupResolver.resolve(ordered.get(i), cpu);
                    } catch (AssemblyException e) {
                        failures[i] = e;
                        return i;
                    }
                }
            }
            return -1;
        });
        try {
            FixupResolver.resolve(ordered.get(largest), cpu);
        } catch (AssemblyException e) {
            failures[largest] = e;
        }
        int failed = there.join();
        if (failures[largest] != null && (failed < 0 || largest < failed)) {
            throw failures[largest];
        }
        if (failed >= 0) {
            throw failures[failed];
        }
    }

    /**
     * Whether a {@code jmp} is resolved here (and may be short): its target is in the same section
     * and not weak. GNU as (without {@code -shared}) resolves jumps to global symbols too.
     */
    static boolean relaxable(Fragment.Jump j, AsmSection section) {
        return j.target.defined() && j.target.section() == section && j.target.binding() != AsmSymbol.Binding.WEAK;
    }
}
