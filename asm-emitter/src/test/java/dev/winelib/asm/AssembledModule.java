package dev.winelib.asm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.winelib.spec.EntryType;
import dev.winelib.spec.ExportEntry;
import dev.winelib.spec.ModuleSpec;

/**
 * Emitted assembly put through the real assembler ({@code gcc -c -x assembler}), with the NT header and export
 * directory read back from the object file's {@code .data} and its relocations.
 */
final class AssembledModule {

    /**
     * The export directory as a loader would see it. Function slots are written {@code 0} (hole),
     * {@code sym:NAME} (undefined symbol), {@code stub:NAME} (function defined in .text), {@code fwd:TEXT}
     * (string inside the export directory, i.e. a forward), or something else that no test expects.
     */
    record ExportTable(long timeDateStamp, String moduleName, long base, List<String> functions, List<String> names,
            List<Integer> nameOrdinals) {
    }

    final ElfObject elf;
    final ElfObject.Section dataSection;
    final long nt;
    private final ByteBuffer data;

    private AssembledModule(ElfObject elf) {
        this.elf = elf;
        this.dataSection = elf.section(".data").orElseThrow();
        this.data = ByteBuffer.wrap(elf.contents(dataSection)).order(ByteOrder.LITTLE_ENDIAN);
        ElfObject.Symbol header = elf.symbol("__wine_spec_nt_header").orElseThrow();
        assertThat(elf.sectionAt(header.sectionIndex()).name()).isEqualTo(".data");
        this.nt = header.value();
    }

    /** Assembles {@code asm} in {@code dir}; the assembler must succeed without a word. */
    static AssembledModule assemble(Path dir, String name, String asm) throws IOException {
        Path gcc = ExternalTools.gcc();
        Path source = dir.resolve(name + ".s");
        Path object = dir.resolve(name + ".o");
        Files.writeString(source, asm, StandardCharsets.ISO_8859_1);
        ExternalTools.Result r = ExternalTools.run(dir, gcc.toString(), "-c", "-x", "assembler", source.toString(),
                "-o", object.toString());
        assertThat(r.exitCode()).as("gcc exit code, output:%n%s", r.output()).isZero();
        assertThat(r.output()).as("assembler messages").isEmpty();
        return new AssembledModule(ElfObject.read(object));
    }

    int u16(long ntOffset) {
        return Short.toUnsignedInt(data.getShort((int) (nt + ntOffset)));
    }

    long u32(long ntOffset) {
        return Integer.toUnsignedLong(data.getInt((int) (nt + ntOffset)));
    }

    long u64(long ntOffset) {
        return data.getLong((int) (nt + ntOffset));
    }

    String cString(long ntOffset) {
        StringBuilder b = new StringBuilder();
        for (int at = (int) (nt + ntOffset); data.get(at) != 0; at++) {
            b.append((char) Byte.toUnsignedInt(data.get(at)));
        }
        return b.toString();
    }

    /** The relocation applied to the 8 bytes at {@code ntOffset} of the NT header's section, if any. */
    Optional<ElfObject.Relocation> relocationAt(long ntOffset) {
        return elf.relocations(".data").stream().filter(r -> r.offset() == nt + ntOffset).findFirst();
    }

    long exportRva() {
        return u32(136);
    }

    long exportSize() {
        return u32(140);
    }

    ExportTable exports() {
        long dir = exportRva();
        long count = u32(dir + 20);
        long nameCount = u32(dir + 24);
        long functionsRva = u32(dir + 28);
        List<String> functions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            functions.add(slot(functionsRva + 8L * i));
        }
        List<String> names = new ArrayList<>();
        List<Integer> ordinals = new ArrayList<>();
        for (int i = 0; i < nameCount; i++) {
            names.add(cString(u32(u32(dir + 32) + 4L * i)));
            ordinals.add(u16(u32(dir + 36) + 2L * i));
        }
        if (nameCount == 0) {
            assertThat(u32(dir + 32)).as("AddressOfNames without names").isZero();
            assertThat(u32(dir + 36)).as("AddressOfNameOrdinals without names").isZero();
        }
        return new ExportTable(u32(dir + 4), cString(u32(dir + 12)), u32(dir + 16), functions, names, ordinals);
    }

    private String slot(long ntOffset) {
        Optional<ElfObject.Relocation> reloc = relocationAt(ntOffset);
        if (reloc.isEmpty()) {
            long value = u64(ntOffset);
            return value == 0 ? "0" : "const:" + value;
        }
        ElfObject.Relocation r = reloc.get();
        if (r.type() != ElfObject.R_X86_64_64) {
            return "reloc-type:" + r.type();
        }
        ElfObject.Symbol s = r.symbol();
        if (!s.defined()) {
            return "sym:" + s.name() + (r.addend() == 0 ? "" : "+" + r.addend());
        }
        String section = elf.sectionAt(s.sectionIndex()).name();
        long address = (s.type() == ElfObject.STT_SECTION ? 0 : s.value()) + r.addend();
        if (section.equals(".text")) {
            return elf.symbols().stream()
                    .filter(f -> f.type() == ElfObject.STT_FUNC && f.sectionIndex() == s.sectionIndex()
                            && f.value() == address)
                    .map(f -> "stub:" + f.name()).findFirst().orElse("text+" + address);
        }
        if (section.equals(".data")) {
            long rva = address - nt;
            String text = cString(rva);
            boolean inDirectory = rva >= exportRva() && rva < exportRva() + exportSize();
            return (inDirectory ? "fwd:" : "data-outside-export-directory:") + text;
        }
        return section + "+" + address;
    }

    /** The export table the spec describes, written as {@link #exports()} reads it back. */
    static ExportTable expected(ModuleSpec spec) {
        List<String> functions = new ArrayList<>();
        for (int ordinal = spec.base(); ordinal <= spec.limit(); ordinal++) {
            ExportEntry e = spec.atOrdinal(ordinal).orElse(null);
            if (e == null) {
                functions.add("0");
            } else if (e.forward()) {
                functions.add("fwd:" + e.target());
            } else if (e.type() == EntryType.STUB) {
                functions.add("stub:" + ModuleAssemblyEmitter.stubSymbol(e, spec));
            } else {
                functions.add("sym:" + e.target());
            }
        }
        return new ExportTable(Integer.toUnsignedLong(ModuleAssemblyEmitter.fileNameHash(spec.fileName())),
                spec.fileName(), spec.base(), functions,
                spec.namedEntries().stream().map(e -> e.exportedName().orElseThrow()).toList(),
                spec.namedEntries().stream().map(e -> e.ordinal() - spec.base()).toList());
    }
}
