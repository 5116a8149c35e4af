package dev.winelib.spec;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

/** Shorthands for parsing spec text in tests; the source is always called {@code t.spec}. */
final class Specs {

    static final String SOURCE = "t.spec";

    private Specs() {
    }

    static ModuleSpec parse(String text) {
        return SpecParser.parse(SOURCE, text, Optional.empty());
    }

    static ExportEntry single(String text) {
        ModuleSpec spec = parse(text);
        if (spec.entries().size() != 1) {
            throw new AssertionError("expected one entry, got " + spec.entries());
        }
        return spec.entries().get(0);
    }

    static ExportEntry named(ModuleSpec spec, String name) {
        return spec.entries().stream().filter(e -> e.declaredName().equals(Optional.of(name))).findFirst()
                .orElseThrow(() -> new AssertionError("no entry " + name + " in " + spec.entries()));
    }

    static SpecException error(String text) {
        SpecException[] caught = new SpecException[1];
        assertThatThrownBy(() -> parse(text)).isInstanceOfSatisfying(SpecException.class, e -> caught[0] = e);
        return caught[0];
    }
}
