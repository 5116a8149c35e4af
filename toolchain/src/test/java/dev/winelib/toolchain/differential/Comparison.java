package dev.winelib.toolchain.differential;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * What came of building one spec with winebuild and with winebuild-j.
 *
 * @param spec the spec file
 * @param moduleName the {@code -F} name both tools were given
 * @param outcome the verdict
 * @param winebuildLine the line of winebuild's first error, when it rejected the spec and named one
 * @param ourLine the line of our {@link dev.winelib.spec.SpecException}, when we rejected the spec
 * @param winebuildView the export view of winebuild's module, when it could be linked
 * @param ourView the export view of ours, when it could be linked
 * @param differences for {@link Outcome#EXPORTS_DIFFER}: one line per difference
 * @param onlyWinebuildDefines symbols winebuild's object defines (globally) that ours leaves to the rest of
 *     the link, such as the syscall thunks winebuild writes for {@code -syscall} entries
 * @param onlyWeDefine symbols our object defines (globally) that winebuild's leaves undefined
 * @param details messages of the tools involved (errors, rejections), for the report
 * @param workDirectory the directory with both assemblies, objects and modules, when it was kept
 */
public record Comparison(Path spec, String moduleName, Outcome outcome, OptionalInt winebuildLine,
        OptionalInt ourLine, Optional<ExportView> winebuildView, Optional<ExportView> ourView, List<String> differences,
        Set<String> onlyWinebuildDefines, Set<String> onlyWeDefine, String details, Optional<Path> workDirectory) {

    /** The verdicts; {@link #mismatch} ones are failures. */
    public enum Outcome {
        /** Both accepted the spec and Wine's loader would see the same exports. */
        IDENTICAL(false),
        /** Both rejected the spec (compare the lines with {@link Comparison#rejectionLinesAgree()}). */
        BOTH_REJECTED(false),
        /**
         * winebuild accepted the spec, but gcc cannot assemble what it wrote (for example C++ decorated names
         * it leaves unquoted), so there is nothing to compare. Our assembly did assemble (else the outcome is
         * {@link #OUR_BUILD_FAILED}); {@link Comparison#ourView()} is empty when our module could not be
         * linked either (a link name such as {@code foo@8}, which ld.lld reads as symbol {@code foo} of
         * version {@code 8}), and the details say why.
         */
        WINEBUILD_OUTPUT_NOT_ASSEMBLABLE(false),
        /** winebuild rejected the spec, we accepted it. */
        ONLY_WINEBUILD_REJECTS(true),
        /** We rejected the spec, winebuild accepted it. */
        ONLY_WE_REJECT(true),
        /** Both built a module, and the export views differ. */
        EXPORTS_DIFFER(true),
        /** winebuild-j accepted the spec but its output could not be emitted, assembled, linked or decoded. */
        OUR_BUILD_FAILED(true),
        /**
         * A problem of the test harness: the stub object did not assemble, or winebuild's object assembled but
         * could not be linked or decoded.
         */
        HARNESS_PROBLEM(true);

        private final boolean mismatch;

        Outcome(boolean mismatch) {
            this.mismatch = mismatch;
        }

        public boolean mismatch() {
            return mismatch;
        }
    }

    public Comparison {
        differences = List.copyOf(differences);
        onlyWinebuildDefines = Collections.unmodifiableSet(new TreeSet<>(onlyWinebuildDefines));
        onlyWeDefine = Collections.unmodifiableSet(new TreeSet<>(onlyWeDefine));
    }

    public boolean mismatch() {
        return outcome.mismatch();
    }

    /**
     * For {@link Outcome#BOTH_REJECTED}: whether both name the same line (a message without a line, such as
     * an invalid module name, matches our file-level location).
     */
    public boolean rejectionLinesAgree() {
        int w = winebuildLine.orElse(0);
        int o = ourLine.orElse(0);
        return w == o;
    }

    /** A report of this comparison: verdict, spec, and the details that explain it. */
    public String report() {
        StringBuilder b = new StringBuilder();
        b.append(outcome).append(": ").append(spec).append(" (-F ").append(moduleName).append(")\n");
        if (outcome == Outcome.BOTH_REJECTED) {
            b.append("  lines: winebuild ").append(line(winebuildLine)).append(", ours ").append(line(ourLine))
                    .append(rejectionLinesAgree() ? " (agree)" : " (DISAGREE)").append('\n');
        }
        if (!onlyWinebuildDefines.isEmpty()) {
            b.append("  winebuild's object defines what ours leaves to the link: ")
                    .append(abbreviated(onlyWinebuildDefines)).append('\n');
        }
        if (!onlyWeDefine.isEmpty()) {
            b.append("  our object defines what winebuild's leaves to the link: ").append(abbreviated(onlyWeDefine))
                    .append('\n');
        }
        for (String d : differences) {
            b.append("  ").append(d).append('\n');
        }
        if (!details.isBlank()) {
            details.lines().limit(40).forEach(l -> b.append("  | ").append(l).append('\n'));
        }
        workDirectory.ifPresent(w -> b.append("  files kept in ").append(w).append('\n'));
        return b.toString();
    }

    static String abbreviated(Set<String> names) {
        List<String> first = names.stream().limit(8).toList();
        return String.join(", ", first) + (names.size() > first.size() ? " ... (" + names.size() + " in all)" : "");
    }

    private static String line(OptionalInt line) {
        return line.isPresent() ? String.valueOf(line.getAsInt()) : "(none)";
    }
}
