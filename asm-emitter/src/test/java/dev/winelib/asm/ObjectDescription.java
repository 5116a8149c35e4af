package dev.winelib.asm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * What a relocatable object means to a linker, as text that two objects can be compared by: each
 * content section (name, type, flags, alignment, size and bytes), its relocations in offset order
 * (type, target symbol or section, addend), and the named symbols by name (binding, type,
 * visibility, section, value, size). Leaves out what does not change the link: the order of
 * symbols and sections in their tables and the layout of the string tables.
 */
final class ObjectDescription {

    private static final Set<Integer> TABLE_TYPES = Set.of(2, 3, 4, 9); // SYMTAB, STRTAB, RELA, REL

    private ObjectDescription() {
    }

    static String of(ElfObject elf) {
        StringBuilder b = new StringBuilder();
        for (ElfObject.Section s : elf.sections()) {
            if (s.index() == 0 || TABLE_TYPES.contains(s.type())) {
                continue;
            }
            b.append("section ").append(s.name()).append(" type=").append(s.type()).append(" flags=0x")
                    .append(Long.toHexString(s.flags())).append(" align=").append(s.alignment()).append(" size=0x").append(Long.toHexString(s.size()))
                    .append('\n');
            if (s.type() != 8) { // NOBITS
                String hex = HexFormat.of().formatHex(elf.contents(s));
                for (int i = 0; i < hex.length(); i += 64) {
                    b.append("  ").append(hex, i, Math.min(hex.length(), i + 64)).append('\n');
                }
            }
            List<ElfObject.Relocation> relocations = new ArrayList<>(elf.relocations(s.name()));
            relocations.sort(Comparator.comparingLong(ElfObject.Relocation::offset));
            for (ElfObject.Relocation r : relocations) {
                ElfObject.Symbol sym = r.symbol();
                String target = sym.type() == ElfObject.STT_SECTION ? "[" + elf.sectionAt(sym.sectionIndex()).name() + "]"
                        : sym.name();
                b.append("  reloc 0x").append(Long.toHexString(r.offset())).append(" type=").append(r.type())
                        .append(' ').append(target).append(r.addend() < 0 ? "-0x" : "+0x")
                        .append(Long.toHexString(Math.abs(r.addend()))).append('\n');
            }
        }
        List<ElfObject.Symbol> symbols = new ArrayList<>();
        for (ElfObject.Symbol s : elf.symbols()) {
            if (!s.name().isEmpty() && s.type() != ElfObject.STT_SECTION) {
                symbols.add(s);
            }
        }
        symbols.sort(Comparator.comparing(ElfObject.Symbol::name));
        for (ElfObject.Symbol s : symbols) {
            b.append("symbol ").append(s.name()).append(" bind=").append(s.bind()).append(" type=").append(s.type())
                    .append(" vis=").append(s.visibility()).append(" section=")
                    .append(s.defined() ? elf.sectionAt(s.sectionIndex()).name() : "UND").append(" value=0x")
                    .append(Long.toHexString(s.value())).append(" size=").append(s.size()).append('\n');
        }
        return b.toString();
    }
}
