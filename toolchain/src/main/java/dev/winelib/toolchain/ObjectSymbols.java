package dev.winelib.toolchain;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.winelib.toolchain.elf.ElfFile;
import dev.winelib.toolchain.elf.ElfFormatException;
import dev.winelib.toolchain.elf.ElfSymbol;

/** The global symbols that a set of relocatable objects define. */
final class ObjectSymbols {

    private ObjectSymbols() {
    }

    static Set<String> definedGlobals(List<Path> objects) throws IOException, BuildFailure {
        Set<String> defined = new TreeSet<>();
        for (Path object : objects) {
            try {
                ElfFile elf = ElfFile.read(object);
                if (elf.type() != ElfFile.ET_REL) {
                    throw new BuildFailure(object + " is not a relocatable object file");
                }
                for (ElfSymbol s : elf.symbols()) {
                    if (s.isDefined() && s.isGlobalOrWeak()) {
                        defined.add(s.name());
                    }
                }
            } catch (ElfFormatException e) {
                throw new BuildFailure(e.getMessage(), e);
            }
        }
        return defined;
    }
}
