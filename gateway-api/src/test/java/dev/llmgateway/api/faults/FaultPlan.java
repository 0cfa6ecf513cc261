package dev.llmgateway.api.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One request's fate against a primary provider (2 retries) and a fallback (1 retry): what each
 * answers its calls, and so what the caller and the usage ledger must see.
 */
record FaultPlan(String prompt, Kind kind, List<Step> primary, List<Step> fallback) {
    static final String PRIMARY = "claude";
    static final String FALLBACK = "openai";
    static final int PRIMARY_RETRIES = 2;
    static final int FALLBACK_RETRIES = 1;
    /** Shorter than a hang (the providers' timeout), longer than any answer. */
    static final int CALLER_DEADLINE_MS = 2_000;
    /**
     * Longer than the slowest plan (every attempt of both providers held for their 5 s timeout),
     * shorter than the test client's 60 s, so a gateway that never answers shows as a 504.
     */
    static final int PATIENT_CALLER_MS = 45_000;

    enum Kind {
        /** The primary answers at once. */
        CLEAN,
        /** The primary fails once or twice, then answers on a retry. */
        RECOVERED,
        /** The primary fails every attempt it gets; the fallback answers, perhaps after a retry. */
        FELL_BACK,
        /** Both fail every attempt they get: 502. */
        ALL_FAILED,
        /** The primary hangs past the caller's deadline: 504, and the job answers later on a retry. */
        CALLER_DEADLINE
    }

    static FaultPlan draw(String prompt, Random random) {
        int dice = random.nextInt(100);
        if (dice < 30) {
            return new FaultPlan(prompt, Kind.CLEAN, List.of(Step.OK), List.of());
        }
        if (dice < 55) {
            return new FaultPlan(prompt, Kind.RECOVERED, faultsThenOk(1 + random.nextInt(PRIMARY_RETRIES), random),
                    List.of());
        }
        if (dice < 75) {
            return new FaultPlan(prompt, Kind.FELL_BACK, exhausting(PRIMARY_RETRIES + 1, random),
                    faultsThenOk(random.nextInt(FALLBACK_RETRIES + 1), random));
        }
        if (dice < 90) {
            return new FaultPlan(prompt, Kind.ALL_FAILED, exhausting(PRIMARY_RETRIES + 1, random),
                    exhausting(FALLBACK_RETRIES + 1, random));
        }
        return new FaultPlan(prompt, Kind.CALLER_DEADLINE, List.of(Step.HANG, Step.OK), List.of());
    }

    int timeoutMs() {
        return kind == Kind.CALLER_DEADLINE ? CALLER_DEADLINE_MS : PATIENT_CALLER_MS;
    }

    int expectedStatus() {
        return switch (kind) {
            case ALL_FAILED -> 502;
            case CALLER_DEADLINE -> 504;
            default -> 200;
        };
    }

    /** Who answers in the end, also after a 504: null when nobody does. */
    String answeringProvider() {
        return switch (kind) {
            case FELL_BACK -> FALLBACK;
            case ALL_FAILED -> null;
            default -> PRIMARY;
        };
    }

    /** The request's row in usage_records as {@code provider/status}: a failure is the last candidate's. */
    String usage() {
        return answeringProvider() == null ? FALLBACK + "/failed" : answeringProvider() + "/succeeded";
    }

    /** Retryable faults, then an answer. */
    private static List<Step> faultsThenOk(int faults, Random random) {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < faults; i++) {
            steps.add(Step.RETRYABLE_FAULTS.get(random.nextInt(Step.RETRYABLE_FAULTS.size())));
        }
        steps.add(Step.OK);
        return steps;
    }

    /** A fault for every attempt a provider gets: all of them, or fewer when one cannot be retried. */
    private static List<Step> exhausting(int attempts, Random random) {
        List<Step> steps = new ArrayList<>();
        while (steps.size() < attempts) {
            Step fault = Step.FAULTS.get(random.nextInt(Step.FAULTS.size()));
            steps.add(fault);
            if (!fault.retryable()) {
                break;
            }
        }
        return steps;
    }
}
