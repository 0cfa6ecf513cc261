package dev.llmgateway.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RateMeterTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void thereIsNoRateBeforeTwoSamples() {
        RateMeter meter = new RateMeter(10 * SECOND);
        assertThat(meter.perSecond()).isZero();

        meter.record(0, 100);

        assertThat(meter.perSecond()).isZero();
    }

    @Test
    void theRateIsOverTheSamplesInTheWindow() {
        RateMeter meter = new RateMeter(10 * SECOND);
        meter.record(0, 0);
        meter.record(2 * SECOND, 2_000);

        assertThat(meter.perSecond()).isCloseTo(1_000, within(0.001));
    }

    @Test
    void oldSamplesLeaveTheWindowSoTheRateFollowsThePace() {
        RateMeter meter = new RateMeter(10 * SECOND);
        meter.record(0, 0);
        meter.record(10 * SECOND, 100_000); // 10,000/s at first
        for (int s = 11; s <= 30; s++) {
            meter.record(s * SECOND, 100_000 + (s - 10) * 100L); // then 100/s
        }

        assertThat(meter.perSecond()).isCloseTo(100, within(0.001));
    }
}
