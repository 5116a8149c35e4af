package dev.winelib.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** R08: an empty element in a list parameter ({@code -Dwinelib.imports=,}) is left out, not an NPE. */
class ListParameterTest {

    @Test
    void r08EmptyElementsAreLeftOut() {
        assertThat(ListParameter.entries(Arrays.asList("user32", null, " "))).containsExactly("user32");
        assertThat(ListParameter.entries(Arrays.asList(new File("a.o"), null))).containsExactly(new File("a.o"));
        assertThat(ListParameter.entries(null)).isEmpty();
    }
}
