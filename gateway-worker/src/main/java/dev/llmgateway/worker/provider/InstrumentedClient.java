package dev.llmgateway.worker.provider;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import java.util.concurrent.CompletableFuture;

/**
 * Times every call per provider ({@code provider.<name>.latency}) and counts failures by kind
 * ({@code provider.<name>.errors.<status or kind>}).
 */
final class InstrumentedClient implements ProviderClient {
    private final ProviderClient delegate;
    private final MetricRegistry metrics;

    InstrumentedClient(ProviderClient delegate, MetricRegistry metrics) {
        this.delegate = delegate;
        this.metrics = metrics;
    }

    @Override
    public CompletableFuture<ProviderResponse> generate(ProviderCall call) {
        String name = MetricRegistry.name("provider", call.provider().name());
        Timer.Context timing = metrics.timer(MetricRegistry.name(name, "latency")).time();
        return delegate.generate(call).whenComplete((response, failure) -> {
            timing.stop();
            if (failure != null) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                String kind = cause instanceof ProviderException pe && pe.status() > 0 ? Integer.toString(pe.status())
                        : cause instanceof ProviderException pe ? pe.getMessage().split(" ")[0] : "client";
                metrics.meter(MetricRegistry.name(name, "errors", kind)).mark();
            }
        });
    }
}
