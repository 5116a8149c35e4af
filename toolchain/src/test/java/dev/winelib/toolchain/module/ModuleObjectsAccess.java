package dev.winelib.toolchain.module;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import dev.winelib.spec.ModuleSpec;
import dev.winelib.spec.SpecParser;

/** {@link ModuleObjects} for tests in other packages: builds and links a small DLL. */
public final class ModuleObjectsAccess {

    private final ModuleObjects m;

    public ModuleObjectsAccess(Path dir) throws Exception {
        this.m = new ModuleObjects(dir);
    }

    /** Builds {@code t.dll.so} from spec and C text; with or without the section ordering script. */
    public Path buildDll(String specText, String source, boolean orderingScript) throws Exception {
        Path o = m.compile("t", source);
        ModuleSpec spec = SpecParser.parse("t.spec", specText, Optional.empty());
        Path out = m.dir.resolve("t.spec.o");
        m.build(ModuleObjects.dll(spec, List.of(o), List.of(), out));
        m.link("t.dll.so", out, List.of(o), orderingScript);
        return m.dir.resolve("t.dll.so");
    }
}
