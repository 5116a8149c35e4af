package dev.winelib.sysroot;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link SysrootCache#verify} found.
 *
 * @param tree the tree that was checked
 * @param checkedEntries how many manifest entries were compared with the tree
 * @param problems one line per difference ({@code usr/lib/x86_64-linux-gnu/crti.o: content
 *     changed}, {@code ...: missing}, {@code ...: not in the manifest}, {@code not marked complete},
 *     ...); empty when the tree is as it was unpacked
 */
public record VerifyResult(Path tree, long checkedEntries, List<String> problems) {

    public VerifyResult {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
