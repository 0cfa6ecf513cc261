package dev.llmgateway.core.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CatalogRefresherTest {
    private final ScheduledExecutorService unused = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopScheduler() {
        unused.shutdownNow();
    }

    @Test
    void aRefreshAfterAChangeIsNotUndoneByASlowerLoadThatStartedBeforeIt() throws Exception {
        CountDownLatch firstLoadMayFinish = new CountDownLatch(1);
        AtomicInteger loads = new AtomicInteger();
        ProviderCatalog before = catalogWith("before");
        ProviderCatalog after = catalogWith("after");
        CatalogRefresher refresher = new CatalogRefresher(() -> {
            if (loads.incrementAndGet() == 1) {
                awaitQuietly(firstLoadMayFinish); // read the store before the change, slow to return
                return before;
            }
            return after;
        }, unused, Duration.ofHours(1));

        Thread periodic = new Thread(refresher::refresh, "periodic-load");
        periodic.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> loads.get() == 1);
        Thread afterWrite = new Thread(refresher::refresh, "refresh-after-write");
        afterWrite.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> afterWrite.getState() == Thread.State.BLOCKED);
        firstLoadMayFinish.countDown();
        periodic.join(5000);
        afterWrite.join(5000);

        assertThat(refresher.get().provider("after")).isPresent();
        assertThat(loads).hasValue(2);
    }

    private static ProviderCatalog catalogWith(String name) {
        return new ProviderCatalog(List.of(new ProviderConfig(name, ProviderType.MOCK, null, null, null, List.of("mock-1"),
                "mock-1", true, 1, null, 1000, 0)), List.of());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
