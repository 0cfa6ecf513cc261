package dev.llmgateway.worker.provider;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

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
        return measured(call, () -> delegate.generate(call));
    }

    @Override
    public CompletableFuture<ProviderResponse> stream(ProviderCall call, Consumer<String> deltas) {
        return measured(call, () -> delegate.stream(call, deltas));
    }

    private CompletableFuture<ProviderResponse> measured(ProviderCall call,
            Supplier<CompletableFuture<ProviderResponse>> send) {
        String name = MetricRegistry.name("provider", call.provider().name());
        Timer.Context timing = metrics.timer(MetricRegistry.name(name, "latency")).time();
        return send.get().whenComplete((response, failure) -> {
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
