package dev.llmgateway.worker.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static final int SAMPLES = 2_000;
    private final RetryPolicy policy = new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofMinutes(2));

    @Test
    void firstRetryWaitsBetweenHalfAndAllOfTheInitialBackoff() {
        assertWaitsWithin(0, 100, 200);
    }

    @Test
    void eachRetryDoublesTheWindow() {
        assertWaitsWithin(1, 200, 400);
        assertWaitsWithin(3, 800, 1_600);
        assertWaitsWithin(5, 3_200, 6_400);
    }

    @Test
    void theWindowStopsGrowingAtTheMaximum() {
        assertWaitsWithin(6, 5_000, 10_000);
        assertWaitsWithin(20, 5_000, 10_000);
        assertWaitsWithin(63, 5_000, 10_000);
        assertWaitsWithin(Integer.MAX_VALUE, 5_000, 10_000);
    }

    @Test
    void theWaitIsJittered() {
        Set<Duration> seen = new HashSet<>();
        for (int i = 0; i < SAMPLES; i++) {
            seen.add(policy.backoff(4));
        }
        assertThat(seen).hasSizeGreaterThan(100);
    }

    @Test
    void anInitialBackoffOfZeroRetriesAtOnce() {
        RetryPolicy immediate = new RetryPolicy(Duration.ZERO, Duration.ofSeconds(10), Duration.ofMinutes(1));

        for (int retry = 0; retry < 40; retry++) {
            assertThat(immediate.backoff(retry)).isZero();
        }
    }

    @Test
    void aLargeInitialBackoffIsCappedWithoutOverflow() {
        RetryPolicy slow = new RetryPolicy(Duration.ofDays(365), Duration.ofSeconds(30), Duration.ofHours(1));

        for (int retry = 0; retry < 70; retry++) {
            assertThat(slow.backoff(retry)).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(30));
        }
    }

    @Test
    void rejectsNegativeOrMissingDurationsNamingTheValue() {
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofMillis(-1), Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT-0.001S");
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofMillis(1), Duration.ofSeconds(-1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT-1S");
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofMillis(1), Duration.ofSeconds(1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0S");
        assertThatThrownBy(() -> new RetryPolicy(null, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(NullPointerException.class);
    }

    private void assertWaitsWithin(int retryNumber, long minMillis, long maxMillis) {
        for (int i = 0; i < SAMPLES; i++) {
            assertThat(policy.backoff(retryNumber))
                    .as("retry %d", retryNumber)
                    .isBetween(Duration.ofMillis(minMillis), Duration.ofMillis(maxMillis));
        }
    }
}
