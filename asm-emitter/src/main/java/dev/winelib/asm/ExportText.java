package dev.winelib.asm;

import java.util.ArrayList;
import java.util.List;

import dev.winelib.asm.elf.AssemblyWriter;
import dev.winelib.spec.EntryType;
import dev.winelib.spec.ExportEntry;
import dev.winelib.spec.ExportFlag;
import dev.winelib.spec.ModuleSpec;

/**
 * The export directory: its header, the address table (absolute addresses that Wine's loader turns
 * into RVAs), the name pointers and ordinals, the name strings and forward strings, the relay data
 * when functions are traced, and the thunks of exports implemented by imported functions. The large
 * tables are written straight from the spec, an export at a time.
 */
final class ExportText {

    private ExportText() {
    }

    /** The thunk of an {@code -import} export: it jumps through the import address table slot. */
    private record ImportThunk(String symbol, String iatSlot) {
    }

    /**
     * Writes the export directory and its thunks (nothing for a module without an export table).
     *
     * @return whether thunks were written that find their address through the i386 PC thunk
     */
    static boolean write(AsmLines out, ModuleText.Context c, RelayModel.Relay relay) {
        ModuleSpec spec = c.spec();
        if (spec.limit() < spec.base()) {
            return false;
        }
        List<ExportEntry> named = spec.namedEntries();
        out.raw("");
        out.raw("/* Export directory. */");
        out.op(".data");
        out.op(".align 4");
        out.label(".L__wine_spec_exports");
        out.op(".long", 0, "Characteristics");
        out.op(".long", c.timestamp(), "TimeDateStamp");
        out.op(".long", 0, "MajorVersion/MinorVersion");
        out.op(".long", ".L__wine_spec_exp_names - .L__wine_spec_rva_base", "Name");
        out.op(".long", spec.base(), "Base");
        out.op(".long", spec.limit() - spec.base() + 1, "NumberOfFunctions");
        out.op(".long", named.size(), "NumberOfNames");
        out.op(".long", ".L__wine_spec_exports_funcs - .L__wine_spec_rva_base", "AddressOfFunctions");
        if (!named.isEmpty()) {
            out.op(".long", ".L__wine_spec_exp_name_ptrs - .L__wine_spec_rva_base", "AddressOfNames");
            out.op(".long", ".L__wine_spec_exp_ordinals - .L__wine_spec_rva_base", "AddressOfNameOrdinals");
        } else {
            out.op(".long", 0, "AddressOfNames");
            out.op(".long", 0, "AddressOfNameOrdinals");
        }
        out.raw("");
        out.raw("/* Absolute addresses; Wine turns them into RVAs when it maps the module. */");
        List<String> forwards = new ArrayList<>();
        List<ImportThunk> importThunks = new ArrayList<>();
        addressTable(out, c, forwards, importThunks);
        if (!named.isEmpty()) {
            nameTables(out, spec, named);
        }
        if (relay != null) {
            out.op(".long", RelayModel.MAGIC, "relay data follows the export directory");
            out.op(".long 0");
        }
        out.raw("");
        out.label(".L__wine_spec_exp_names");
        AssemblyWriter typed = out.typed();
        if (typed != null) {
            typed.string(AsmText.stringBytes(spec.fileName()));
            for (ExportEntry e : named) {
                exportedName(typed, e);
            }
        } else {
            out.op(".string", AsmText.stringLiteral(spec.fileName()));
            for (ExportEntry e : named) {
                out.op(".string", AsmText.stringLiteral(e.exportedName().orElseThrow()));
            }
        }
        if (!forwards.isEmpty()) {
            out.raw("");
            out.label(".L__wine_spec_forwards");
            for (String forward : forwards) {
                out.op(".string", forward);
            }
        }
        out.op(".align", c.pointerSize());
        out.label(".L__wine_spec_exports_end");
        if (relay != null) {
            relay(out, c, relay);
        } else {
            out.op(c.ptr() + " 0");
        }
        importThunks(out, c, importThunks);
        return relay != null || !importThunks.isEmpty();
    }

