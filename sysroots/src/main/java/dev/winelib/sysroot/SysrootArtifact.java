package dev.winelib.sysroot;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A sysroot archive published as a Maven artifact, written
 * {@code groupId:artifactId:version[:classifier][:type]}. The type is the archive's extension:
 * {@code tar.gz} (the default), {@code tgz}, {@code tar.xz}, {@code tar.bz2} or {@code tar}. An empty
 * classifier ({@code g:a:v::tar.xz}) gives a type without a classifier.
 */
public record SysrootArtifact(String groupId, String artifactId, String version, Optional<String> classifier,
        String type) {

    /** Archive extensions a sysroot artifact may have. */
    public static final List<String> TYPES = List.of("tar.gz", "tgz", "tar.xz", "tar.bz2", "tar");
    /** The type when none is given. */
    public static final String DEFAULT_TYPE = "tar.gz";

    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+-]*");

    public SysrootArtifact {
        check("groupId", groupId);
        check("artifactId", artifactId);
        check("version", version);
        classifier.ifPresent(c -> check("classifier", c));
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("sysroot artifact type '" + type + "' is not an archive type: use one of "
                    + String.join(", ", TYPES));
        }
    }

    /** Whether a sysroot setting is written as Maven coordinates rather than a path or a word. */
    public static boolean looksLikeCoordinates(String setting) {
        return setting.indexOf(':') > 0 && setting.indexOf('/') < 0 && setting.indexOf('\\') < 0;
    }

    /**
     * Parses {@code groupId:artifactId:version[:classifier][:type]}.
     *
     * @throws SysrootException naming what is wrong and the expected form
     */
    public static SysrootArtifact parse(String coordinates) throws SysrootException {
        String[] parts = coordinates.trim().split(":", -1);
        if (parts.length < 3 || parts.length > 5) {
            throw new SysrootException(invalid(coordinates, "expected 3 to 5 parts separated by ':'"));
        }
        Optional<String> classifier = parts.length >= 4 && !parts[3].isEmpty() ? Optional.of(parts[3]) : Optional.empty();
        String type = parts.length == 5 ? parts[4].toLowerCase(Locale.ROOT) : DEFAULT_TYPE;
        try {
            return new SysrootArtifact(parts[0], parts[1], parts[2], classifier, type);
        } catch (IllegalArgumentException e) {
            throw new SysrootException(invalid(coordinates, e.getMessage()));
        }
    }

    private static String invalid(String coordinates, String why) {
        return "sysroot '" + coordinates + "' is not valid Maven coordinates (" + why
                + "): write groupId:artifactId:version[:classifier][:type], e.g."
                + " com.example:sniper-sysroot:3.0.20240101::tar.xz";
    }

    private static void check(String what, String value) {
        if (value == null || !PART.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " '" + value + "' is empty or has characters other than letters,"
                    + " digits, '_', '.', '+' and '-'");
        }
    }

    /** The file name in a Maven repository: {@code artifactId-version[-classifier].type}. */
    public String fileName() {
        return artifactId + "-" + version + classifier.map(c -> "-" + c).orElse("") + "." + type;
    }

    /** As written in a POM or on the command line: {@code g:a:v[:classifier]:type}. */
    @Override
    public String toString() {
        return groupId + ":" + artifactId + ":" + version + ":" + classifier.orElse("") + ":" + type;
    }
}
