package dev.winelib.asm;

import java.io.IOException;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random code of jumps between labels, padding and alignment: the in-process assembler relaxes every
 * jump exactly as GNU as does (same short and long forms, same addresses), however the growth of one
 * jump moves the others.
 */
@AddLifecycleHook(ExternalTools.NeedsGcc.class)
class RandomJumpsMatchGasTest {

    private static PropertyDirectory dir;

    @BeforeContainer
    static void createDirectory() {
        dir = new PropertyDirectory("winebuild-j-jumps");
    }

    @AfterContainer
    static void deleteDirectory() throws IOException {
        dir.close();
    }

    /** One item of code: 0 label, 1 jump, 2 padding bytes, 3 alignment, 4 data referring to a label. */
    record Item(int kind, int value) {
    }

    @Provide
    Arbitrary<List<Item>> programs() {
        Arbitrary<Item> item = Arbitraries.integers().between(0, 4).flatMap(kind -> switch (kind) {
            case 2 -> Arbitraries.integers().between(0, 140).map(v -> new Item(2, v));
            case 3 -> Arbitraries.integers().between(0, 5).map(v -> new Item(3, v));
            default -> Arbitraries.integers().between(0, 39).map(v -> new Item(kind, v));
        });
        return item.list().ofMinSize(1).ofMaxSize(80);
    }

    /** Labels 0-31 are local (.L), 32-35 global, 36-39 weak (jumps to those are left to the linker). */
    private static String name(int label) {
        return label < 32 ? ".L" + label : "g" + label;
    }

    @Property(tries = 150)
    void jumpsAreRelaxedAsGasRelaxesThem(@ForAll("programs") List<Item> program) throws IOException {
        StringBuilder b = new StringBuilder("\t.text\n\t.globl g32, g33, g34, g35\n\t.weak g36, g37, g38, g39\n");
        boolean[] defined = new boolean[40];
        for (Item i : program) {
            switch (i.kind()) {
                case 0 -> {
                    if (!defined[i.value()]) {
                        defined[i.value()] = true;
                        b.append(name(i.value())).append(":\n");
                    }
                }
                case 1 -> b.append("\tjmp ").append(name(i.value())).append('\n');
                case 2 -> b.append("\t.skip ").append(i.value()).append(", 0x90\n");
                case 3 -> b.append("\t.p2align ").append(i.value()).append('\n');
                default -> b.append("\t.long ").append(name(i.value())).append(" - .\n");
            }
        }
        for (int l = 0; l < defined.length; l++) {
            if (!defined[l]) {
                b.append(name(l)).append(":\n\tnop\n");
            }
        }
        GasComparison.assertSameObject(dir.path, "jumps", b.toString());
    }
}
