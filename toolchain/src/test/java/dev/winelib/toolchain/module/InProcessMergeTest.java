package dev.winelib.toolchain.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.asm.elf.ElfAssembler;
import dev.winelib.asm.elf.RelocatableMerger;
import dev.winelib.toolchain.RequiredTools;
import dev.winelib.toolchain.process.ProcessRunner;

/**
 * The in-process merge ({@link RelocatableMerger}) against {@code ld.lld -r} on the same inputs: an
 * object of the in-process assembler (sections, local, global and weak symbols, relocations against
 * sections and symbols, the PE header reserve in {@code .init}), C objects compiled by gcc at -O2 with
 * {@code .eh_frame} and string constants, and COMDAT groups written twice. (ld.lld gives common
 * symbols a section of their own where GNU ld and this merger keep them common: the final link
 * allocates them alike.) readelf's view of both outputs — each allocated section's bytes, every symbol (value, size, type, binding,
 * visibility, section) and every relocation (section, offset, type, symbol or section plus addend) —
 * must be the same; the object order within the output, the string tables and {@code .comment} may differ.
 */
class InProcessMergeTest {

    @TempDir
    Path dir;

    private static final String MODULE = """
            \t.text
            \t.globl exported
            \t.type exported,@function
            exported:
            \tleaq .Ldata(%rip),%rax
            \tcall helper
            \tret
            \t.size exported,.-exported
            \t.weak weakling
            weakling:
            \tret
            \t.data
            \t.align 8
            .Ldata:
            \t.quad exported
            \t.quad .Ldata+8
            \t.quad external_thing
            \t.long 7
            \t.section .init,"ax",@progbits
            \tjmp 1f
            __wine_spec_pe_header:
            \t.skip 64
            1:
            \t.section .rodata
            \t.align 16
            \t.string "hello"
            \t.section .note.GNU-stack,"",@progbits
            """;

    private static final String HELPER_C = """
            static const char *names[] = { "one", "two", "three" };
            int counter;
            int shared_data = 1;
            extern void exported(void);
            static int pick(int i) { return names[i % 3][0]; }
            int helper(int i) { counter += pick(i); exported(); return counter; }
            __attribute__((weak)) int weakling(void) { return 1; }
            """;

    private static final String OTHER_C = """
            #include <string.h>
            extern int shared_data;
            static char buffer[64];
            extern int helper(int);
            const char *other(const char *s) { strcpy(buffer, s); helper((int) strlen(s)); return buffer; }
            """;

    private static String comdat(String value) {
        return """
                \t.section .text.shared,"axG",@progbits,shared,comdat
                \t.globl shared
                \t.type shared,@function
                shared:
                \tmovl $%s,%%eax
                \tret
                \t.section .note.GNU-stack,"",@progbits
                """.formatted(value);
    }

    @Test
    void mergesAsLdLldDoes() throws Exception {
        Path gcc = RequiredTools.require("gcc", "gcc");
        Path linker = RequiredTools.linker();
        Path module = dir.resolve("module.o");
        Files.write(module, ElfAssembler.assemble(MODULE));
        Path helper = compile(gcc, "helper.c", HELPER_C);
        Path other = compile(gcc, "other.c", OTHER_C);
        Path first = assemble(gcc, "first.s", comdat("1"));
        Path second = assemble(gcc, "second.s", comdat("2"));
        List<Path> inputs = List.of(module, helper, other, first, second);

        List<RelocatableMerger.Input> objects = new ArrayList<>();
        for (Path p : inputs) {
            objects.add(new RelocatableMerger.Input(p.toString(), Files.readAllBytes(p)));
        }
        Path ours = Files.write(dir.resolve("ours.o"), RelocatableMerger.merge(objects));
        Path theirs = dir.resolve("theirs.o");
        List<String> command = new ArrayList<>(List.of(linker.toString(), "-r", "-o", theirs.toString()));
        inputs.forEach(p -> command.add(p.toString()));
        ProcessRunner.check("ld.lld -r", command, dir);

        Map<String, Object> expected = view(theirs);
        Map<String, Object> actual = view(ours);
        for (String key : new TreeSet<>(expected.keySet())) {
            assertThat(actual.get(key)).as(key).isEqualTo(expected.get(key));
        }
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        // the same output twice: reproducible
        assertThat(RelocatableMerger.merge(objects)).isEqualTo(Files.readAllBytes(ours));
        // and a shared object links from it
        ProcessRunner.check("ld.lld -shared", List.of(linker.toString(), "-shared", "-o",
                dir.resolve("ours.so").toString(), ours.toString(), "--unresolved-symbols=ignore-all"), dir);
    }

    @Test
    void refusesTwoStrongDefinitions() throws Exception {
        byte[] a = ElfAssembler.assemble("\t.text\n\t.globl twice\ntwice:\n\tret\n");
        assertThatThrownBy(() -> RelocatableMerger.merge(List.of(new RelocatableMerger.Input("a.o", a),
                new RelocatableMerger.Input("b.o", a))))
                .isInstanceOf(RelocatableMerger.MalformedInputException.class)
                .hasMessageContaining("'twice' is defined in both a.o and b.o");
    }

