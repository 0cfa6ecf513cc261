package dev.llmgateway.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PartitionOffsetsTest {
    private final PartitionOffsets offsets = new PartitionOffsets();

    @Test
    void nothingIsCommittableBeforeAnyJobStarted() {
        assertThat(offsets.takeCommittable()).isEqualTo(-1);
        assertThat(offsets.inFlight()).isZero();
    }

    @Test
    void aStartedJobPinsTheCommitAtItsOwnOffset() {
        offsets.started(7);

        assertThat(offsets.takeCommittable()).isEqualTo(7);
        assertThat(offsets.inFlight()).isEqualTo(1);
    }

    @Test
    void finishedJobsMakeTheNextOffsetToReadCommittable() {
        offsets.started(0);
        offsets.started(1);
        offsets.started(2);
        offsets.finished(0);
        offsets.finished(1);
        offsets.finished(2);

        assertThat(offsets.takeCommittable()).isEqualTo(3);
        assertThat(offsets.inFlight()).isZero();
    }

    @Test
    void aLaterJobFinishingFirstDoesNotMoveTheCommitPastAnUnfinishedEarlierOne() {
        offsets.started(10);
        offsets.started(11);
        offsets.started(12);
        assertThat(offsets.takeCommittable()).isEqualTo(10);

        offsets.finished(12);
        offsets.finished(11);
        assertThat(offsets.takeCommittable()).as("10 is still running").isEqualTo(-1);

        offsets.finished(10);
        assertThat(offsets.takeCommittable()).isEqualTo(13);
    }

    @Test
    void theCommitAdvancesOnlyToTheLowestJobStillRunning() {
        offsets.started(0);
        offsets.started(1);
        offsets.started(2);
        offsets.started(3);
        offsets.finished(0);
        offsets.finished(2);

        assertThat(offsets.takeCommittable()).isEqualTo(1);

        offsets.finished(1);
        assertThat(offsets.takeCommittable()).isEqualTo(3);
    }

    @Test
    void anOffsetIsHandedOutOnlyOnce() {
        offsets.started(4);
        offsets.finished(4);

        assertThat(offsets.takeCommittable()).isEqualTo(5);
        assertThat(offsets.takeCommittable()).isEqualTo(-1);

        offsets.started(5);
        assertThat(offsets.takeCommittable()).as("5 is pending, and 5 was already committed").isEqualTo(-1);
        offsets.finished(5);
        assertThat(offsets.takeCommittable()).isEqualTo(6);
    }

    @Test
    void jobsFinishingOnOtherThreadsAreAllCounted() throws InterruptedException {
        int jobs = 10_000;
        for (long offset = 0; offset < jobs; offset++) {
            offsets.started(offset);
        }
        Thread[] finishers = new Thread[4];
        for (int t = 0; t < finishers.length; t++) {
            int first = t;
            finishers[t] = new Thread(() -> {
                for (long offset = first; offset < jobs; offset += finishers.length) {
                    offsets.finished(offset);
                }
            });
            finishers[t].start();
        }
        for (Thread finisher : finishers) {
            finisher.join();
        }

        assertThat(offsets.inFlight()).isZero();
        assertThat(offsets.takeCommittable()).isEqualTo(jobs);
    }

    @Test
    void aJobFinishingOnAnotherThreadWhileTheCommitIsTakenNeverStopsThePollThread() throws Exception {
        int jobs = 200_000;
        java.util.concurrent.atomic.AtomicReference<Throwable> pollFailure = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.BlockingQueue<Long> started = new java.util.concurrent.LinkedBlockingQueue<>();
        Thread finisher = new Thread(() -> {
            try {
                for (int i = 0; i < jobs; i++) {
                    Long offset = started.poll(5, java.util.concurrent.TimeUnit.SECONDS);
                    if (offset == null) {
                        return; // the poll thread stopped early: the assertion below says why
                    }
                    offsets.finished(offset);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        finisher.start();
        try {
            // the poll thread: start one job, hand it to the finisher, take the commit while it finishes
            for (long offset = 0; offset < jobs; offset++) {
                offsets.started(offset);
                started.add(offset);
                offsets.takeCommittable();
            }
        } catch (RuntimeException e) {
            pollFailure.set(e);
        } finally {
            finisher.join(30_000);
        }

        assertThat(pollFailure.get()).isNull();
        assertThat(offsets.inFlight()).isZero();
        assertThat(offsets.takeCommittable()).isIn((long) jobs, -1L);
    }
}
