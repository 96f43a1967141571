package dev.junction.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("unit")
class DurationsTest {
    @ParameterizedTest
    @CsvSource({"30s,30000", "5m,300000", "1h30m,5400000", "250ms,250", "0,0", "1m30s,90000"})
    void parsesGoStyleDurations(String text, long millis) {
        assertThat(Durations.parse("--x", text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "30", "5 m", "1d", "-1s", "s"})
    void refusesAnythingElseNamingTheFlag(String text) {
        assertThatThrownBy(() -> Durations.parse("--sync-period", text)).hasMessageContaining("--sync-period");
    }
}
