package dev.llmgateway.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

    LoadResult run(String scenario, int connections, Duration warmup, Duration measure,
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
                    try {
                        HttpResponse<Void> response = http.send(requestFor.apply((int) sequence.incrementAndGet()),
                                HttpResponse.BodyHandlers.discarding());
                        outcome = response.statusCode() == 200 ? null : "HTTP " + response.statusCode();
                    } catch (Exception e) {
                        outcome = e.getClass().getSimpleName();
                    }
                    long done = System.nanoTime();
                    if (start >= warmupEnd && done <= end) {
                        if (outcome == null) {
                            recorder.recordValue(Math.max(1, (done - start) / 1000));
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

    static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
    }
}
