package dev.llmgateway.cli.progress;

import dev.llmgateway.cli.batch.Snapshot;
import java.time.Duration;
import java.util.Locale;

/** The one-line progress report: {@code [0:42] 12,345/100,000 done, 12 failed, 1,000 in flight, 5,120 jobs/s, ETA 0:17}. */
public final class ProgressLine {
    private ProgressLine() {
    }

    public static String format(Snapshot snapshot, double jobsPerSecond, Duration elapsed) {
        return String.format(Locale.ROOT, "[%s] %,d/%,d done, %,d failed, %,d in flight, %,.0f jobs/s, ETA %s",
                clock(elapsed), snapshot.done(), snapshot.lines(), snapshot.failedTotal(), snapshot.inFlight(),
                jobsPerSecond, eta(snapshot.unfinished(), jobsPerSecond));
    }

    /** The time the remaining lines take at this rate, or {@code --:--} while the rate is unknown. */
    static String eta(long remaining, double perSecond) {
        if (remaining == 0) {
            return clock(Duration.ZERO);
        }
        if (perSecond <= 0 || !Double.isFinite(perSecond)) {
            return "--:--";
        }
        return clock(Duration.ofSeconds((long) Math.ceil(remaining / perSecond)));
    }

    /** {@code m:ss}, or {@code h:mm:ss} from an hour on. */
    static String clock(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds >= 3600) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds % 3600 / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
