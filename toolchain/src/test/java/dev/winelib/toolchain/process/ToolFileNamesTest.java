package dev.winelib.toolchain.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class ToolFileNamesTest {

    private final ToolFileNames names = ToolFileNames.none()
            .with(Path.of("/w/obj/a.c.o"), "the object of src/a.c")
            .with(Path.of("/w/obj/a.c.o.1.tmp"), "the object of src/a.c (being written)")
            .with(Path.of("merged.o"), "hello.spec.o");

    @Test
    void wholePathsAreReplacedLongestFirst() {
        assertThat(names.rewrite(">>>  /w/obj/a.c.o:(f)\ncannot write /w/obj/a.c.o.1.tmp\n"))
                .isEqualTo(">>>  the object of src/a.c:(f)\ncannot write the object of src/a.c (being written)\n");
        assertThat(names.rewrite("ld.lld: error: merged.o: x")).isEqualTo("ld.lld: error: hello.spec.o: x");
    }

    @Test
    void partsOfOtherNamesStay() {
        String text = "/x/w/obj/a.c.o unmerged.o merged.o.bak /w/obj/a.c.old sub/merged.o";
        assertThat(names.rewrite(text)).isEqualTo(text);
    }

    @Test
    void replacementsAreLiteral() {
        assertThat(ToolFileNames.none().with(Path.of("x.o"), "$1 \\ y").rewrite("x.o:")).isEqualTo("$1 \\ y:");
    }
}
