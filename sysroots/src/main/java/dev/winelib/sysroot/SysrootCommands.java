package dev.winelib.sysroot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code winebuild-j sysroot fetch|list|verify|path} and the {@code winelib:sysroot} goal do,
 * with the text they print. The command line tool and the Maven goal only choose the action and
 * print the lines.
 */
public final class SysrootCommands {

    /** The actions, as the user types them. */
    public enum Action {
        /** Provision, download or unpack the sysroot now, and print where it is. */
        FETCH,
        /** Print the directory the sysroot resolves to (provisioning it if needed). */
        PATH,
        /** Print the trees of the cache. */
        LIST,
        /** Check cached trees against their manifests, including every file's sha256. */
        VERIFY;

        public static Action parse(String text) throws SysrootException {
            for (Action a : values()) {
                if (a.name().equalsIgnoreCase(text.trim())) {
                    return a;
                }
            }
            throw new SysrootException("unknown sysroot action '" + text + "': use fetch, path, list or verify");
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Lines to print, and whether the action succeeded. */
    public record Outcome(List<String> lines, boolean ok) {
        public Outcome {
            lines = List.copyOf(lines);
        }
    }

    private final SysrootResolver resolver;

    public SysrootCommands(SysrootResolver resolver) {
        this.resolver = resolver;
    }

    /**
     * Runs an action.
     *
     * @param settings the sysroots it applies to (for fetch and path: one, default {@code sniper};
     *     for verify: none means every tree of the cache; ignored by list)
     */
    public Outcome run(Action action, List<String> settings) throws SysrootException {
        return switch (action) {
            case FETCH -> fetch(settings);
            case PATH -> path(settings);
            case LIST -> list();
            case VERIFY -> verify(settings);
        };
    }

    private Outcome fetch(List<String> settings) throws SysrootException {
        List<String> lines = new ArrayList<>();
        for (String setting : orDefault(settings)) {
            Sysroot sysroot = resolver.resolve(setting);
            lines.add(setting + ": " + sysroot.root() + (sysroot.isHost() ? " (this machine's libraries)" : ""));
        }
        return new Outcome(lines, true);
    }

    private Outcome path(List<String> settings) throws SysrootException {
        List<String> lines = new ArrayList<>();
        for (String setting : orDefault(settings)) {
            lines.add(resolver.resolve(setting).root().toString());
        }
        return new Outcome(lines, true);
    }

    private Outcome list() throws SysrootException {
        List<CachedSysroot> trees = resolver.cache().list();
        List<String> lines = new ArrayList<>();
        if (trees.isEmpty()) {
            lines.add("the sysroot cache " + resolver.cache().root() + " is empty");
            return new Outcome(lines, true);
        }
        lines.add("sysroots in " + resolver.cache().root() + ":");
        for (CachedSysroot t : trees) {
            lines.add(t.key() + "  " + megabytes(t.sizeBytes()) + "  " + t.entries() + " entries  created " + t.created());
            lines.add("    tree:   " + t.tree());
            String origin = String.join(", ", t.origin());
            lines.add("    origin: " + (origin.length() > 200 ? origin.substring(0, 200) + "..." : origin));
            t.archiveSha256().ifPresent(s -> lines.add("    sha256: " + s));
            for (String note : t.notes()) {
                lines.add("    note:   " + note);
            }
        }
        return new Outcome(lines, true);
    }

    private Outcome verify(List<String> settings) throws SysrootException {
        List<Path> trees = new ArrayList<>();
        if (settings.isEmpty()) {
            for (CachedSysroot t : resolver.cache().list()) {
                trees.add(t.tree());
            }
        } else {
            for (String setting : settings) {
                trees.add(resolver.locateWithoutChanges(setting));
            }
        }
        List<String> lines = new ArrayList<>();
        boolean ok = true;
        if (trees.isEmpty()) {
            lines.add("the sysroot cache " + resolver.cache().root() + " is empty: nothing to verify");
        }
        for (Path tree : trees) {
            VerifyResult r = resolver.cache().verify(tree);
            if (r.ok()) {
                lines.add("ok      " + tree + " (" + r.checkedEntries() + " entries, contents hashed)");
            } else {
                ok = false;
                lines.add("DAMAGED " + tree + " (" + r.problems().size() + " problems; the next build that uses it"
                        + " unpacks or provisions it again):");
                r.problems().stream().limit(50).forEach(p -> lines.add("    " + p));
                if (r.problems().size() > 50) {
                    lines.add("    ... and " + (r.problems().size() - 50) + " more");
                }
            }
        }
        return new Outcome(lines, ok);
    }

    private static List<String> orDefault(List<String> settings) {
        return settings.isEmpty() ? List.of(SysrootResolver.DEFAULT) : settings;
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
    }
}
