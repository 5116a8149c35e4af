package dev.winelib.toolchain.compile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.winelib.toolchain.build.ContentHashes;

/**
 * The content hashes of the files the compilations of one {@link SourceCompiler#compile} call read, for
 * their stamps: a file that had {@linkplain dev.winelib.toolchain.build.FileStatus#isSettled settled}
 * when first hashed in the call is taken as it was then for the rest of the call, without asking for its
 * status again (the sources that share a precompiled header list the same hundreds of headers; 50
 * sources would otherwise ask for each header's status 50 times).
 *
 * <p>A header edited while the compilations run is therefore seen as it was when the call first hashed it,
 * as make sees each file once. The stamps of the compilations after the edit then hold the old hash, so
 * the next build compiles them again; and the build record takes the header as changed during the build
 * ({@link dev.winelib.toolchain.build.BuildRecord}), so the next build checks what read it by content.
 * A file not yet settled is asked about every time.
 */
final class InputHashes {

    private final Map<Path, String> settled = new ConcurrentHashMap<>();
    private final Instant since;

    InputHashes() {
        this(Instant.now());
    }

    /** Hashes for a call that started at {@code since}: a file is settled when it last changed 2 s before. */
    InputHashes(Instant since) {
        this.since = since;
    }

    /** The hash of each of {@code inputs}, in their order; empty for one that is no regular file. */
    List<Optional<String>> of(Collection<Path> inputs) throws IOException {
        List<Optional<String>> hashes = new ArrayList<>(inputs.size());
        for (Path input : inputs) {
            hashes.add(of(input));
        }
        return hashes;
    }

    /** The hash of {@code input}; empty when it is no regular file. */
    Optional<String> of(Path input) throws IOException {
        String known = settled.get(input);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<ContentHashes.Hashed> hashed = ContentHashes.hashedIfRegularFile(input);
        if (hashed.isEmpty()) {
            return Optional.empty();
        }
        if (hashed.get().status().isSettled(since)) {
            settled.put(input, hashed.get().sha256());
        }
        return Optional.of(hashed.get().sha256());
    }
}
