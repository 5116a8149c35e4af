package dev.winelib.toolchain.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.toolchain.RequiredTools;
import dev.winelib.toolchain.elf.ElfFormatException;
import dev.winelib.toolchain.elf.ElfSymbol;
import dev.winelib.toolchain.process.ProcessRunner;

/**
 * A symbol table stands for one content of an object: a rewrite that keeps the size and modification
 * time is parsed again, and tables kept by one build serve the next without parsing.
 */
class ObjectSymbolTablesTest {

    @TempDir
    Path dir;

    @BeforeEach
    void compiler() {
        RequiredTools.require("gcc", "gcc");
        ObjectSymbolTables.forgetAll();
    }

    private Path compile(String name, String source) throws Exception {
        Path c = Files.writeString(dir.resolve(name + ".c"), source);
        Path o = dir.resolve(name + ".o");
        ProcessRunner.Result r = ProcessRunner.run(List.of("gcc", "-c", "-fPIC", "-o", o.toString(), c.toString()),
                dir, java.util.Map.of());
        assertThat(r.exitCode()).as(r.output()).isZero();
        return o;
    }

    private static List<String> defined(Path object) throws Exception {
        return ObjectSymbolTables.of(object).symbols().stream().filter(ObjectSymbolTables.Symbol::defined)
                .map(ObjectSymbolTables.Symbol::name).toList();
    }

    @Test
    void readsTheGlobalSymbolsWithTheirVisibility() throws Exception {
        Path o = compile("a", "__attribute__((visibility(\"hidden\"))) int inside(int);\n"
                + "static int local(int x) { return x; }\nint outside(int x) { return inside(local(x)); }\n");
        ObjectSymbolTables.Table table = ObjectSymbolTables.of(o);
        assertThat(table.relocatable()).isTrue();
        assertThat(table.symbols()).extracting(ObjectSymbolTables.Symbol::name)
                .contains("outside", "inside").doesNotContain("local");
        assertThat(table.symbols()).filteredOn(s -> s.name().equals("inside")).singleElement()
                .satisfies(s -> {
                    assertThat(s.defined()).isFalse();
                    assertThat(s.binding()).isEqualTo(ElfSymbol.STB_GLOBAL);
                    assertThat(s.visibility()).isEqualTo(2);
                });
    }

    @Test
    void anObjectRewrittenKeepingSizeAndModificationTimeIsParsedAgain() throws Exception {
        Path a = compile("a", "int alpha_1(void) { return 1; }\n");
        Path b = compile("b", "int omega_1(void) { return 1; }\n");
        assertThat(Files.size(a)).isEqualTo(Files.size(b));
        assertThat(defined(a)).containsExactly("alpha_1");
        FileTime modified = Files.getLastModifiedTime(a);
        Files.write(a, Files.readAllBytes(b));
        Files.setLastModifiedTime(a, modified);
        assertThat(defined(a)).containsExactly("omega_1");
    }

    @Test
    void keptTablesServeTheNextBuildWithoutParsing() throws Exception {
        Path a = compile("a", "int kept_1(void) { return 1; }\n");
        assertThat(defined(a)).containsExactly("kept_1");
        // a new build whose kept table says another name for this very content: it is believed, which
        // shows the object was not parsed again
        keepEditAndRecall(" kept_1\n", " told_1\n");
        assertThat(defined(a)).containsExactly("told_1");
        // another content is parsed
        Files.write(a, Files.readAllBytes(compile("b", "int other_1(void) { return 1; }\n")));
        assertThat(defined(a)).containsExactly("other_1");
    }

    @Test
    void aDamagedKeeperIsIgnoredFromTheDamageOn() throws Exception {
        Path a = compile("a", "int first_1(void) { return 1; }\n");
        defined(a);
        keepEditAndRecall("symbol 1 1 2 ", "symbol 1 one 2 ");
        assertThat(defined(a)).containsExactly("first_1");
    }

    /** Keeps the tables, forgets them as a new JVM would, edits the kept file and recalls it. */
    private void keepEditAndRecall(String text, String replacement) throws Exception {
        Path kept = dir.resolve("object-symbols");
        ObjectSymbolTables.keep(kept);
        ObjectSymbolTables.forgetAll();
        Files.writeString(kept, Files.readString(kept).replace(text, replacement));
        ObjectSymbolTables.recall(kept);
    }

    @Test
    void notAnObjectIsAFormatError() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.o"), "not an object");
        assertThatThrownBy(() -> ObjectSymbolTables.of(junk)).isInstanceOf(ElfFormatException.class);
        assertThat(ObjectSymbolTables.known()).isZero();
    }
}
