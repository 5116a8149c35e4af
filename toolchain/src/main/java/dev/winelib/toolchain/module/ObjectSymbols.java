package dev.winelib.toolchain.module;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.elf.ElfFormatException;
import dev.winelib.toolchain.elf.ElfSymbol;

/** The global symbols that a set of relocatable objects define. */
public final class ObjectSymbols {

    private static final Set<String> LINKER_DEFINED = Set.of("_DYNAMIC", "__ehdr_start", "_GLOBAL_OFFSET_TABLE_",
            "__dso_handle", "_end", "end", "_edata", "edata", "_etext", "etext", "__bss_start", "__executable_start",
            "__init_array_start", "__init_array_end", "__fini_array_start", "__fini_array_end",
            "__preinit_array_start", "__preinit_array_end", "__GNU_EH_FRAME_HDR", "_TLS_MODULE_BASE_");

    private ObjectSymbols() {
    }

    /**
     * Symbols the objects use with hidden or protected visibility but none defines: they must come
     * from inside the module (Wine's headers declare Win32 functions so), never from a shared library.
     */
    public static Set<String> undefinedNonDefault(List<Path> objects) throws IOException, BuildFailure {
        Set<String> wanted = new TreeSet<>();
        Set<String> defined = new java.util.HashSet<>();
        for (Path object : objects) {
            try {
                ObjectSymbolTables.Table table = ObjectSymbolTables.of(object);
                if (!table.relocatable()) {
                    throw new BuildFailure(object + " is not a relocatable object file");
                }
                for (ObjectSymbolTables.Symbol s : table.symbols()) {
                    if (s.defined()) {
                        defined.add(s.name());
                    } else if (s.binding() == ElfSymbol.STB_GLOBAL && s.visibility() != 0 && !s.name().isEmpty()) {
                        // weak references may stay undefined (the runtime's optional DllMain)
                        wanted.add(s.name());
                    }
                }
            } catch (ElfFormatException e) {
                throw new BuildFailure(e.getMessage(), e);
            }
        }
        wanted.removeAll(defined);
        wanted.removeIf(LINKER_DEFINED_NAME);
        return wanted;
    }

    /**
     * {@link #isLinkerDefined} as a predicate: a class rather than a method reference, whose call site
     * every short run of the command line would link on its first use (Java 17).
     */
    static final java.util.function.Predicate<String> LINKER_DEFINED_NAME = new java.util.function.Predicate<>() {
        @Override
        public boolean test(String name) {
            return isLinkerDefined(name);
        }
    };

    /** Symbols the linker itself defines when they are referenced. */
    static boolean isLinkerDefined(String name) {
        return LINKER_DEFINED.contains(name) || name.startsWith("__start_") || name.startsWith("__stop_");
    }
}
