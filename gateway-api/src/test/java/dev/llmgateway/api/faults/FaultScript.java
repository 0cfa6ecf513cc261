package dev.llmgateway.api.faults;

import dev.llmgateway.testkit.fakeprovider.Behavior;
import dev.llmgateway.testkit.fakeprovider.Hang;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one fake provider answers each call of each prompt, in order, however concurrent requests
 * interleave; and what it actually served. A call beyond a prompt's plan is answered normally and
 * counted as unplanned: a retry nobody expected.
 */
final class FaultScript {
    private final Hang hang;
    private final Hang stall;
    private final Map<String, Queue<Step>> plans = new ConcurrentHashMap<>();
    private final Map<Step, AtomicInteger> served = new ConcurrentHashMap<>();
    private final Map<String, List<Call>> calls = new ConcurrentHashMap<>();
    private final AtomicInteger unplanned = new AtomicInteger();

    /** @param hang and {@code stall}: what {@link Step#HANG} and {@link Step#STALLED_BODY} answer */
    FaultScript(Hang hang, Hang stall) {
        this.hang = hang;
        this.stall = stall;
    }

    void plan(String prompt, List<Step> steps) {
        plans.put(prompt, new ConcurrentLinkedQueue<>(steps));
    }

    Behavior behavior() {
        return Behavior.byPrompt(prompt -> {
            Queue<Step> plan = plans.get(prompt);
            Step step = plan == null ? null : plan.poll();
            if (step == null) {
                unplanned.incrementAndGet();
                step = Step.OK;
            }
            served.computeIfAbsent(step, ignored -> new AtomicInteger()).incrementAndGet();
            calls.computeIfAbsent(prompt, ignored -> new CopyOnWriteArrayList<>()).add(new Call(step, System.nanoTime()));
            return step.behavior(hang, stall);
        });
    }

    /** Calls served, by step. */
    private record Call(Step step, long nanos) {
    }

    Map<Step, Integer> served() {
        Map<Step, Integer> counts = new TreeMap<>();
        served.forEach((step, count) -> counts.put(step, count.get()));
        return counts;
    }

    int calls() {
        return served.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    int unplanned() {
        return unplanned.get();
    }

    /** For each 429 that was retried here, the time until that retry arrived. */
    List<Duration> waitsAfterRateLimits() {
        List<Duration> waits = new ArrayList<>();
        for (List<Call> sequence : calls.values()) {
            for (int i = 0; i + 1 < sequence.size(); i++) {
                if (sequence.get(i).step() == Step.RATE_LIMITED) {
                    waits.add(Duration.ofNanos(sequence.get(i + 1).nanos() - sequence.get(i).nanos()));
                }
            }
        }
        return waits;
    }

    /** Planned steps no call has taken: retries or fallbacks that did not happen. */
    int untaken() {
        return plans.values().stream().mapToInt(Queue::size).sum();
    }
}
