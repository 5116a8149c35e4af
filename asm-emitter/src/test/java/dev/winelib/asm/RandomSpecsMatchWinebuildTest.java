package dev.winelib.asm;

import java.io.IOException;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Random specs: our export table is winebuild's. */
@AddLifecycleHook(ExternalTools.NeedsWinebuild.class)
class RandomSpecsMatchWinebuildTest {

    private static PropertyDirectory dir;

    @BeforeContainer
    static void createDirectory() {
        dir = new PropertyDirectory("winebuild-j-oracle");
    }

    @AfterContainer
    static void deleteDirectory() throws IOException {
        dir.close();
    }

    @Provide
    Arbitrary<String> specs() {
        return GeneratedSpecs.specs(30);
    }

    @Property(tries = 40)
    void exportTableIsWinebuilds(@ForAll("specs") String specText) {
        WinebuildOracleTest.compare(dir.path, specText, "t.dll");
    }
}
