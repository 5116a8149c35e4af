package dev.winelib.asm;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import dev.winelib.asm.elf.AssemblyWriter;
import dev.winelib.asm.elf.ElfAssembler;
import dev.winelib.resources.Resource;
import dev.winelib.resources.ResourceName;
import dev.winelib.resources.ResourceTable;
import dev.winelib.spec.ModuleSpec;
import dev.winelib.spec.SpecException;
import dev.winelib.spec.SpecParser;
import dev.winelib.spec.TargetCpu;

/**
 * A regression harness for changes to the emitter or the in-process assembler that must not change
 * their output: for every {@code .spec} file under a directory (Wine's source tree), for x86_64 and
 * i386, and for three sets of options (a plain DLL; a DLL with an optional entry point, the stub runtime,
 * immediate and delayed imports and resources; an executable), it prints one line with the SHA-256 of
 * the assembly text, of the object assembled from the whole text and of the object assembled as the
 * text streams in ({@link AssemblyWriter}, which takes the export tables and relay thunks as typed
 * statements: the typed route). Run it before and after a change and compare the files:
 *
 * <pre>java -cp asm-emitter/target/test-classes:asm-emitter/target/classes:... dev.winelib.asm.CorpusDigests
 *     WINE_SOURCE_DIR OUT.txt</pre>
 */
public final class CorpusDigests {

    private CorpusDigests() {
    }

    public static void main(String[] args) throws Exception {
        Path source = Path.of(args[0]);
        List<Path> specs;
        try (Stream<Path> files = Files.walk(source)) {
            specs = files.filter(p -> p.getFileName().toString().endsWith(".spec") && Files.isRegularFile(p))
                    .sorted().toList();
        }
        ModuleAssemblyEmitter emitter = new ModuleAssemblyEmitter("winebuild-j corpus digests");
        List<String> lines = new ArrayList<>();
        int modules = 0;
        for (Path spec : specs) {
            for (TargetCpu cpu : TargetCpu.values()) {
                ModuleSpec parsed;
                try {
                    parsed = SpecParser.parse(spec, Optional.empty(), cpu);
                } catch (SpecException e) {
                    lines.add(source.relativize(spec) + " " + cpu.specName() + " rejected");
                    continue;
                }
                int variant = 0;
                for (Inputs inputs : variants()) {
                    String line = source.relativize(spec) + " " + cpu.specName() + " " + variant++ + " ";
                    String text;
                    try {
                        text = emitter.emit(parsed, inputs.options, inputs.imports, inputs.resources);
                    } catch (IllegalArgumentException e) {
                        lines.add(line + "refused: " + e.getMessage());
                        continue;
                    }
                    byte[] whole = ElfAssembler.assemble(text, cpu);
                    AssemblyWriter streamed = new AssemblyWriter(cpu);
                    emitter.emit(parsed, inputs.options, inputs.imports, inputs.resources, streamed);
                    lines.add(line + sha256(text.getBytes(StandardCharsets.ISO_8859_1)) + " " + sha256(whole) + " "
                            + sha256(streamed.object()));
                    modules++;
                }
            }
        }
        Files.write(Path.of(args[1]), lines);
        System.out.println(specs.size() + " specs, " + modules + " modules");
    }

    private record Inputs(ModuleOptions options, ModuleImports imports, ResourceTable resources) {
    }

    private static List<Inputs> variants() throws Exception {
        ModuleImports imports = new ModuleImports(List.of(
                new ImportedDll("kernel32.dll", List.of(
                        new ImportedFunction("CreateFileW", Optional.of("CreateFileW"), 0, 7),
                        new ImportedFunction("ord_fn", Optional.empty(), 42, 0)), false),
                new ImportedDll("user32.dll", List.of(
                        new ImportedFunction("MessageBoxA", Optional.of("MessageBoxA"), 0, 3)), false),
                new ImportedDll("shell32.dll", List.of(
                        new ImportedFunction("ShellExecuteW", Optional.of("ShellExecuteW"), 0, 1),
                        new ImportedFunction("shell_ord", Optional.empty(), 7, 0)), true)));
        byte[] data = new byte[37];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 37 + 5);
        }
        ResourceTable resources = ResourceTable.of(List.of(
                new Resource(ResourceName.of(16), ResourceName.of(1), 0x409, 0, 0x30, data, "test"),
                new Resource(ResourceName.of("MYTYPE"), ResourceName.of("NAME"), 0, 0, 0x30, new byte[] {1, 2, 3},
                        "test")));
        return List.of(
                new Inputs(ModuleOptions.dll(Optional.empty()), ModuleImports.none(), ResourceTable.empty()),
                new Inputs(ModuleOptions.dllWithOptionalEntry("DllMain").withStubRuntime(), imports, resources),
                new Inputs(ModuleOptions.exe("main").withTimeDateStamp(12345), ModuleImports.none(),
                        ResourceTable.empty()));
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
