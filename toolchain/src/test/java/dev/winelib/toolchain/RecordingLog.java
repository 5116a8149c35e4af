package dev.winelib.toolchain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A build log that keeps every message, prefixed with its level. */
public final class RecordingLog implements BuildLog {

    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void info(String message) {
        lines.add("INFO " + message);
    }

    @Override
    public void warn(String message) {
        lines.add("WARN " + message);
    }

    @Override
    public void debug(String message) {
        lines.add("DEBUG " + message);
    }

    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** The debug line of the final link's command. */
    public String linkCommand() {
        List<String> all = lines();
        for (int i = 0; i < all.size() - 1; i++) {
            if (all.get(i).startsWith("INFO linking ")) {
                return all.get(i + 1);
            }
        }
        throw new AssertionError("no link command in " + all);
    }
}
