package dev.winelib.toolchain.module;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.BuildLog;
import dev.winelib.toolchain.elf.ElfFile;
import dev.winelib.toolchain.elf.ElfFormatException;
import dev.winelib.toolchain.elf.ElfSymbol;
import dev.winelib.toolchain.link.LinkerProcess;
import dev.winelib.toolchain.process.ToolCommand;

/**
 * A module's objects and libraries merged with {@code ld -r}, as winebuild merges them to learn what
 * the module needs: archives contribute the members that define something the objects use (the
 * thunks of Wine's import libraries, static code such as libwinecrt0), and what stays undefined is
 * what the module must import or get from the final link.
 *
 * @param undefined global symbols used but not defined (weak references left out), sorted
 * @param defined global and weak symbols defined, sorted
 */
record CombinedObject(Set<String> undefined, Set<String> defined) {

    CombinedObject {
        undefined = Set.copyOf(new TreeSet<>(undefined));
        defined = Set.copyOf(defined);
    }

    /** The undefined symbols in name order. */
    List<String> undefinedInOrder() {
        return List.copyOf(new TreeSet<>(undefined));
    }

    /** Merges {@code inputs} (objects first, then archives) into {@code output} and reads its symbols. */
    static CombinedObject combine(ToolCommand linker, List<Path> inputs, Path output, BuildLog log)
            throws IOException, InterruptedException, BuildFailure {
        if (inputs.isEmpty()) {
            // a spec of stubs and forwards alone, without objects: nothing to merge (ld.lld refuses
            // to run without input files)
            return new CombinedObject(Set.of(), Set.of());
        }
        List<String> args = new ArrayList<>(List.of("-r", "-o", output.toString()));
        inputs.forEach(p -> args.add(p.toString()));
        List<String> command = linker.commandLine(args);
        log.debug(String.join(" ", command));
        LinkerProcess.check("merging the module's objects to find its imports", command, null);
        return read(output);
    }

    /** The symbols of one relocatable object. */
    static CombinedObject read(Path object) throws IOException, BuildFailure {
        Set<String> undefined = new TreeSet<>();
        Set<String> defined = new TreeSet<>();
        try {
            for (ElfSymbol s : ElfFile.readEither(object).symbols()) {
                if (s.name().isEmpty()) {
                    continue;
                }
                if (s.isDefined() && s.isGlobalOrWeak()) {
                    defined.add(s.name());
                } else if (!s.isDefined() && s.binding() == ElfSymbol.STB_GLOBAL) {
                    undefined.add(s.name());
                }
            }
        } catch (ElfFormatException e) {
            throw new BuildFailure(e.getMessage(), e);
        }
        undefined.removeAll(defined);
        undefined.removeIf(ObjectSymbols::isLinkerDefined);
        return new CombinedObject(undefined, defined);
    }
}
