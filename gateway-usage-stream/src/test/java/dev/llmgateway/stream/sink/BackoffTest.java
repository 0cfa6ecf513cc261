package dev.llmgateway.stream.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesUpToTheMaximum() {
        Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(1));

        assertThat(backoff.next()).hasMillis(200);
        assertThat(backoff.next()).hasMillis(400);
        assertThat(backoff.next()).hasMillis(800);
        assertThat(backoff.next()).hasMillis(1000);
        assertThat(backoff.next()).hasMillis(1000);
    }

    @Test
    void startsAgainFromTheMinimumAfterAReset() {
        Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(1));
        backoff.next();
        backoff.next();

        backoff.reset();

        assertThat(backoff.next()).hasMillis(200);
    }

    @Test
    void refusesAMaximumBelowTheMinimum() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("min=PT2S max=PT1S");
    }
}
