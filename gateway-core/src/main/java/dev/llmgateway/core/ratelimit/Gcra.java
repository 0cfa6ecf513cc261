package dev.llmgateway.core.ratelimit;

/**
 * The generic cell rate algorithm for "N per minute": each request moves a theoretical arrival
 * time (TAT) forward by one emission interval (60 s / N); a request is allowed while the TAT stays
 * within one minute of now, so a full minute's budget may be spent at once and then refills
 * smoothly. One number per key, O(1), and an exact Retry-After: the moment the TAT falls back
 * within the window. The same arithmetic runs in Redis (Lua) and locally.
 */
final class Gcra {
    static final long WINDOW_MS = 60_000;

    private Gcra() {
    }

    static long intervalMs(int perMinute) {
        return Math.max(1, WINDOW_MS / perMinute);
    }

    /** @return the new TAT if allowed, or {@code -(wait in ms)} if not (never 0 for a refusal) */
    static long acquire(long tat, long now, int perMinute) {
        long interval = intervalMs(perMinute);
        long newTat = Math.max(tat, now) + interval;
        long capacity = interval * perMinute;
        if (newTat - now <= capacity) {
            return newTat;
        }
        return -Math.max(1, newTat - capacity - now);
    }

    static final String LUA = """
            local tat = tonumber(redis.call('GET', KEYS[1]) or ARGV[1])
            local now = tonumber(ARGV[1])
            local interval = tonumber(ARGV[2])
            local capacity = interval * tonumber(ARGV[3])
            local new_tat = math.max(tat, now) + interval
            if new_tat - now <= capacity then
              redis.call('SET', KEYS[1], new_tat, 'PX', new_tat - now)
              return 0
            end
            return math.max(1, new_tat - capacity - now)
            """;
}
