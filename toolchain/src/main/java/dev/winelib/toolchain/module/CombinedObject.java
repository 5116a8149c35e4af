package dev.winelib.toolchain.module;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.winelib.spec.InputFiles;
import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.BuildLog;
import dev.winelib.toolchain.elf.ElfFile;
import dev.winelib.toolchain.elf.ElfFormatException;
import dev.winelib.toolchain.elf.ElfSymbol;
import dev.winelib.toolchain.link.LinkerProcess;
import dev.winelib.toolchain.process.ToolCommand;
import dev.winelib.toolchain.process.ToolFileNames;

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
        // immutable sets without an order of their own: who needs an order sorts what it uses
        undefined = Set.copyOf(undefined);
        defined = Set.copyOf(defined);
    }

    /**
     * Merges {@code inputs} (objects first, then archives) into {@code output} and reads its symbols;
     * a failure names the files of {@code names} as they describe them.
     */
    static CombinedObject combine(ToolCommand linker, List<Path> inputs, Path output, ToolFileNames names,
            BuildLog log) throws IOException, InterruptedException, BuildFailure {
        if (inputs.isEmpty()) {
            // a spec of stubs and forwards alone, without objects: nothing to merge (ld.lld refuses
            // to run without input files)
            return new CombinedObject(Set.of(), Set.of());
        }
        // objects alone (no archive members to pick): merged in the process, without a linker
        Optional<byte[]> merged = ObjectMerging.mergeInProcess(inputs, output, log);
        if (merged.isPresent()) {
            return read(output.toString(), merged.get());
        }
        List<String> args = new ArrayList<>(List.of("-r", "-o", output.toString()));
        for (Path p : inputs) {
            args.add(p.toString());
        }
        List<String> command = linker.commandLine(args);
        log.debug(String.join(" ", command));
        LinkerProcess.check("merging the module's objects to find its imports", command, null, names);
        return read(output);
    }

    /**
     * The objects merged in the process (no archive, no linker), or empty when the linker has to
     * merge them ({@link ObjectMerging}).
     */
    static Optional<CombinedObject> ofObjects(List<Path> objects, Path output, BuildLog log)
            throws IOException, BuildFailure {
        if (objects.isEmpty()) {
            return Optional.of(new CombinedObject(Set.of(), Set.of()));
        }
        Optional<byte[]> merged = ObjectMerging.mergeInProcess(objects, output, log);
        return merged.isPresent() ? Optional.of(read(output.toString(), merged.get())) : Optional.empty();
    }

    /** With {@code names} used too: those not defined are undefined, as a reference to each would make them. */
    CombinedObject referencing(Set<String> names) {
        // distinct names straight into an immutable set: Set.copyOf of a HashSet would hash each
        // name twice more (10,000 for a spec of 10,000 exports given without its objects)
        List<String> more = new ArrayList<>(undefined.size() + names.size());
        more.addAll(undefined);
        for (String name : names) {
            if (!defined.contains(name) && !undefined.contains(name) && !ObjectSymbols.isLinkerDefined(name)) {
                more.add(name);
            }
        }
        return new CombinedObject(Set.of(more.toArray(new String[0])), defined);
    }

    /** The symbols of one relocatable object. */
    static CombinedObject read(Path object) throws IOException, BuildFailure {
        return read(object.toString(), InputFiles.readAll(object, InputFiles.BINARY_LIMIT));
    }

    /** The symbols of one relocatable object given as bytes. */
    static CombinedObject read(String origin, byte[] object) throws BuildFailure {
        Set<String> undefined = new java.util.HashSet<>();
        Set<String> defined = new java.util.HashSet<>();
        try {
            for (ElfSymbol s : ElfFile.parseEither(origin, object).symbols()) {
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
        undefined.removeIf(ObjectSymbols.LINKER_DEFINED_NAME);
        return new CombinedObject(undefined, defined);
    }
}
