package dev.junction.agent.router;

import dev.junction.bgp.fsm.State;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.util.Map;

/** The router's figures on the agent's {@code /metrics}: sessions by state, routes by kind, prefixes, failures. */
public final class RouterMetrics {
    final Gauge peers;
    final Gauge routes;
    final Gauge locRibPrefixes;
    final Counter syncFailures;

    public RouterMetrics(PrometheusRegistry registry) {
        peers = Gauge.builder().name("junction_bgp_peers").help("BGP peers by session state").labelNames("state").register(registry);
        routes = Gauge.builder().name("junction_router_routes").help("Pod routes the router wants in the kernel, by kind (direct, tunnel)")
                .labelNames("kind").register(registry);
        locRibPrefixes = Gauge.builder().name("junction_bgp_locrib_prefixes").help("Prefixes with a best path in the Loc-RIB").register(registry);
        syncFailures = Counter.builder().name("junction_router_sync_failures_total").help("Router syncs that failed and were retried")
                .register(registry);
    }

    void peers(Map<String, State> states) {
        for (State s : State.values()) {
            long n = states.values().stream().filter(x -> x == s).count();
            peers.labelValues(s.name().toLowerCase(java.util.Locale.ROOT)).set(n);
        }
    }

    void routes(int direct, int tunnel, int prefixes) {
        routes.labelValues("direct").set(direct);
        routes.labelValues("tunnel").set(tunnel);
        locRibPrefixes.set(prefixes);
    }
}
