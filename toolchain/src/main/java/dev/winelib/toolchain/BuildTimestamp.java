package dev.winelib.toolchain;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * The time a reproducible build writes wherever a time is written (the PE TimeDateStamp of the NT
 * header and of the export directory; {@code __DATE__}/{@code __TIME__} through the compiler's
 * {@code SOURCE_DATE_EPOCH}). It comes from Maven's {@code project.build.outputTimestamp}, else from
 * the {@code SOURCE_DATE_EPOCH} environment variable (reproducible-builds.org); without either, the
 * build writes what winebuild writes, a hash of the module name, which is reproducible too.
 */
public final class BuildTimestamp {

    /** The environment variable of the reproducible-builds.org specification. */
    public static final String SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH";

    /** The latest time a PE TimeDateStamp (unsigned 32-bit seconds since 1970) can hold. */
    static final long MAX_SECONDS = 0xffffffffL;

    private BuildTimestamp() {
    }

    /**
     * The build time from Maven's {@code project.build.outputTimestamp} as Maven reads it: seconds
     * since 1970, or an ISO-8601 date and time with offset ({@code 2026-01-01T00:00:00Z}); an empty
     * value or a single character (Maven's way of switching an inherited value off) means none.
     *
     * @throws IllegalArgumentException for any other value
     */
    public static Optional<Instant> parseOutputTimestamp(String value) {
        if (value == null || value.strip().length() < 2) {
            return Optional.empty();
        }
        String v = value.strip();
        if (v.chars().allMatch(Character::isDigit)) {
            return Optional.of(checked(Instant.ofEpochSecond(Long.parseLong(v)), v));
        }
        try {
            return Optional.of(checked(OffsetDateTime.parse(v).toInstant(), v));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + v + "' is neither seconds since 1970 nor an ISO-8601 date and"
                    + " time such as 2026-01-01T00:00:00Z");
        }
    }

    /**
     * The build time: the configured output timestamp when there is one, else {@code SOURCE_DATE_EPOCH}
     * from {@code environment}.
     *
     * @throws IllegalArgumentException when a value is malformed or outside 1970-2106
     */
    public static Optional<Instant> resolve(String outputTimestamp, Map<String, String> environment) {
        Optional<Instant> configured = parseOutputTimestamp(outputTimestamp);
        if (configured.isPresent()) {
            return configured;
        }
        String epoch = environment.get(SOURCE_DATE_EPOCH);
        if (epoch == null || epoch.isBlank()) {
            return Optional.empty();
        }
        String v = epoch.strip();
        if (!v.chars().allMatch(Character::isDigit) || v.length() > 12) {
            throw new IllegalArgumentException(SOURCE_DATE_EPOCH + "='" + v + "' is not a number of seconds since"
                    + " 1970");
        }
        return Optional.of(checked(Instant.ofEpochSecond(Long.parseLong(v)), SOURCE_DATE_EPOCH + "=" + v));
    }

    private static Instant checked(Instant t, String what) {
        if (t.getEpochSecond() < 0 || t.getEpochSecond() > MAX_SECONDS) {
            throw new IllegalArgumentException(what + " is outside what a PE TimeDateStamp holds (1970 to 2106)");
        }
        return t;
    }
}