    @Test
    void leavesWhatItDoesNotMergeToTheLinker() {
        assertThatThrownBy(() -> RelocatableMerger.merge(List.of(new RelocatableMerger.Input("x.o",
                "not an object".getBytes()))))
                .isInstanceOf(RelocatableMerger.MalformedInputException.class).hasMessageContaining("x.o");
    }

    private Path compile(Path gcc, String name, String source, String... flags) throws Exception {
        Path c = Files.writeString(dir.resolve(name), source);
        Path o = dir.resolve(name + ".o");
        List<String> command = new ArrayList<>(List.of(gcc.toString(), "-c", "-O2", "-fPIC"));
        command.addAll(List.of(flags));
        command.addAll(List.of("-o", o.toString(), c.toString()));
        ProcessRunner.check("gcc", command, dir);
        return o;
    }

    private Path assemble(Path gcc, String name, String source) throws Exception {
        Path s = Files.writeString(dir.resolve(name), source);
        Path o = dir.resolve(name + ".o");
        ProcessRunner.check("gcc", List.of(gcc.toString(), "-c", "-o", o.toString(), s.toString()), dir);
        return o;
    }

    /** readelf's view, without indices, string table layout or the order of sections. */
    private Map<String, Object> view(Path object) throws Exception {
        Map<String, Object> view = new TreeMap<>();
        Map<String, String> sectionNames = new TreeMap<>();
        java.util.Set<String> mergeable = new TreeSet<>();
        for (String line : readelf(object, "-WS")) {
            var m = java.util.regex.Pattern.compile("\\[\\s*(\\d+)\\]\\s+(\\S+)\\s+(\\S+)\\s+\\S+\\s+\\S+\\s+(\\S+)\\s+\\S+\\s+(\\S*)")
                    .matcher(line);
            if (m.find()) {
                String name = m.group(2);
                sectionNames.put(m.group(1), name);
                if (m.group(5).contains("M")) {
                    // mergeable strings: ld.lld folds duplicates, which the final link does anyway;
                    // what each relocation points at is compared instead
                    mergeable.add(name);
                    view.put("section " + name, m.group(3) + " flags " + m.group(5));
                } else if (!name.startsWith(".rela") && !name.endsWith("strtab") && !name.equals(".symtab")
                        && !name.equals(".group")) {
                    view.put("section " + name, m.group(3) + " size " + m.group(4) + " flags " + m.group(5));
                }
            }
        }
        TreeSet<String> symbols = new TreeSet<>();
        for (String line : readelf(object, "-Ws")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 8 && f[0].endsWith(":") && !f[3].equals("SECTION") && !f[7].isEmpty()) {
                String section = sectionNames.getOrDefault(f[6], f[6]);
                symbols.add(String.join(" ", f[7], f[1], f[2], f[3], f[4], f[5], section));
            }
        }
        view.put("symbols", symbols);
        TreeSet<String> relocations = new TreeSet<>();
        String current = "";
        for (String line : readelf(object, "-Wr")) {
            if (line.startsWith("Relocation section")) {
                current = line.replaceAll(".*'(.*)'.*", "$1");
            } else if (line.matches("^[0-9a-f]{16}\\s.*")) {
                String[] f = line.trim().split("\\s+", 5);
                String target = f.length > 4 ? f[4] : "";
                String[] t = target.split(" ");
                if (t.length == 3 && mergeable.contains(t[0])) {
                    long at = Long.parseLong(t[2], 16) * (t[1].equals("-") ? -1 : 1);
                    target = t[0] + " \"" + string(bytes(object, t[0]), (int) at) + "\"";
                }
                relocations.add(current + " " + f[0] + " " + f[2] + " " + target);
            }
        }
        view.put("relocations", relocations);
        for (String name : List.of(".text", ".data", ".init", ".rodata", ".eh_frame", ".text.shared")) {
            if (sectionNames.containsValue(name)) {
                view.put("bytes " + name, String.join("\n", readelf(object, "-x" + name)));
            }
        }
        return view;
    }

    /** A section's bytes from readelf's hex dump. */
    private byte[] bytes(Path object, String section) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (String line : readelf(object, "-x" + section)) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 1 && f[0].startsWith("0x")) {
                for (int i = 1; i < f.length && i <= 4 && f[i].matches("[0-9a-f]+"); i++) {
                    out.writeBytes(java.util.HexFormat.of().parseHex(f[i]));
                }
            }
        }
        return out.toByteArray();
    }

    private static String string(byte[] bytes, int at) {
        int end = at;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, at, end - at, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private List<String> readelf(Path object, String option) throws Exception {
        Path readelf = RequiredTools.require("readelf", "binutils");
        Process p = new ProcessBuilder(readelf.toString(), option, object.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        return out.lines().filter(l -> !l.startsWith("Hex dump")).toList();
    }
}
