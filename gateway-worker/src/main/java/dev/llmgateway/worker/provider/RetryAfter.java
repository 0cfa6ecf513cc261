package dev.llmgateway.worker.provider;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads {@code retry-after-ms} or {@code retry-after} (seconds or an HTTP date). */
final class RetryAfter {
    private RetryAfter() {
    }

    static Duration from(HttpHeaders headers) {
        return from(headers, Clock.systemUTC());
    }

    /** The wait asked for, null when none is readable; {@code clock} dates an HTTP-date value. */
    static Duration from(HttpHeaders headers, Clock clock) {
        var millis = headers.firstValue("retry-after-ms");
        if (millis.isPresent()) {
            Duration wait = scaled(millis.get(), 1);
            if (wait != null) {
                return wait;
            }
        }
        return headers.firstValue("retry-after").map(value -> parse(value, clock)).orElse(null);
    }

    private static Duration parse(String value, Clock clock) {
        Duration seconds = scaled(value, 1000);
        if (seconds != null) {
            return seconds;
        }
        try {
            Duration until = Duration.between(ZonedDateTime.now(clock),
                    ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
            return until.isNegative() ? Duration.ZERO : until;
        } catch (DateTimeParseException notADate) {
            return null;
        }
    }

    /** A number of units of {@code millisPerUnit} ms, at least 0; null when not a number. */
    private static Duration scaled(String value, int millisPerUnit) {
        double number;
        try {
            number = Double.parseDouble(value.trim());
        } catch (NumberFormatException notANumber) {
            return null;
        }
        if (Double.isNaN(number)) {
            return null;
        }
        return Duration.ofMillis(Math.max(0, (long) (number * millisPerUnit)));
    }
}
