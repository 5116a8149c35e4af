package dev.winelib.maven;

import java.util.Map;
import java.util.Optional;

import org.apache.maven.plugin.MojoFailureException;

import dev.winelib.toolchain.build.OutputTimestamp;

/**
 * The {@code outputTimestamp} parameter the building goals share: Maven's
 * {@code project.build.outputTimestamp} if it gives a time, otherwise the
 * {@code SOURCE_DATE_EPOCH} environment variable, otherwise none.
 */
final class OutputTimestampParameter {

    private OutputTimestampParameter() {
    }

    /** The time of {@code value} or of this process's {@code SOURCE_DATE_EPOCH}. */
    static Optional<OutputTimestamp> resolve(String value) throws MojoFailureException {
        return resolve(value, System.getenv());
    }

    /**
     * The time of {@code value} or of {@code environment}'s {@code SOURCE_DATE_EPOCH}.
     *
     * @throws MojoFailureException naming the value when it is not a time
     */
    static Optional<OutputTimestamp> resolve(String value, Map<String, String> environment)
            throws MojoFailureException {
        try {
            return OutputTimestamp.resolve(value, environment);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }
}
