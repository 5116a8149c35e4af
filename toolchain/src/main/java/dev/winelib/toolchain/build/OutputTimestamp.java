package dev.winelib.toolchain.build;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The time a reproducible build writes into its output instead of the current time: Maven's
 * {@code project.build.outputTimestamp} or the {@code SOURCE_DATE_EPOCH} environment variable
 * (https://reproducible-builds.org/specs/source-date-epoch/).
 *
 * @param instant the time, whole seconds, from 1970-01-01 to 2106-02-07 (what a PE TimeDateStamp holds)
 */
public record OutputTimestamp(Instant instant) {

    /** The environment variable of the reproducible-builds.org specification. */
    public static final String SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH";

    private static final long MAX_SECONDS = 0xFFFF_FFFFL;

    public OutputTimestamp {
        Objects.requireNonNull(instant, "instant");
        if (instant.getNano() != 0) {
            instant = Instant.ofEpochSecond(instant.getEpochSecond());
        }
        if (instant.getEpochSecond() < 0 || instant.getEpochSecond() > MAX_SECONDS) {
            throw new IllegalArgumentException(instant + " is outside the times a PE TimeDateStamp holds"
                    + " (1970-01-01T00:00:00Z to 2106-02-07T06:28:15Z)");
        }
    }

    /** Seconds since 1970-01-01T00:00:00Z. */
    public long seconds() {
        return instant.getEpochSecond();
    }

    /**
     * What compilers get in their environment so that {@code __DATE__} and {@code __TIME__}
     * expand to this time: {@code SOURCE_DATE_EPOCH=seconds}.
     */
    public Map<String, String> compilerEnvironment() {
        return Map.of(SOURCE_DATE_EPOCH, Long.toString(seconds()));
    }

    /**
     * Reads a value as Maven's {@code project.build.outputTimestamp}: seconds since 1970 (digits
     * only) or an ISO-8601 date and time with offset ({@code 2024-01-01T00:00:00Z}); null, empty or
     * a single character (Maven's way to switch it off) give none.
     *
     * @throws IllegalArgumentException naming the value and the accepted forms
     */
    public static Optional<OutputTimestamp> parseMaven(String value) {
        return parse(value, "outputTimestamp");
    }

    /** As {@link #parseMaven(String)}, naming the value {@code what} in errors (an option name). */
    public static Optional<OutputTimestamp> parse(String value, String what) {
        if (value == null || value.strip().length() < 2) {
            return Optional.empty();
        }
        String v = value.strip();
        if (allDigits(v)) {
            return Optional.of(ofSeconds(v, what));
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(what + " '" + v + "' is neither seconds since 1970 nor an"
                    + " ISO-8601 date and time with offset such as 2024-01-01T00:00:00Z", e);
        }
        return Optional.of(checked(instant, v, what));
    }

    /**
     * The {@code SOURCE_DATE_EPOCH} of {@code environment}: unset or empty gives none.
     *
     * @throws IllegalArgumentException when it is not a number of seconds since 1970
     */
    public static Optional<OutputTimestamp> fromEnvironment(Map<String, String> environment) {
        String v = environment.get(SOURCE_DATE_EPOCH);
        if (v == null || v.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(ofSeconds(v.strip(), SOURCE_DATE_EPOCH));
    }

    /** The configured Maven value if it gives a time, otherwise {@code SOURCE_DATE_EPOCH}. */
    public static Optional<OutputTimestamp> resolve(String mavenValue, Map<String, String> environment) {
        Optional<OutputTimestamp> maven = parseMaven(mavenValue);
        return maven.isPresent() ? maven : fromEnvironment(environment);
    }

    private static OutputTimestamp ofSeconds(String digits, String what) {
        if (digits.isEmpty() || !allDigits(digits) || digits.length() > 12) {
            throw new IllegalArgumentException(what + " '" + digits + "' is not a number of seconds since"
                    + " 1970-01-01T00:00:00Z");
        }
        return checked(Instant.ofEpochSecond(Long.parseLong(digits)), digits, what);
    }

    private static OutputTimestamp checked(Instant instant, String value, String what) {
        try {
            return new OutputTimestamp(instant);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " '" + value + "': " + e.getMessage(), e);
        }
    }

    /** Whether every character is a digit (a loop: this runs on every build, where a lambda's first use costs more). */
    private static boolean allDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
