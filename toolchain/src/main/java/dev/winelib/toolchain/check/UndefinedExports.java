package dev.winelib.toolchain.check;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.winelib.spec.EntryType;
import dev.winelib.spec.ExportEntry;
import dev.winelib.spec.ExportFlag;
import dev.winelib.spec.ModuleSpec;
import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.elf.ElfFile;
import dev.winelib.toolchain.elf.ElfFormatException;
import dev.winelib.toolchain.elf.ElfSymbol;

/**
 * Exports whose code nothing provides: reported at the spec line that declares them (not at the
 * generated module object that refers to them), with a hint when an object defines a
 * {@code static} function of that name, which the export cannot reach.
 */
public final class UndefinedExports {

    private static final int STT_FUNC = 2;
    private static final int STT_OBJECT = 1;

    private UndefinedExports() {
    }

    /** Whether an export needs its target defined by the module's objects or an import. */
    public static boolean needsDefinition(ExportEntry e) {
        return e.type() != EntryType.STUB && !e.forward() && !e.hasFlag(ExportFlag.SYSCALL);
    }

    /**
     * One line per export of {@code spec} whose target is among {@code unresolved}:
     * {@code FILE:LINE:COL: function 'NAME' is not defined: ...}.
     */
    public static List<String> problems(ModuleSpec spec, Collection<String> unresolved) {
        Set<String> names = new TreeSet<>(unresolved);
        List<String> problems = new ArrayList<>();
        for (ExportEntry e : spec.entries()) {
            if (needsDefinition(e) && names.contains(e.target())) {
                problems.add(e.location() + ": " + (e.type() == EntryType.EXTERN ? "variable" : "function") + " '"
                        + e.target() + "' is not defined: no object defines it and no imported DLL exports it");
            }
        }
        return problems;
    }

    /**
     * Fails when an export's target is among {@code unresolved}, naming each at its spec line.
     *
     * @param objects the module's relocatable objects, each with the name to show for it (its source)
     */
    public static void check(ModuleSpec spec, Collection<String> unresolved, Map<Path, String> objects)
            throws BuildFailure, IOException {
        List<String> problems = problems(spec, unresolved);
        if (problems.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder(String.join("\n", problems));
        for (ExportEntry e : spec.entries()) {
            if (needsDefinition(e) && unresolved.contains(e.target())) {
                for (String where : definingLocally(e.target(), objects)) {
                    message.append("\n").append(where).append(" defines '").append(e.target()).append("' as static,")
                            .append(" which only that file can see: remove 'static' so the export can use it");
                }
            }
        }
        message.append("\nDefine it in the module's sources, or import the DLL that exports it (imports).");
        throw new BuildFailure(message.toString());
    }

    /** The names of the objects with a local (static) function or variable {@code name}. */
    private static List<String> definingLocally(String name, Map<Path, String> objects) throws IOException {
        List<String> found = new ArrayList<>();
        for (Map.Entry<Path, String> o : objects.entrySet()) {
            try {
                for (ElfSymbol s : ElfFile.readEither(o.getKey()).symbols()) {
                    if (s.binding() == ElfSymbol.STB_LOCAL && s.isDefined() && s.name().equals(name)
                            && (s.type() == STT_FUNC || s.type() == STT_OBJECT)) {
                        found.add(o.getValue());
                        break;
                    }
                }
            } catch (ElfFormatException e) {
                // not an object this check can read: no hint from it
            }
        }
        return found;
    }
}
