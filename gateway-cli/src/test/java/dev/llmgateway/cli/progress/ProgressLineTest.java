package dev.llmgateway.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.cli.batch.Snapshot;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
    @Test
    void theLineShowsDoneFailedInFlightRateAndEta() {
        Snapshot snapshot = new Snapshot(100_000, 13_000, 12_000, 11_990, Map.of("provider_error", 10L),
                345, Map.of("validation_error", 2L), 0, 1_000);

        String line = ProgressLine.format(snapshot, 5_123.4, Duration.ofSeconds(83));

        assertThat(line).isEqualTo("[1:23] 12,347/100,000 done, 12 failed, 1,000 in flight, 5,123 jobs/s, ETA 0:18");
    }

    @Test
    void theEtaIsUnknownUntilThereIsARate() {
        assertThat(ProgressLine.eta(10, 0)).isEqualTo("--:--");
        assertThat(ProgressLine.eta(10, Double.NaN)).isEqualTo("--:--");
        assertThat(ProgressLine.eta(0, 0)).isEqualTo("0:00");
    }

    @Test
    void theEtaRoundsUpToWholeSeconds() {
        assertThat(ProgressLine.eta(1, 1000)).isEqualTo("0:01");
        assertThat(ProgressLine.eta(7_200, 1)).isEqualTo("2:00:00");
    }

    @Test
    void clocksShowHoursOnlyFromAnHourOn() {
        assertThat(ProgressLine.clock(Duration.ofSeconds(59))).isEqualTo("0:59");
        assertThat(ProgressLine.clock(Duration.ofSeconds(3599))).isEqualTo("59:59");
        assertThat(ProgressLine.clock(Duration.ofSeconds(3600 + 61))).isEqualTo("1:01:01");
    }
}
