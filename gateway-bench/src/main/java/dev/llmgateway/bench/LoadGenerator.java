package dev.llmgateway.bench;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Closed-loop load: {@code connections} threads, each sending its next request as soon as the
 * previous one is answered, for a warm-up period (not recorded) and then a measured period.
 */
final class LoadGenerator {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** What is timed: the whole answer, or the wait for its first server-sent {@code data:} line. */
    enum Timing { WHOLE_ANSWER, FIRST_CHUNK }

    LoadResult run(String scenario, int connections, Duration warmup, Duration measure,
            IntFunction<HttpRequest> requestFor) throws InterruptedException {
        return run(scenario, connections, warmup, measure, Timing.WHOLE_ANSWER, requestFor);
    }

    LoadResult run(String scenario, int connections, Duration warmup, Duration measure, Timing timing,
            IntFunction<HttpRequest> requestFor) throws InterruptedException {
        Recorder recorder = new Recorder(3);
        AtomicLong ok = new AtomicLong();
        Map<String, Long> errors = new ConcurrentHashMap<>();
        long warmupEnd = System.nanoTime() + warmup.toNanos();
        long end = warmupEnd + measure.toNanos();
        List<Thread> threads = new ArrayList<>();
        AtomicLong sequence = new AtomicLong();
        for (int c = 0; c < connections; c++) {
            Thread thread = new Thread(() -> {
                while (true) {
                    long start = System.nanoTime();
                    if (start >= end) {
                        return;
                    }
                    String outcome;
                    long[] done = {0};
                    try {
                        HttpRequest request = requestFor.apply((int) sequence.incrementAndGet());
                        outcome = timing == Timing.WHOLE_ANSWER ? whole(request, done) : firstChunk(request, done);
                    } catch (Exception e) {
                        outcome = e.getClass().getSimpleName();
                        done[0] = System.nanoTime();
                    }
                    if (start >= warmupEnd && done[0] <= end) {
                        if (outcome == null) {
                            recorder.recordValue(Math.max(1, (done[0] - start) / 1000));
                            ok.incrementAndGet();
                        } else {
                            errors.merge(outcome, 1L, Long::sum);
                        }
                    }
                }
            }, "load-" + c);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        Histogram histogram = recorder.getIntervalHistogram();
        return new LoadResult(scenario, connections, histogram, ok.get(), measure.toMillis() / 1000.0, errors);
    }

    private String whole(HttpRequest request, long[] done) throws Exception {
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        done[0] = System.nanoTime();
        return response.statusCode() == 200 ? null : "HTTP " + response.statusCode();
    }

    /** Notes the time of the first {@code data:} line, then reads the rest so the connection is reused. */
    private String firstChunk(HttpRequest request, long[] done) throws Exception {
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (done[0] == 0 && line.startsWith("data:")) {
                    done[0] = System.nanoTime();
                }
            }
        }
        if (done[0] == 0) {
            done[0] = System.nanoTime();
            return response.statusCode() == 200 ? "no data line" : "HTTP " + response.statusCode();
        }
        return response.statusCode() == 200 ? null : "HTTP " + response.statusCode();
    }

    static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
    }
}
