package dev.winelib.resources;

import static dev.winelib.resources.ResourceFilesTest.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Directory order (strings before numbers), and one resource per type, name and language. */
class ResourceTableTest {

    @Test
    void stringsComeBeforeNumbersAndPrefixesFirst() throws Exception {
        ResourceTable t = ResourceTable.of(List.of(
                resource(ResourceName.of(3), ResourceName.of(2), 0, 0, "a"),
                resource(ResourceName.of(3), ResourceName.of("B"), 0, 0, "b"),
                resource(ResourceName.of("ZZ"), ResourceName.of(1), 0, 0, "c"),
                resource(ResourceName.of(3), ResourceName.of("AB"), 0, 0, "d"),
                resource(ResourceName.of(3), ResourceName.of("A"), 9, 0, "e"),
                resource(ResourceName.of(3), ResourceName.of("A"), 1, 0, "f"),
                resource(ResourceName.of(1), ResourceName.of(1), 0, 0, "g")));
        assertThat(t.resources()).extracting(r -> new String(r.data())).containsExactly("c", "g", "f", "e", "d",
                "b", "a");
    }

    @Test
    void theHighestVersionIsKept() throws Exception {
        ResourceTable t = ResourceTable.of(List.of(
                resource(ResourceName.of(6), ResourceName.of(1), 0, 5, "newer"),
                resource(ResourceName.of(6), ResourceName.of(1), 0, 2, "older")));
        assertThat(t.resources()).extracting(r -> new String(r.data())).containsExactly("newer");
    }

    @Test
    void theSameVersionTwiceIsAnError() {
        assertThatThrownBy(() -> ResourceTable.of(List.of(
                resource(ResourceName.of(6), ResourceName.of("X"), 0x409, 1, "a"),
                resource(ResourceName.of(6), ResourceName.of("X"), 0x409, 1, "b"))))
                .isInstanceOf(ResourceException.class)
                .hasMessage("duplicate resource type #6 name X language 0409 version 00000001: in test and in test");
    }
}
