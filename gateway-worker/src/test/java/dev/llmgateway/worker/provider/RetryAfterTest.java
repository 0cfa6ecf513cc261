package dev.llmgateway.worker.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
    private static final Clock NOW = Clock.fixed(Instant.parse("2025-10-21T07:28:00Z"), ZoneOffset.UTC);

    @Test
    void readsDelaySeconds() {
        assertThat(retryAfter("retry-after", "7")).isEqualTo(Duration.ofSeconds(7));
        assertThat(retryAfter("Retry-After", " 120 ")).isEqualTo(Duration.ofMinutes(2));
        assertThat(retryAfter("retry-after", "0")).isZero();
    }

    @Test
    void readsFractionalSeconds() {
        assertThat(retryAfter("retry-after", "1.5")).isEqualTo(Duration.ofMillis(1_500));
    }

    @Test
    void readsAnHttpDateAsTheTimeUntilThen() {
        assertThat(retryAfter("retry-after", "Tue, 21 Oct 2025 07:28:30 GMT")).isEqualTo(Duration.ofSeconds(30));
        assertThat(retryAfter("retry-after", "Tue, 21 Oct 2025 08:28:00 GMT")).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void anHttpDateInThePastMeansNow() {
        assertThat(retryAfter("retry-after", "Mon, 20 Oct 2025 07:28:00 GMT")).isZero();
    }

    @Test
    void prefersRetryAfterMs() {
        Map<String, List<String>> both = new LinkedHashMap<>();
        both.put("retry-after", List.of("2"));
        both.put("retry-after-ms", List.of("250"));

        assertThat(RetryAfter.from(headers(both), NOW)).isEqualTo(Duration.ofMillis(250));
        assertThat(retryAfter("retry-after-ms", "1234.9")).isEqualTo(Duration.ofMillis(1_234));
    }

    @Test
    void anUnreadableRetryAfterMsFallsBackToRetryAfter() {
        Map<String, List<String>> both = new LinkedHashMap<>();
        both.put("retry-after-ms", List.of("soon"));
        both.put("retry-after", List.of("3"));

        assertThat(RetryAfter.from(headers(both), NOW)).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void negativeDelaysMeanNow() {
        assertThat(retryAfter("retry-after", "-5")).isZero();
        assertThat(retryAfter("retry-after-ms", "-5")).isZero();
    }

    @Test
    void absentOrUnreadableHeadersGiveNothing() {
        assertThat(RetryAfter.from(headers(Map.of()), NOW)).isNull();
        assertThat(retryAfter("retry-after", "tomorrow")).isNull();
        assertThat(retryAfter("retry-after", "")).isNull();
        assertThat(retryAfter("retry-after", "NaN")).isNull();
    }

    @Test
    void anEnormousDelayIsKeptEnormousWithoutOverflowing() {
        assertThat(retryAfter("retry-after", "1e30")).isGreaterThan(Duration.ofDays(365 * 100));
        assertThat(retryAfter("retry-after", "Infinity")).isGreaterThan(Duration.ofDays(365 * 100));
    }

    private static Duration retryAfter(String name, String value) {
        return RetryAfter.from(headers(Map.of(name, List.of(value))), NOW);
    }

    private static HttpHeaders headers(Map<String, List<String>> values) {
        return HttpHeaders.of(values, (name, value) -> true);
    }
}
