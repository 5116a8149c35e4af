package dev.winelib.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

import dev.winelib.toolchain.build.OutputTimestamp;

/** The building goals' outputTimestamp: the Maven value, SOURCE_DATE_EPOCH, or none. */
class OutputTimestampParameterTest {

    private static final Map<String, String> EPOCH_1 = Map.of("SOURCE_DATE_EPOCH", "1");

    @Test
    void theConfiguredValueComesFirst() throws Exception {
        assertThat(OutputTimestampParameter.resolve("2023-11-14T22:13:20Z", EPOCH_1)).map(OutputTimestamp::seconds)
                .contains(1_700_000_000L);
        assertThat(OutputTimestampParameter.resolve("1700000000", EPOCH_1)).map(OutputTimestamp::seconds)
                .contains(1_700_000_000L);
    }

    @Test
    void withoutAValueSourceDateEpochIsUsed() throws Exception {
        assertThat(OutputTimestampParameter.resolve(null, Map.of("SOURCE_DATE_EPOCH", "1700000000")))
                .map(OutputTimestamp::seconds).contains(1_700_000_000L);
        // Maven's single-character "off" value
        assertThat(OutputTimestampParameter.resolve("-", EPOCH_1)).map(OutputTimestamp::seconds).contains(1L);
    }

    @Test
    void withNeitherThereIsNoTime() throws Exception {
        assertThat(OutputTimestampParameter.resolve(null, Map.of())).isEmpty();
        assertThat(OutputTimestampParameter.resolve("", Map.of("SOURCE_DATE_EPOCH", ""))).isEmpty();
    }

    @Test
    void anInvalidValueFailsTheBuildNamingIt() {
        assertThatThrownBy(() -> OutputTimestampParameter.resolve("last tuesday", Map.of()))
                .isInstanceOf(MojoFailureException.class).hasMessageContaining("outputTimestamp 'last tuesday'");
        assertThatThrownBy(() -> OutputTimestampParameter.resolve(null, Map.of("SOURCE_DATE_EPOCH", "soon")))
                .isInstanceOf(MojoFailureException.class).hasMessageContaining("SOURCE_DATE_EPOCH 'soon'");
        assertThatThrownBy(() -> OutputTimestampParameter.resolve("2200-01-01T00:00:00Z", Map.of()))
                .isInstanceOf(MojoFailureException.class).hasMessageContaining("2200-01-01T00:00:00Z");
    }
}
