package dev.llmgateway.cli.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.cli.batch.InFlight.Pending;
import org.junit.jupiter.api.Test;

class InFlightTest {
    @Test
    void noMoreThanTheLimitAreOutstanding() throws InterruptedException {
        InFlight inFlight = new InFlight(2);

        assertThat(inFlight.tryAcquire(0)).isTrue();
        assertThat(inFlight.tryAcquire(0)).isTrue();
        assertThat(inFlight.tryAcquire(0)).isFalse();
    }

    @Test
    void aJobIsSettledOnceAndItsPermitComesBackAfterRelease() throws InterruptedException {
        InFlight inFlight = new InFlight(1);
        assertThat(inFlight.tryAcquire(0)).isTrue();
        inFlight.register("r1", new Pending("a", 1));

        Pending first = inFlight.take("r1");
        Pending duplicate = inFlight.take("r1");

        assertThat(first).isEqualTo(new Pending("a", 1));
        assertThat(duplicate).isNull();
        assertThat(inFlight.awaitEmpty(0)).as("written but not released yet").isFalse();
        inFlight.release();
        assertThat(inFlight.awaitEmpty(0)).isTrue();
        assertThat(inFlight.tryAcquire(0)).isTrue();
    }

    @Test
    void aRequestIdCannotBeInFlightTwice() throws InterruptedException {
        InFlight inFlight = new InFlight(2);
        inFlight.register("r1", new Pending("a", 1));

        assertThatThrownBy(() -> inFlight.register("r1", new Pending("a", 1))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void givingUpTakesEveryOutstandingJob() {
        InFlight inFlight = new InFlight(3);
        inFlight.register("r1", new Pending("a", 1));
        inFlight.register("r2", new Pending("b", 2));

        assertThat(inFlight.takeAll()).extracting(e -> e.getValue().lineId()).containsExactlyInAnyOrder("a", "b");
        assertThat(inFlight.isEmpty()).isTrue();
    }
}
