package dev.winelib.toolchain.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;

/**
 * Up-to-date checks by content: a step's stamp file records its command, the SHA-256 of every
 * input and the SHA-256 of the output it made; the step is skipped when the recomputed record is
 * the same and the output still has that content. Timestamps alone are never trusted, so a checkout or a
 * copy does not confuse it, and an output damaged or replaced after the stamp was written (a
 * truncated object, a half-copied DLL) is made again. Each file is read once while it stays unchanged
 * (inode, size, modification and status-change time: {@link ContentHashes}), so the headers every
 * source includes are hashed once per build.
 */
public final class Stamp {

    private Stamp() {
    }

    /** The record of a command and its inputs; inputs that no longer exist make it unique. */
    public static String of(Collection<String> command, Collection<Path> inputs) throws IOException {
        StringBuilder b = new StringBuilder();
        for (String arg : command) {
            b.append("arg ").append(arg.replace("\n", "\\n")).append('\n');
        }
        for (Path input : inputs) {
            b.append("input ").append(input).append(' ');
            b.append(ContentHashes.sha256IfRegularFile(input).orElseGet(() -> "missing-" + System.nanoTime()))
                    .append('\n');
        }
        return b.toString();
    }

    /**
     * {@link #of(Collection, Collection)} for inputs whose hashes the caller has taken from
     * {@link ContentHashes} (empty: not a regular file), {@code hashes} in the order of {@code inputs}.
     */
    public static String of(Collection<String> command, java.util.List<Path> inputs,
            java.util.List<java.util.Optional<String>> hashes) {
        StringBuilder b = new StringBuilder();
        for (String arg : command) {
            b.append("arg ").append(arg.replace("\n", "\\n")).append('\n');
        }
        for (int i = 0; i < inputs.size(); i++) {
            b.append("input ").append(inputs.get(i)).append(' ');
            b.append(hashes.get(i).orElseGet(() -> "missing-" + System.nanoTime())).append('\n');
        }
        return b.toString();
    }

    /**
     * {@link #of(Collection, Collection)} for inputs whose hashes the caller has taken from
     * {@link ContentHashes} (empty: not a regular file), in the map's order.
     */
    public static String ofHashed(Collection<String> command, java.util.Map<Path, java.util.Optional<String>> inputs) {
        StringBuilder b = new StringBuilder();
        for (String arg : command) {
            b.append("arg ").append(arg.replace("\n", "\\n")).append('\n');
        }
        for (java.util.Map.Entry<Path, java.util.Optional<String>> input : inputs.entrySet()) {
            b.append("input ").append(input.getKey()).append(' ');
            b.append(input.getValue().orElseGet(() -> "missing-" + System.nanoTime())).append('\n');
        }
        return b.toString();
    }

    /** Whether {@code output} is what the step with {@code record} wrote, as its stamp file says. */
    public static boolean isFresh(Path output, Path stampFile, String record) throws IOException {
        if (!Files.isRegularFile(output) || !Files.isRegularFile(stampFile)) {
            return false;
        }
        String stamp;
        try {
            stamp = Files.readString(stampFile, StandardCharsets.UTF_8);
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
        return stamp.startsWith(record) && stamp.substring(record.length()).equals(outputLine(output));
    }

    /** Records that the step with {@code record} made {@code output} as it is now (written atomically). */
    public static void write(Path stampFile, String record, Path output) throws IOException {
        AtomicFiles.write(stampFile, (record + outputLine(output)).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@link #write(Path, String, Path)} for an output whose content's SHA-256 the caller took from the
     * very bytes it wrote.
     */
    public static void write(Path stampFile, String record, String outputSha256) throws IOException {
        AtomicFiles.write(stampFile, (record + "output " + outputSha256 + '\n').getBytes(StandardCharsets.UTF_8));
    }

    private static String outputLine(Path output) throws IOException {
        return "output " + sha256(output) + '\n';
    }

    /** The SHA-256 of {@code bytes}, in lower-case hex. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The SHA-256 of a file's content; each unchanged file is read once ({@link ContentHashes}). */
    public static String sha256(Path file) throws IOException {
        return ContentHashes.sha256(file);
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
