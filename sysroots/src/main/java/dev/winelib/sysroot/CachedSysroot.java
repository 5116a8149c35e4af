package dev.winelib.sysroot;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A tree in the sysroot cache, as {@link SysrootCache#list} reports it.
 *
 * @param key the cache key: a sha256 prefix of the archive, or the key given to {@code assemble}
 * @param tree the unpacked tree (give it as the sysroot directory)
 * @param sizeBytes bytes of regular-file content
 * @param entries how many files, directories and links the tree holds
 * @param origin what it was unpacked from: the archive's path, or the names of the parts
 * @param archiveSha256 the sha256 of the archive, for trees made by {@code unpack}
 * @param created when it was unpacked
 * @param notes entries that were left out, absolute links that were rewritten (a count), ...
 */
public record CachedSysroot(
        String key,
        Path tree,
        long sizeBytes,
        long entries,
        List<String> origin,
        Optional<String> archiveSha256,
        Instant created,
        List<String> notes) {

    public CachedSysroot {
        origin = List.copyOf(origin);
        notes = List.copyOf(notes);
    }
}
