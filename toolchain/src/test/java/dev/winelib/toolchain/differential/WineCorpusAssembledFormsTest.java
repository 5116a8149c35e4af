package dev.winelib.toolchain.differential;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.winelib.asm.ModuleImports;
import dev.winelib.spec.ModuleSpec;
import dev.winelib.spec.SpecException;
import dev.winelib.spec.SpecParser;

/**
 * Every {@code .spec} file of the Wine source tree that winebuild-j accepts: its module header assembled
 * in the process and by GNU as gives the same DLL (PE view, program headers, loaded bytes), with the
 * build's options and with the CLI's. Runs in the {@code wine-corpus} profile with {@link WineCorpusTest}.
 */
@Tag("wine-corpus")
class WineCorpusAssembledFormsTest {

    @Test
    void everyWineSpecGivesTheSameDllFromBothForms() throws Exception {
        Path source = WineCorpusTest.wineSource();
        Path work = Path.of("target", "wine-corpus-forms").toAbsolutePath();
        if (Files.exists(work)) {
            WinebuildDifferential.deleteTree(work);
        }
        Files.createDirectories(work);
        AssembledFormsDifferential differential = new AssembledFormsDifferential(DifferentialTools.require(), work);
        List<ModuleSpec> specs = new ArrayList<>();
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".spec") && Files.isRegularFile(f))
                    .sorted().toList()) {
                try {
                    specs.add(SpecParser.parse(p, Optional.empty()));
                } catch (SpecException e) {
                    // rejected specs are WineCorpusTest's business
                }
            }
        }
        assertThat(specs).hasSizeGreaterThan(500);
        ExecutorService pool = Executors.newFixedThreadPool(WineCorpusTest.threads());
        List<String> failures = new ArrayList<>();
        try {
            List<Future<String>> results = new ArrayList<>();
            for (ModuleSpec spec : specs) {
                for (boolean build : new boolean[] {true, false}) {
                    results.add(pool.submit(() -> {
                        AssembledFormsDifferential.Result r = differential.compare(spec,
                                AssembledFormsDifferentialTest.options(build), ModuleImports.none());
                        return r.identical() ? null : spec.source() + ": " + r.report();
                    }));
                }
            }
            for (Future<String> f : results) {
                String failure = f.get();
                if (failure != null) {
                    failures.add(failure);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.println("in-process and GNU as module objects compared for " + specs.size()
                + " Wine spec files (two option sets each): " + failures.size() + " differ");
        assertThat(failures).isEmpty();
    }
}
