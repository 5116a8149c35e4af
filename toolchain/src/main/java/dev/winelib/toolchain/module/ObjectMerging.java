package dev.winelib.toolchain.module;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import dev.winelib.asm.elf.RelocatableMerger;
import dev.winelib.spec.InputFiles;
import dev.winelib.toolchain.BuildLog;

/**
 * {@code ld -r} in the process for relocatable objects ({@link RelocatableMerger}), so that building
 * a module object starts no linker: archives (whose members a linker picks), inputs that are not
 * ELF objects (LTO bitcode) and what the merger does not handle are left to the linker, which is
 * then run as before and reports problems in its own words.
 */
final class ObjectMerging {

    /** The environment variable that, set to {@code off}, merges with the linker (ld -r) as before. */
    static final String ENVIRONMENT_VARIABLE = "WINEBUILD_J_MERGE";

    private static final byte[] ARCHIVE_MAGIC = "!<arch>\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] THIN_ARCHIVE_MAGIC = "!<thin>\n".getBytes(StandardCharsets.US_ASCII);

    private ObjectMerging() {
    }

    /** The objects merged in this order, or empty when the linker has to do it. */
    static Optional<byte[]> mergeInProcess(List<Path> inputs, Path output, BuildLog log) throws IOException {
        return mergeInProcess(Optional.empty(), inputs, output, log);
    }

    /**
     * The object {@code first} (made in the process) and the object files {@code inputs} merged in this
     * order, or empty when the linker has to do it.
     */
    static Optional<byte[]> mergeInProcess(RelocatableMerger.Input first, List<Path> inputs, Path output,
            BuildLog log) throws IOException {
        return mergeInProcess(Optional.of(first), inputs, output, log);
    }

    private static Optional<byte[]> mergeInProcess(Optional<RelocatableMerger.Input> first, List<Path> inputs,
            Path output, BuildLog log) throws IOException {
        if ((first.isEmpty() && inputs.isEmpty()) || "off".equalsIgnoreCase(System.getenv(ENVIRONMENT_VARIABLE))) {
            return Optional.empty();
        }
        List<RelocatableMerger.Input> objects = new ArrayList<>();
        if (first.isPresent()) {
            objects.add(first.get());
        }
        for (Path input : inputs) {
            byte[] bytes = InputFiles.readAll(input, InputFiles.BINARY_LIMIT);
            if (startsWith(bytes, ARCHIVE_MAGIC) || startsWith(bytes, THIN_ARCHIVE_MAGIC)) {
                return Optional.empty();
            }
            objects.add(new RelocatableMerger.Input(input.toString(), bytes));
        }
        try {
            byte[] merged = RelocatableMerger.merge(objects);
            StringBuilder line = new StringBuilder("in the process: ld -r -o ").append(output);
            for (RelocatableMerger.Input i : objects) {
                line.append(' ').append(i.name());
            }
            log.debug(line.toString());
            return Optional.of(merged);
        } catch (RelocatableMerger.UnsupportedInputException | RelocatableMerger.MalformedInputException e) {
            log.debug("merging with the linker: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }
}
