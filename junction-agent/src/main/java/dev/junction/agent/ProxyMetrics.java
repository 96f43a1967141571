package dev.junction.agent;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * The agent's metrics. Where a metric means what a kube-proxy metric means, it has kube-proxy's name (and
 * buckets), so existing dashboards and clusterloader2 queries work unchanged; Junction's own are prefixed
 * {@code junction_}.
 */
public final class ProxyMetrics {
    public final PrometheusRegistry registry = new PrometheusRegistry();

    public final Histogram syncDuration = Histogram.builder()
            .name("kubeproxy_sync_proxy_rules_duration_seconds")
            .help("SyncProxyRules latency in seconds")
            .labelNames("ip_family").classicExponentialUpperBounds(0.001, 2, 15).register(registry);
    public final Histogram fullSyncDuration = Histogram.builder()
            .name("kubeproxy_sync_full_proxy_rules_duration_seconds")
            .help("SyncProxyRules latency in seconds for full resyncs")
            .labelNames("ip_family").classicExponentialUpperBounds(0.001, 2, 15).register(registry);
    public final Histogram partialSyncDuration = Histogram.builder()
            .name("kubeproxy_sync_partial_proxy_rules_duration_seconds")
            .help("SyncProxyRules latency in seconds for partial resyncs")
            .labelNames("ip_family").classicExponentialUpperBounds(0.001, 2, 15).register(registry);
    public final Histogram networkProgrammingDuration = Histogram.builder()
            .name("kubeproxy_network_programming_duration_seconds")
            .help("In Cluster Network Programming Latency in seconds")
            .labelNames("ip_family").classicUpperBounds(programmingBuckets()).register(registry);
    public final Gauge lastSyncTimestamp = Gauge.builder()
            .name("kubeproxy_sync_proxy_rules_last_timestamp_seconds")
            .help("The last time proxy rules were successfully synced")
            .labelNames("ip_family").register(registry);
    public final Gauge lastQueuedTimestamp = Gauge.builder()
            .name("kubeproxy_sync_proxy_rules_last_queued_timestamp_seconds")
            .help("The last time a sync of proxy rules was queued")
            .labelNames("ip_family").register(registry);
    public final Gauge serviceChangesPending = Gauge.builder()
            .name("kubeproxy_sync_proxy_rules_service_changes_pending")
            .help("Pending proxy rules Service changes").register(registry);
    public final Counter serviceChanges = Counter.builder()
            .name("kubeproxy_sync_proxy_rules_service_changes_total")
            .help("Cumulative proxy rules Service changes").register(registry);
    public final Counter nftSyncFailures = Counter.builder()
            .name("kubeproxy_sync_proxy_rules_nftables_sync_failures_total")
            .help("Number of nftables sync failures")
            .labelNames("ip_family").register(registry);
    public final Counter healthzTotal = Counter.builder()
            .name("kubeproxy_proxy_healthz_total")
            .help("Cumulative proxy healthz HTTP status").labelNames("code").register(registry);
    public final Counter livezTotal = Counter.builder()
            .name("kubeproxy_proxy_livez_total")
            .help("Cumulative proxy livez HTTP status").labelNames("code").register(registry);
    public final Counter conntrackDeleted = Counter.builder()
            .name("kubeproxy_conntrack_reconciler_deleted_entries_total")
            .help("Cumulative conntrack flows deleted by conntrack reconciler").labelNames("ip_family").register(registry);
    public final Counter invalidObjects = Counter.builder()
            .name("junction_invalid_objects_total")
            .help("Objects skipped as invalid, by kind").labelNames("kind").register(registry);
    public final Counter objectWarnings = Counter.builder()
            .name("junction_object_warnings_total")
            .help("Objects programmed with a part dropped as invalid (e.g. an externalIP outside the allowed range)")
            .labelNames("kind").register(registry);
    public final Gauge nftChains = Gauge.builder()
            .name("junction_nftables_chains")
            .help("Chains in Junction's table").labelNames("ip_family").register(registry);
    public final Gauge nftElements = Gauge.builder()
            .name("junction_nftables_elements")
            .help("Set and map elements Junction programmed").labelNames("ip_family").register(registry);
    public final Gauge nftConflicts = Gauge.builder()
            .name("junction_nftables_element_conflicts")
            .help("Frontends claimed by more than one service (the first keeps it)").labelNames("ip_family").register(registry);

    /** kube-proxy's buckets: 0.25, 0.5, 1..59 s, 60..115 by 5, 120..300 by 30. */
    private static double[] programmingBuckets() {
        java.util.List<Double> b = new java.util.ArrayList<>(java.util.List.of(0.25, 0.5));
        for (int i = 1; i < 60; i++) {
            b.add((double) i);
        }
        for (int i = 60; i < 120; i += 5) {
            b.add((double) i);
        }
        for (int i = 120; i <= 300; i += 30) {
            b.add((double) i);
        }
        return b.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The Prometheus text exposition of every metric. */
    public byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16384);
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape(), EscapingScheme.ALLOW_UTF8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }
}
