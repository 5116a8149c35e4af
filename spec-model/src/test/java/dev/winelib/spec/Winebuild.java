package dev.winelib.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs Wine's winebuild on a .spec or .def text ({@code winebuild --dll -m64 -E FILE [-F NAME] -o t.s}) and reads
 * the export table back from the assembly it writes.
 */
final class Winebuild {

    /**
     * The export table of winebuild's assembly.
     *
     * @param dllName the first string of the name table: the module file name
     * @param base the ordinal base of the export directory
     * @param count the number of export address table slots
     * @param names the name table, in its (sorted) order
     * @param nameOrdinals the ordinal of each name of {@code names}
     * @param relayed the ordinals that have a relay thunk (empty when the module has no relay data)
     */
    record Exports(String dllName, int base, int count, List<String> names, List<Integer> nameOrdinals,
            TreeSet<Integer> relayed) {

        int limit() {
            return base + count - 1;
        }
    }

    /** What winebuild did: its exit code, its messages, and the export table when it succeeded. */
    record Outcome(int exitCode, String output, Optional<Exports> exports) {

        boolean accepted() {
            return exitCode == 0;
        }

        /**
         * The lines named by winebuild's {@code file:LINE:} error messages, in order; neither warnings nor the
         * "First defined here" notes that follow a duplicate.
         */
        List<Integer> errorLines(String file) {
            Pattern p = Pattern.compile("^" + Pattern.quote(file) + ":(\\d+): (.*)$");
            List<Integer> lines = new ArrayList<>();
            for (String l : output.lines().toList()) {
                Matcher m = p.matcher(l);
                if (m.matches() && !m.group(2).startsWith("First defined here") && !m.group(2).startsWith("warning:")) {
                    lines.add(Integer.parseInt(m.group(1)));
                }
            }
            return lines;
        }
    }

    private Winebuild() {
    }

    /**
     * Writes {@code text} to {@code dir/fileName} and runs winebuild on it.
     *
     * @param moduleFileName the {@code -F} option, if any
     */
    static Outcome run(Path dir, String fileName, String text, Optional<String> moduleFileName) {
        return run(dir, fileName, text, moduleFileName, TargetCpu.X86_64);
    }

    /** As {@link #run(Path, String, String, Optional)}, for {@code cpu} ({@code -m64} or {@code -m32}). */
    static Outcome run(Path dir, String fileName, String text, Optional<String> moduleFileName, TargetCpu cpu) {
        Path winebuild = ExternalTools.winebuild();
        try {
            Files.writeString(dir.resolve(fileName), text.endsWith("\n") ? text : text + "\n",
                    StandardCharsets.UTF_8);
            Path out = dir.resolve("t.s");
            Files.deleteIfExists(out);
            List<String> command = new ArrayList<>(List.of(winebuild.toString(), "--dll",
                    cpu == TargetCpu.I386 ? "-m32" : "-m64", "-E", fileName));
            moduleFileName.ifPresent(f -> command.addAll(List.of("-F", f)));
            command.addAll(List.of("-o", "t.s"));
            ExternalTools.Result r = ExternalTools.run(dir, command.toArray(String[]::new));
            Optional<Exports> exports = Optional.empty();
            if (r.exitCode() == 0) {
                exports = Optional.of(parseAssembly(Files.readString(out, StandardCharsets.ISO_8859_1)));
            }
            return new Outcome(r.exitCode(), r.output(), exports);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the export directory, the name and ordinal tables and the relay offsets of winebuild's output. */
    static Exports parseAssembly(String s) {
        List<String> lines = s.lines().map(String::strip).toList();
        int dir = indexOf(lines, ".L__wine_spec_exports:");
        List<String> directory = operands(lines, dir + 1, ".long", 10);
        int base = Integer.parseInt(directory.get(4));
        int count = Integer.parseInt(directory.get(5));
        int nameCount = Integer.parseInt(directory.get(6));

        List<Integer> nameOrdinals = new ArrayList<>();
        if (nameCount > 0) {
            for (String n : operands(lines, indexOf(lines, ".L__wine_spec_exp_ordinals:") + 1, ".short", nameCount)) {
                nameOrdinals.add(base + Integer.parseInt(n));
            }
        }
        List<String> strings = operands(lines, indexOf(lines, ".L__wine_spec_exp_names:") + 1, ".string",
                nameCount + 1);
        List<String> names = new ArrayList<>();
        for (String quoted : strings) {
            assertThat(quoted).startsWith("\"").endsWith("\"");
            names.add(quoted.substring(1, quoted.length() - 1));
        }

        TreeSet<Integer> relayed = new TreeSet<>();
        int offsets = lines.indexOf(".L__wine_spec_relay_entry_point_offsets:");
        if (offsets >= 0) {
            List<String> slots = operands(lines, offsets + 1, ".long", count);
            for (int i = 0; i < count; i++) {
                if (!slots.get(i).equals("0")) {
                    relayed.add(base + i);
                }
            }
        }
        return new Exports(names.get(0), base, count, List.copyOf(names.subList(1, names.size())),
                List.copyOf(nameOrdinals), relayed);
    }

    private static int indexOf(List<String> lines, String label) {
        int i = lines.indexOf(label);
        assertThat(i).as("label %s in winebuild's output", label).isNotNegative();
        return i;
    }

    private static List<String> operands(List<String> lines, int from, String directive, int count) {
        List<String> result = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            String line = lines.get(i);
            assertThat(line).as("line %d of winebuild's output", i + 1).startsWith(directive + " ");
            result.add(line.substring(directive.length() + 1).strip());
        }
        return result;
    }

    /** The same export table as winebuild's: file name, ordinal range, sorted names with ordinals, relay thunks. */
    static void assertSameExports(ModuleSpec spec, Exports winebuild) {
        assertThat(spec.fileName()).as("module file name").isEqualTo(winebuild.dllName());
        assertThat(spec.base()).as("ordinal base").isEqualTo(winebuild.base());
        assertThat(spec.limit()).as("highest ordinal").isEqualTo(winebuild.limit());
        assertThat(spec.exportSlotCount()).isEqualTo(winebuild.count());
        assertThat(spec.namedEntries()).extracting(e -> e.exportedName().orElseThrow()).as("name table")
                .containsExactlyElementsOf(winebuild.names());
        assertThat(spec.namedEntries()).extracting(ExportEntry::ordinal).as("ordinals of the name table")
                .containsExactlyElementsOf(winebuild.nameOrdinals());
        assertThat(spec.entries().stream().filter(ExportEntry::isRelayed).map(ExportEntry::ordinal).sorted())
                .as("ordinals with a relay thunk").containsExactlyElementsOf(winebuild.relayed());
    }
}
