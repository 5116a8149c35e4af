package dev.winelib.cli;

import java.io.IOException;
import java.nio.file.Path;

import dev.winelib.toolchain.elf.ElfFormatException;
import dev.winelib.toolchain.link.ConstructorFixup;

/**
 * {@code --fixup-ctors}: hides the constructors of linked winelib modules from ld.so (each file is
 * changed in a copy renamed over it, so an interrupted run leaves it whole).
 */
final class FixupCtorsMode {

    private final Invocation cli;

    FixupCtorsMode(Invocation cli) {
        this.cli = cli;
    }

    int run() throws UsageError, IOException, ElfFormatException {
        if (cli.options.files.isEmpty()) {
            throw new UsageError("--fixup-ctors needs the linked modules (.so files) to fix");
        }
        for (String f : cli.options.files) {
            int changed = ConstructorFixup.applyAtomically(Path.of(f));
            cli.log.debug(f + ": " + changed + " constructor tags renamed");
        }
        return 0;
    }
}
