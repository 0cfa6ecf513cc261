package dev.llmgateway.core.metrics;

import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricRegistry;
import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import io.prometheus.metrics.instrumentation.dropwizard.DropwizardExports;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.servlet.Servlet;

/**
 * Every process's Dropwizard metrics (plus JVM metrics) in Prometheus's text format, for
 * {@code GET /metrics} on the admin port.
 */
public final class PrometheusMetrics {
    private PrometheusMetrics() {
    }

    /**
     * Jersey's {@code @Timed} adds {@code <name>.total} and filtering timers beside {@code <name>};
     * Prometheus reads {@code x_total} as the counter {@code x}, a clash, and the totals duplicate
     * {@code <name>} anyway.
     */
    static boolean exported(String name, Metric metric) {
        return !(name.endsWith(".total") || name.endsWith(".request.filtering") || name.endsWith(".response.filtering"));
    }

    public static Servlet servlet(MetricRegistry metrics) {
        PrometheusRegistry registry = new PrometheusRegistry();
        DropwizardExports.builder().dropwizardRegistry(metrics).metricFilter(PrometheusMetrics::exported).register(registry);
        JvmMetrics.builder().register(registry);
        return new PrometheusMetricsServlet(registry);
    }
}
