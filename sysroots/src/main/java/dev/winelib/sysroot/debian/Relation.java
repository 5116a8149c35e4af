package dev.winelib.sysroot.debian;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One package relation as binary packages write it in {@code Depends}, {@code Pre-Depends} and
 * {@code Provides}: {@code name[:arch] [(op version)]}.
 *
 * @param name the package name
 * @param architecture the qualifier after {@code :} ({@code any}, {@code native}, an architecture), if any
 * @param operator {@code <<}, {@code <=}, {@code =}, {@code >=} or {@code >>}, when a version is given
 * @param version the version the operator compares with
 */
public record Relation(String name, Optional<String> architecture, Optional<String> operator,
        Optional<DebianVersion> version) {

    private static final Pattern ONE = Pattern.compile(
            "([a-z0-9][a-z0-9+.-]*)(?::([a-z0-9-]+))?\\s*(?:\\(\\s*(<<|<=|>=|>>|=|<|>)\\s*([^)\\s]+)\\s*\\))?");

    /** Whether {@code candidate} satisfies the version part (always, when there is none). */
    public boolean acceptsVersion(DebianVersion candidate) {
        if (version.isEmpty()) {
            return true;
        }
        int c = candidate.compareTo(version.get());
        return switch (operator.orElseThrow()) {
            case "<<", "<" -> c < 0;
            case "<=" -> c <= 0;
            case "=" -> c == 0;
            case ">=" -> c >= 0;
            case ">>", ">" -> c > 0;
            default -> throw new IllegalStateException(operator.get());
        };
    }

    /**
     * Parses a comma-separated field into groups of alternatives ({@code a | b, c} gives
     * {@code [[a, b], [c]]}).
     *
     * @throws IllegalArgumentException naming the part that is not a relation
     */
    public static List<List<Relation>> parseField(String field) {
        List<List<Relation>> groups = new ArrayList<>();
        if (field == null || field.isBlank()) {
            return groups;
        }
        for (String group : field.split(",")) {
            if (group.isBlank()) {
                continue;
            }
            List<Relation> alternatives = new ArrayList<>();
            for (String alternative : group.split("\\|")) {
                alternatives.add(parse(alternative));
            }
            groups.add(List.copyOf(alternatives));
        }
        return List.copyOf(groups);
    }

    /** Parses one relation. */
    public static Relation parse(String text) {
        Matcher m = ONE.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text.trim() + "' is not a package relation");
        }
        return new Relation(m.group(1), Optional.ofNullable(m.group(2)), Optional.ofNullable(m.group(3)),
                Optional.ofNullable(m.group(4)).map(DebianVersion::parse));
    }

    @Override
    public String toString() {
        return name + architecture.map(a -> ":" + a).orElse("")
                + version.map(v -> " (" + operator.orElseThrow() + " " + v + ")").orElse("");
    }
}