    /** The name string of {@code e}, typed. */
    private static void exportedName(AssemblyWriter typed, ExportEntry e) {
        typed.string(AsmText.stringBytes(e.exportedName().orElseThrow()));
    }

    /** The export address table: a slot per ordinal from the base to the limit, 0 for a hole. */
    private static void addressTable(AsmLines out, ModuleText.Context c, List<String> forwards,
            List<ImportThunk> importThunks) {
        ModuleSpec spec = c.spec();
        out.label(".L__wine_spec_exports_funcs");
        AssemblyWriter typed = out.typed();
        int size = c.pointerSize();
        int forwardOffset = 0;
        for (int ordinal = spec.base(); ordinal <= spec.limit(); ordinal++) {
            ExportEntry e = spec.atOrdinal(ordinal).orElse(null);
            if (e == null) {
                if (typed != null) {
                    typed.data(size, 0);
                } else {
                    out.begin().append(c.ptr()).append(" 0");
                    out.end();
                }
            } else if (e.forward()) {
                if (typed != null) {
                    typed.data(size, ".L__wine_spec_forwards", forwardOffset, null);
                } else {
                    out.begin().append(c.ptr()).append(" .L__wine_spec_forwards+").append(forwardOffset);
                    out.end();
                }
                forwards.add(AsmText.stringLiteral(e.target()));
                forwardOffset += AsmText.storedLength(e.target());
            } else {
                functionSlot(out, c, typed, e, importThunks);
            }
        }
    }

    /**
     * The slot of a function or variable: its address. (A method of its own, as {@link #relayThunk}
     * is: the loops over the exports run interpreted, their bodies are compiled.)
     */
    private static void functionSlot(AsmLines out, ModuleText.Context c, AssemblyWriter typed, ExportEntry e,
            List<ImportThunk> importThunks) {
        ModuleSpec spec = c.spec();
        String symbol = ModuleAssemblyEmitter.slotSymbol(e, spec);
        if (typed != null) {
            typed.data(c.pointerSize(), AsmText.checkedSymbol(symbol), 0, null);
        } else {
            out.begin().append(c.ptr()).append(' ').append(AsmText.symbol(symbol));
            out.end();
        }
        if (e.type() != EntryType.STUB && e.hasFlag(ExportFlag.IMPORT)) {
            importThunks.add(new ImportThunk(AsmText.symbol(ModuleAssemblyEmitter.importThunkSymbol(e)),
                    AsmText.symbol("__imp_" + e.linkSymbol(spec.cpu()))));
        }
    }

    /** The name pointer table (offsets into the name strings) and the name ordinal table. */
    private static void nameTables(AsmLines out, ModuleSpec spec, List<ExportEntry> named) {
        out.raw("");
        out.label(".L__wine_spec_exp_name_ptrs");
        int offset = AsmText.storedLength(spec.fileName());
        AssemblyWriter typed = out.typed();
        for (ExportEntry e : named) {
            offset = namePointer(out, typed, offset, e);
        }
        out.raw("");
        out.label(".L__wine_spec_exp_ordinals");
        typed = out.typed();
        for (ExportEntry e : named) {
            nameOrdinal(out, typed, e.ordinal() - spec.base());
        }
        if (named.size() % 2 == 1) {
            out.op(".short 0");
        }
    }

    /** The name pointer of {@code e}, whose name is at {@code offset}; the offset of the next name. */
    private static int namePointer(AsmLines out, AssemblyWriter typed, int offset, ExportEntry e) {
        if (typed != null) {
            typed.data(4, ".L__wine_spec_exp_names", offset, ".L__wine_spec_rva_base");
        } else {
            out.begin().append(".long .L__wine_spec_exp_names + ").append(offset).append(" - .L__wine_spec_rva_base");
            out.end();
        }
        return offset + AsmText.storedLength(e.exportedName().orElseThrow());
    }

    /** A name's entry in the ordinal table: its export slot. */
    private static void nameOrdinal(AsmLines out, AssemblyWriter typed, int slot) {
        if (typed != null) {
            typed.data(2, slot);
        } else {
            out.begin().append(".short ").append(slot);
            out.end();
        }
    }

