package dev.winelib.toolchain.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What a probe link found, kept for the next build: the hidden symbols it gave placeholders and the
 * linker's report of what stayed undefined. It is used only by a build whose probe would read the same
 * things (the key: {@code WinelibBuilder}'s fingerprint of the command, the objects' symbols and the
 * libraries' content).
 *
 * @param hidden the symbols used with hidden visibility that no object defines
 * @param output the probe link's messages
 */
record ProbeOutcome(Set<String> hidden, String output) {

    private static final String HEADER = "winebuild-j probe outcome 1";

    ProbeOutcome {
        hidden = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(hidden));
    }

    /** The outcome kept in {@code file} for {@code key}; empty when there is none, for another key, or damaged. */
    static Optional<ProbeOutcome> recall(Path file, String key) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.empty();
        }
        // HEADER, "key KEY", "hidden N", N names, then the output
        String[] head = text.split("\n", 4);
        if (head.length < 4 || !head[0].equals(HEADER) || !head[1].equals("key " + key)
                || !head[2].startsWith("hidden ")) {
            return Optional.empty();
        }
        int count;
        try {
            count = Integer.parseInt(head[2].substring(7));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        String[] rest = head[3].split("\n", count + 1);
        if (rest.length != count + 1) {
            return Optional.empty();
        }
        Set<String> hidden = new LinkedHashSet<>();
        for (int i = 0; i < count; i++) {
            hidden.add(rest[i]);
        }
        return Optional.of(new ProbeOutcome(hidden, rest[count]));
    }

    /** Keeps {@code outcome} for {@code key} in {@code file} (atomically); a name with a line break is not kept. */
    static void keep(Path file, String key, ProbeOutcome outcome) throws IOException {
        if (outcome.hidden().stream().anyMatch(n -> n.indexOf('\n') >= 0)) {
            return;
        }
        StringBuilder b = new StringBuilder(HEADER).append('\n').append("key ").append(key).append('\n')
                .append("hidden ").append(outcome.hidden().size()).append('\n');
        outcome.hidden().forEach(n -> b.append(n).append('\n'));
        b.append(outcome.output());
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.write(file, b.toString().getBytes(StandardCharsets.UTF_8));
    }
}
