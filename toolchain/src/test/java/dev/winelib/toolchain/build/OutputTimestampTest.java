package dev.winelib.toolchain.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** project.build.outputTimestamp and SOURCE_DATE_EPOCH as Maven and reproducible-builds.org define them. */
class OutputTimestampTest {

    @Test
    void mavenValueInSecondsOrIso8601() {
        assertThat(OutputTimestamp.parseMaven("1700000000")).map(OutputTimestamp::seconds).contains(1700000000L);
        assertThat(OutputTimestamp.parseMaven("2023-11-14T22:13:20Z")).map(OutputTimestamp::seconds)
                .contains(1700000000L);
        assertThat(OutputTimestamp.parseMaven(" 2023-11-15T00:13:20+02:00 ")).map(OutputTimestamp::seconds)
                .contains(1700000000L);
    }

    @Test
    void unsetEmptyOrOneCharacterMeansNone() {
        assertThat(OutputTimestamp.parseMaven(null)).isEmpty();
        assertThat(OutputTimestamp.parseMaven("")).isEmpty();
        assertThat(OutputTimestamp.parseMaven("0")).isEmpty();
        assertThat(OutputTimestamp.parseMaven("_")).isEmpty();
    }

    @Test
    void compilersGetTheTimeAsSourceDateEpochInSeconds() {
        assertThat(OutputTimestamp.parseMaven("2023-11-14T22:13:20Z").orElseThrow().compilerEnvironment())
                .isEqualTo(Map.of("SOURCE_DATE_EPOCH", "1700000000"));
    }

    @Test
    void fractionsOfASecondAreDropped() {
        assertThat(OutputTimestamp.parseMaven("2023-11-14T22:13:20.750Z")).map(OutputTimestamp::instant)
                .contains(Instant.ofEpochSecond(1700000000L));
    }

    @Test
    void badValuesAreNamed() {
        assertThatThrownBy(() -> OutputTimestamp.parseMaven("yesterday"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outputTimestamp 'yesterday'")
                .hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> OutputTimestamp.parseMaven("2023-11-14"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'2023-11-14'");
        assertThatThrownBy(() -> OutputTimestamp.parseMaven("1969-12-31T23:59:59Z"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TimeDateStamp");
        assertThatThrownBy(() -> OutputTimestamp.parseMaven("4294967296"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outputTimestamp '4294967296'")
                .hasMessageContaining("2106-02-07");
        assertThatThrownBy(() -> OutputTimestamp.parse("1969-12-31T23:59:59Z", "--timestamp"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--timestamp '1969-12-31T23:59:59Z'");
        assertThatThrownBy(() -> OutputTimestamp.fromEnvironment(Map.of("SOURCE_DATE_EPOCH", "-5")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SOURCE_DATE_EPOCH '-5'");
        assertThatThrownBy(() -> OutputTimestamp.fromEnvironment(Map.of("SOURCE_DATE_EPOCH", "99999999999999999999")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SOURCE_DATE_EPOCH");
    }

    @Test
    void theLimitsOfATimeDateStampAreAccepted() {
        assertThat(OutputTimestamp.parseMaven("4294967295")).map(OutputTimestamp::seconds).contains(4294967295L);
        assertThat(OutputTimestamp.parseMaven("1970-01-01T00:00:00Z")).map(OutputTimestamp::seconds).contains(0L);
    }

    @Test
    void sourceDateEpochIsTheFallback() {
        Map<String, String> env = Map.of("SOURCE_DATE_EPOCH", "1600000000");
        assertThat(OutputTimestamp.resolve(null, env)).map(OutputTimestamp::seconds).contains(1600000000L);
        assertThat(OutputTimestamp.resolve("0", env)).map(OutputTimestamp::seconds).contains(1600000000L);
        assertThat(OutputTimestamp.resolve("1700000000", env)).map(OutputTimestamp::seconds).contains(1700000000L);
        assertThat(OutputTimestamp.resolve(null, Map.of())).isEmpty();
        assertThat(OutputTimestamp.resolve(null, Map.of("SOURCE_DATE_EPOCH", " "))).isEqualTo(Optional.empty());
    }
}
