package dev.winelib.toolchain.module;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import dev.winelib.asm.ImportedDll;
import dev.winelib.asm.ImportedFunction;
import dev.winelib.asm.ModuleAssemblyEmitter;
import dev.winelib.asm.ModuleImports;
import dev.winelib.asm.ModuleOptions;
import dev.winelib.spec.EntryType;
import dev.winelib.spec.ExportEntry;
import dev.winelib.spec.ModuleSpec;
import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.BuildLog;
import dev.winelib.toolchain.build.AtomicFiles;
import dev.winelib.toolchain.build.CodeIdentity;
import dev.winelib.toolchain.build.FileStatus;
import dev.winelib.toolchain.build.Stamp;

/**
 * Emits the module's assembly (header reserve, NT header, exports, imports) and assembles it in the
 * process. The text is kept next to the object ({@code NAME.spec.s}) for inspection; both files are
 * rewritten only when their content changes.
 *
 * <p>{@link #writeOrKeep} keeps both files of an earlier call without emitting or assembling anything
 * when they were made from the same inputs and are as that call left them: the record
 * ({@code NAME.spec.o.key}) holds a fingerprint of the spec's content, its file name and CPU, the
 * options, the imports, the generator name and the code that emits and assembles (the jars,
 * {@link CodeIdentity}), with the status of the object and the text as written.
 */
public final class ModuleObjectWriter {

    private final String generator;
    private final ModuleAssemblyEmitter emitter;
    private final BuildLog log;

    /** @param generator the name and version written into the text's first comment */
    public ModuleObjectWriter(String generator, BuildLog log) {
        this.generator = generator;
        this.emitter = new ModuleAssemblyEmitter(generator);
        this.log = log;
    }

    /**
     * Writes {@code NAME.spec.s} and {@code NAME.spec.o} in {@code directory}, for the spec's CPU (an ELF32
     * i386 object for a spec read for i386); returns the object.
     */
    public Path write(ModuleSpec spec, ModuleOptions options, ModuleImports imports, Path directory)
            throws IOException, BuildFailure {
        String base = spec.fileName() + ".spec";
        Files.deleteIfExists(directory.resolve(base + ".o" + KEY_SUFFIX));
        return emit(spec, options, imports, directory);
    }

    /**
     * As {@link #write}, but keeps the files of an earlier call when nothing they are made from changed
     * and they are as that call left them.
     *
     * @param specContent what identifies the content the spec was read from: its file's SHA-256, taken
     *     before the file was read (a change after that makes the next build's key differ)
     */
    public Path writeOrKeep(ModuleSpec spec, String specContent, ModuleOptions options, ModuleImports imports,
            Path directory) throws IOException, BuildFailure {
        return writeOrKeep(spec, specContent, options, imports, directory,
                CodeIdentity.of(ModuleObjectWriter.class, ModuleAssemblyEmitter.class, ModuleSpec.class));
    }

    /** {@link #writeOrKeep(ModuleSpec, String, ModuleOptions, ModuleImports, Path)} by the code {@code code}. */
    Path writeOrKeep(ModuleSpec spec, String specContent, ModuleOptions options, ModuleImports imports,
            Path directory, String code) throws IOException, BuildFailure {
        String base = spec.fileName() + ".spec";
        Path asmFile = directory.resolve(base + ".s");
        Path object = directory.resolve(base + ".o");
        Path keyFile = directory.resolve(base + ".o" + KEY_SUFFIX);
        String key = key(spec, specContent, options, imports, code);
        if (Files.isRegularFile(keyFile) && Files.readString(keyFile, StandardCharsets.UTF_8)
                .equals(keyText(key, object, asmFile))) {
            log.debug("up to date (same spec, options and imports): " + object);
            return object;
        }
        Files.deleteIfExists(keyFile);
        emit(spec, options, imports, directory);
        if (CodeIdentity.known(code)) {
            AtomicFiles.write(keyFile, keyText(key, object, asmFile).getBytes(StandardCharsets.UTF_8));
        }
        return object;
    }

    private Path emit(ModuleSpec spec, ModuleOptions options, ModuleImports imports, Path directory)
            throws IOException, BuildFailure {
        String assembly = emitter.emit(spec, options, imports);
        Files.createDirectories(directory);
        String base = spec.fileName() + ".spec";
        Path asmFile = directory.resolve(base + ".s");
        Path object = directory.resolve(base + ".o");
        AtomicFiles.writeIfChanged(asmFile, assembly.getBytes(StandardCharsets.UTF_8));
        byte[] bytes = ModuleAssembler.toObject(assembly, asmFile.toString(), spec.cpu());
        if (AtomicFiles.writeIfChanged(object, bytes)) {
            log.debug("assembled " + object);
        } else {
            log.debug("up to date: " + object);
        }
        return object;
    }

    private static final String KEY_SUFFIX = ".key";

    /** The fingerprint of everything the files are made from; each text field with its length first. */
    private String key(ModuleSpec spec, String specContent, ModuleOptions options, ModuleImports imports,
            String code) {
        StringBuilder b = new StringBuilder("module object 1\n");
        field(b, generator);
        field(b, code);
        field(b, specContent);
        field(b, spec.source());
        field(b, spec.fileName());
        field(b, spec.cpu().name());
        field(b, options.entryPoint().orElse("(none)"));
        field(b, options.toString());
        for (ImportedDll dll : imports.dlls()) {
            field(b, dll.dllName());
            b.append(dll.delayed() ? "delayed " : "immediate ").append(dll.functions().size()).append('\n');
            for (ImportedFunction f : dll.functions()) {
                field(b, f.symbol());
                field(b, f.importName().orElse(""));
                b.append(f.importName().isPresent()).append(' ').append(f.ordinal()).append(' ').append(f.hint())
                        .append('\n');
            }
        }
        return Stamp.sha256(b.toString());
    }

    private static void field(StringBuilder b, String text) {
        b.append(text.length()).append(':').append(text).append('\n');
    }

    /** The record's text: the key and the status of both files as they are now. */
    private static String keyText(String key, Path object, Path asmFile) throws IOException {
        Optional<FileStatus> o = FileStatus.ofRegularFile(object);
        Optional<FileStatus> s = FileStatus.ofRegularFile(asmFile);
        return key + "\n" + (o.isPresent() ? o.get().text() : "missing") + "\n"
                + (s.isPresent() ? s.get().text() : "missing") + "\n";
    }

    /** How tool messages name the module header object made from {@code spec}. */
    public static String description(ModuleSpec spec) {
        return "the module header generated from " + spec.source();
    }

    /**
     * Refuses link names no linker can resolve: ld.lld and GNU ld read {@code name@version} in a
     * symbol name as a symbol version. (winebuild emits such names and the link fails later.)
     */
    public static void checkLinkable(ModuleSpec spec) throws BuildFailure {
        for (ExportEntry e : spec.entries()) {
            if (!e.forward() && e.type() != EntryType.STUB && e.target().indexOf('@') >= 0) {
                throw new BuildFailure(e.location() + ": '" + e.target() + "' cannot be linked: in a symbol name '@'"
                        + " starts a symbol version; give a link name without '@' (e.g. @ stdcall foo@8(long) foo)");
            }
        }
    }
}
