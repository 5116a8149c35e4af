package dev.winelib.asm.elf;

import dev.winelib.spec.TargetCpu;

/**
 * Turns a laid-out section's fixups into bytes where the assembler knows the value, and into
 * relocations where only the linker can compute it, choosing relocation types as GNU as does.
 */
final class FixupResolver {

    /** Relocations by offset (a class rather than a lambda, whose call site each short run would link). */
    private static final java.util.Comparator<Relocation> BY_OFFSET = new java.util.Comparator<>() {
        @Override
        public int compare(Relocation a, Relocation b) {
            return Long.compare(a.offset(), b.offset());
        }
    };

    private final AsmSection section;
    private final boolean i386;

    private FixupResolver(AsmSection section, TargetCpu cpu) {
        this.section = section;
        this.i386 = cpu == TargetCpu.I386;
    }

    static void resolve(AsmSection section, TargetCpu cpu) {
        new FixupResolver(section, cpu).run();
    }

    private void run() {
        for (Fragment f : section.fragments()) {
            if (f instanceof Fragment.Bytes b) {
                for (Fixup fixup : b.fixups()) {
                    resolve(b, fixup);
                }
            } else if (f instanceof Fragment.Jump j && !ElfAssembler.relaxable(j, section)) {
                AsmSymbol t = j.target;
                long at = j.address() + 1;
                if (i386) {
                    relocate(at, Relocation.R_386_PC32, t, j.addend - 4);
                } else if (t.external() && j.addend == 0) {
                    section.relocations().add(new Relocation(at, Relocation.R_X86_64_PLT32, t, null, j.addend - 4));
                } else {
                    relocate(at, Relocation.R_X86_64_PC32, t, j.addend - 4);
                }
            }
        }
        section.relocations().sort(BY_OFFSET);
    }

    private void resolve(Fragment.Bytes fragment, Fixup fixup) {
        long place = fragment.address() + fixup.offset();
        Value v = Value.of(fixup.expr(), fixup.line());
        if (fixup.adjust() != 0) {
            v = new Value(v.constant() + fixup.adjust(), v.plus(), v.minus());
        }
        switch (fixup.kind()) {
            case RIP_RELATIVE, BRANCH -> pcRelativeInstruction(fragment, fixup, place, v);
            case DATA -> data(fragment, fixup, place, v.folded());
        }
    }

    private void pcRelativeInstruction(Fragment.Bytes fragment, Fixup fixup, long place, Value v) {
        if (v.minus() != null || v.plus() == null) {
            throw new AssemblyException(fixup.line(), "the target must be a symbol, optionally plus a constant");
        }
        AsmSymbol t = v.plus();
        if (t.defined() && t.section() == section && t.binding() == AsmSymbol.Binding.LOCAL) {
            long value = t.offset() + v.constant() - place;
            if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                throw new AssemblyException(fixup.line(), "displacement to '" + t + "' does not fit in 32 bits");
            }
            fragment.patch(fixup.offset(), value, 4);
            return;
        }
        // GNU as: a call or jump to a global symbol itself goes through the PLT; with an offset it does not
        boolean plain = v.constant() == fixup.adjust();
        int type = i386 ? Relocation.R_386_PC32
                : fixup.kind() == Fixup.Kind.BRANCH && t.external() && plain ? Relocation.R_X86_64_PLT32
                : Relocation.R_X86_64_PC32;
        relocate(place, type, t, v.constant());
    }

    private void data(Fragment.Bytes fragment, Fixup fixup, long place, Value v) {
        if (v.isConstant()) {
            ElfAssembler.checkRange(v.constant(), fixup.size(), fixup.line());
            fragment.patch(fixup.offset(), v.constant(), fixup.size());
            return;
        }
        if (v.minus() == null) {
            relocate(place, i386 ? switch (fixup.size()) {
                case 4 -> Relocation.R_386_32;
                case 2 -> Relocation.R_386_16;
                case 1 -> Relocation.R_386_8;
                default -> throw new AssemblyException(fixup.line(), "an 8-byte address cannot be relocated in a"
                        + " 32-bit (i386) object");
            } : switch (fixup.size()) {
                case 8 -> Relocation.R_X86_64_64;
                case 4 -> Relocation.R_X86_64_32;
                case 2 -> Relocation.R_X86_64_16;
                default -> Relocation.R_X86_64_8;
            }, v.plus(), v.constant());
            return;
        }
        AsmSymbol minus = v.minus();
        if (v.plus() == null || !minus.defined() || minus.section() != section) {
            throw new AssemblyException(fixup.line(), "the difference '" + (v.plus() == null ? "" : v.plus()) + " - "
                    + minus + "' cannot be represented: the subtracted symbol must be in the section being written ("
                    + section.name() + ")");
        }
        relocate(place, i386 ? switch (fixup.size()) {
            case 4 -> Relocation.R_386_PC32;
            case 2 -> Relocation.R_386_PC16;
            case 1 -> Relocation.R_386_PC8;
            default -> throw new AssemblyException(fixup.line(), "an 8-byte difference cannot be relocated in a"
                    + " 32-bit (i386) object");
        } : switch (fixup.size()) {
            case 8 -> Relocation.R_X86_64_PC64;
            case 4 -> Relocation.R_X86_64_PC32;
            case 2 -> Relocation.R_X86_64_PC16;
            default -> Relocation.R_X86_64_PC8;
        }, v.plus(), v.constant() + place - minus.offset());
    }

    /** A relocation against a global, weak or undefined symbol itself, or against a local one's section. */
    private void relocate(long place, int type, AsmSymbol target, long addend) {
        if (target.external()) {
            section.relocations().add(new Relocation(place, type, target, null, addend));
        } else {
            target.section().relocatedAgainst();
            section.relocations().add(new Relocation(place, type, null, target.section(), target.offset() + addend));
        }
    }
}