    /** The relay descriptor, the thunk offset table, the argument string and the relay thunks. */
    private static void relay(AsmLines out, ModuleText.Context c, RelayModel.Relay relay) {
        String ptr = c.ptr();
        out.raw("");
        out.raw("/* Relay tracing (WINEDEBUG=+relay): Wine's ntdll fills in the tracer and its private data. */");
        out.label(".L__wine_spec_relay_descr");
        out.op(ptr, RelayModel.MAGIC);
        out.op(ptr, "0", "relay_call");
        out.op(ptr, "0", "private");
        out.op(ptr, "__wine_spec_relay_entry_points");
        out.op(ptr, ".L__wine_spec_relay_entry_point_offsets");
        out.op(ptr, ".L__wine_spec_relay_args_string");
        out.raw("");
        out.op(".section .rodata");
        out.op(".align 4");
        out.label(".L__wine_spec_relay_entry_point_offsets");
        ModuleSpec spec = c.spec();
        AssemblyWriter typed = out.typed();
        // the thunks' labels, made once for the offsets and the thunks
        String[] labels = typed != null ? new String[spec.limit() - spec.base() + 1] : null;
        for (int ordinal = spec.base(); ordinal <= spec.limit(); ordinal++) {
            boolean traced = relay.traced(ordinal - spec.base());
            if (typed != null) {
                labels[ordinal - spec.base()] = relayOffset(typed, traced, ordinal);
                continue;
            }
            StringBuilder line = out.begin().append(".long ");
            if (traced) {
                line.append(RelayModel.thunkLabel(ordinal)).append("-__wine_spec_relay_entry_points");
            } else {
                line.append('0');
            }
            out.end();
        }
        out.label(".L__wine_spec_relay_args_string");
        out.op(".string", relay.argString());
        out.raw("");
        out.op(".text");
        out.label("__wine_spec_relay_entry_points");
        out.op("nop");
        typed = out.typed();
        if (typed != null) {
            relayThunks(typed, c, relay, labels);
            return;
        }
        for (int ordinal = spec.base(); ordinal <= spec.limit(); ordinal++) {
            int slot = ordinal - spec.base();
            if (!relay.traced(slot)) {
                continue;
            }
            ExportEntry e = spec.atOrdinal(ordinal).orElseThrow();
            out.op(".align 4");
            out.op(".long 0x90909090,0x90909090");
            out.label(RelayModel.thunkLabel(ordinal));
            if (c.i386()) {
                out.op(".byte 0x8b,0xff,0x55,0x8b,0xec,0x5d");
                for (String move : RelayModel.argumentMoves(e, spec.cpu())) {   // (a loop: no lambda to link)
                    out.op(move);
                }
                out.op("pushl", "$" + relay.index(slot));
                out.op("call __wine_spec_get_pc_thunk_eax");
                out.raw("1:\tleal .L__wine_spec_relay_descr-1b(%eax),%eax");
                out.op("pushl %eax");
                out.op("call *4(%eax)");
                out.op(RelayModel.returnInstruction(e, spec.cpu()));
            } else {
                for (String move : RelayModel.argumentMoves(e, spec.cpu())) {   // (a loop: no lambda to link)
                    out.op(move);
                }
                out.begin().append("movl $").append(relay.index(slot)).append(",%edx");
                out.end();
                out.op("leaq .L__wine_spec_relay_descr(%rip),%rcx");
                out.op("callq *8(%rcx)");
                out.op("ret");
            }
        }
    }

    /** The entry of the thunk offset table for {@code ordinal}, typed; the thunk's label (null when not traced). */
    private static String relayOffset(AssemblyWriter typed, boolean traced, int ordinal) {
        if (!traced) {
            typed.data(4, 0);
            return null;
        }
        String label = RelayModel.thunkLabel(ordinal);
        typed.data(4, label, 0, "__wine_spec_relay_entry_points");
        return label;
    }

