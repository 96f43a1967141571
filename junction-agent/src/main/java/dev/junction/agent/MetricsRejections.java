package dev.junction.agent;

import dev.junction.kube.LoggingRejections;
import dev.junction.kube.Rejections;

/** Logs every skipped object (with its reason) and counts it in {@code junction_invalid_objects_total}. */
final class MetricsRejections implements Rejections {
    private final LoggingRejections log = new LoggingRejections();
    private final ProxyMetrics metrics;

    MetricsRejections(ProxyMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void rejected(String kind, String namespace, String name, String reason) {
        log.rejected(kind, namespace, name, reason);
        metrics.invalidObjects.labelValues(kind).inc();
    }

    @Override
    public void warned(String kind, String namespace, String name, String warning) {
        log.warned(kind, namespace, name, warning);
        metrics.objectWarnings.labelValues(kind).inc();
    }

    @Override
    public void failed(String kind, String namespace, String name, Throwable error) {
        log.failed(kind, namespace, name, error);
        metrics.invalidObjects.labelValues(kind).inc();
    }
}
