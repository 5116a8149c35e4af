package dev.winelib.toolchain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BuildTimestampTest {

    @Test
    void outputTimestampInMavensForms() {
        assertThat(BuildTimestamp.parseOutputTimestamp("2026-01-01T00:00:00Z"))
                .contains(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(BuildTimestamp.parseOutputTimestamp("2026-01-01T02:00:00+02:00"))
                .contains(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(BuildTimestamp.parseOutputTimestamp("1767225600")).contains(Instant.ofEpochSecond(1767225600));
        assertThat(BuildTimestamp.parseOutputTimestamp(" 1767225600 ")).contains(Instant.ofEpochSecond(1767225600));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "1", "0", "x"})
    void emptyOrOneCharacterMeansNone(String value) {
        assertThat(BuildTimestamp.parseOutputTimestamp(value)).isEmpty();
        assertThat(BuildTimestamp.parseOutputTimestamp(null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2026-01-01", "2026-01-01T00:00:00", "99999999999", "1969-12-31T23:59:59Z",
        "2106-02-07T06:28:16Z"})
    void malformedOrOutOfRangeIsRefused(String value) {
        assertThatThrownBy(() -> BuildTimestamp.parseOutputTimestamp(value))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(value.strip());
    }

    @Test
    void outputTimestampWinsOverSourceDateEpoch() {
        Map<String, String> env = Map.of("SOURCE_DATE_EPOCH", "1000");
        assertThat(BuildTimestamp.resolve("2000", env)).contains(Instant.ofEpochSecond(2000));
        assertThat(BuildTimestamp.resolve("", env)).contains(Instant.ofEpochSecond(1000));
        assertThat(BuildTimestamp.resolve(null, Map.of())).isEmpty();
        assertThat(BuildTimestamp.resolve(null, Map.of("SOURCE_DATE_EPOCH", " "))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-5", "1.5", "abc", "4294967296", "1234567890123"})
    void malformedSourceDateEpochIsRefused(String value) {
        assertThatThrownBy(() -> BuildTimestamp.resolve(null, Map.of("SOURCE_DATE_EPOCH", value)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SOURCE_DATE_EPOCH");
        assertThat(Optional.of(value)).isPresent();
    }
}