    /** The relay thunks of {@link #relay}, handed to the assembler as typed statements. */
    private static void relayThunks(AssemblyWriter out, ModuleText.Context c, RelayModel.Relay relay,
            String[] labels) {
        ModuleSpec spec = c.spec();
        // x86_64: the spills depend on the argument types alone, split once per list of them
        java.util.Map<List<dev.winelib.spec.ArgType>, List<String[]>> spills = new java.util.HashMap<>();
        for (int ordinal = spec.base(); ordinal <= spec.limit(); ordinal++) {
            int slot = ordinal - spec.base();
            if (relay.traced(slot)) {
                relayThunk(out, c, relay, slot, labels[slot], spills);
            }
        }
    }

    /**
     * One relay thunk. (A method of its own: the JIT compiles a method after a few hundred calls, but a
     * loop of ten thousand rounds in one call runs interpreted to its end, see docs/performance.md.)
     */
    private static void relayThunk(AssemblyWriter out, ModuleText.Context c, RelayModel.Relay relay, int slot,
            String label, java.util.Map<List<dev.winelib.spec.ArgType>, List<String[]>> spills) {
        ModuleSpec spec = c.spec();
        ExportEntry e = spec.atOrdinal(spec.base() + slot).orElseThrow();
        out.align(4);
        out.data(4, 0x90909090L, 0x90909090L);
        out.label(label);
        if (c.i386()) {
            out.data(1, 0x8b, 0xff, 0x55, 0x8b, 0xec, 0x5d);
            for (String move : RelayModel.argumentMoves(e, spec.cpu())) {
                instruction(out, move);
            }
            out.instruction("pushl", relay.index(slot), "");
            out.instruction("call", "__wine_spec_get_pc_thunk_eax");
            out.statement("1:\tleal .L__wine_spec_relay_descr-1b(%eax),%eax");
            out.instruction("pushl", "%eax");
            out.instruction("call", "*4(%eax)");
            instruction(out, RelayModel.returnInstruction(e, spec.cpu()));
        } else {
            List<String[]> moves = spills.get(e.args());
            if (moves == null) {
                moves = split(RelayModel.argumentMoves(e, spec.cpu()));
                spills.put(e.args(), moves);
            }
            out.instructions(moves);
            out.instruction("movl", relay.index(slot), "%edx");
            out.instructions(RELAY_THUNK_END);
        }
    }

    /** The last instructions of an x86_64 relay thunk, the same in every one. */
    private static final List<String[]> RELAY_THUNK_END = List.of(
            new String[] {"leaq", ".L__wine_spec_relay_descr(%rip),%rcx"},
            new String[] {"callq", "*8(%rcx)"},
            new String[] {"ret", ""});

    /** An instruction written as {@code mnemonic operands}, handed over typed. */
    private static void instruction(AssemblyWriter out, String text) {
        String[] parts = split(text);
        out.instruction(parts[0], parts[1]);
    }

    /** {@code mnemonic operands} as its mnemonic and its operands (empty when it has none). */
    private static String[] split(String text) {
        int space = text.indexOf(' ');
        return space < 0 ? new String[] {text, ""} : new String[] {text.substring(0, space), text.substring(space + 1)};
    }

    private static List<String[]> split(List<String> texts) {
        List<String[]> result = new ArrayList<>(texts.size());
        for (String text : texts) {
            result.add(split(text));
        }
        return result;
    }

    private static void importThunks(AsmLines out, ModuleText.Context c, List<ImportThunk> thunks) {
        if (thunks.isEmpty()) {
            return;
        }
        out.raw("");
        out.raw("/* Exports implemented by imported functions: jump through the import address table. */");
        out.op(".text");
        for (ImportThunk thunk : thunks) {
            out.op(".align 4");
            out.op(".long 0x90909090,0x90909090");
            out.label(thunk.symbol());
            if (c.i386()) {
                out.op(".byte 0x8b,0xff,0x55,0x8b,0xec,0x5d");
                out.op("call __wine_spec_get_pc_thunk_eax");
                out.raw("1:\tjmp *" + thunk.iatSlot() + "-1b(%eax)");
            } else {
                out.op(".byte 0x48,0x8d,0xa4,0x24,0x00,0x00,0x00,0x00");
                out.op("jmp", "*" + thunk.iatSlot() + "(%rip)");
            }
        }
    }
}
