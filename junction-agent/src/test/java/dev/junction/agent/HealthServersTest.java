package dev.junction.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.model.ServiceKey;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The HTTP endpoints on loopback: /healthz, /livez, /metrics, and a healthCheckNodePort server. */
@Tag("unit")
class HealthServersTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void healthzFollowsTheFirstSyncAndMetricsCountTheAnswers() throws Exception {
        ProxyHealth health = new ProxyHealth(Clock.systemUTC(), Duration.ofSeconds(60));
        ProxyMetrics metrics = new ProxyMetrics();
        try (HealthServer server = new HealthServer(new InetSocketAddress("127.0.0.1", 0), health, metrics, true)) {
            String base = "http://127.0.0.1:" + server.port();
            assertThat(get(base + "/healthz").statusCode()).isEqualTo(503);
            health.updated();
            HttpResponse<String> ok = get(base + "/healthz");
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).contains("\"healthy\": true");
            health.nodeDraining(true);
            assertThat(get(base + "/healthz").statusCode()).isEqualTo(503);
            assertThat(get(base + "/livez").statusCode()).isEqualTo(200);
            String scrape = get(base + "/metrics").body();
            assertThat(scrape).contains("kubeproxy_proxy_healthz_total{code=\"200\"} 1.0")
                    .contains("kubeproxy_proxy_healthz_total{code=\"503\"} 2.0")
                    .contains("kubeproxy_sync_proxy_rules_service_changes_pending 0.0");
        }
    }

    @Test
    void aHealthCheckNodePortAnswers200OnlyWithLocalEndpointsAndAHealthyProxy() throws Exception {
        ProxyHealth health = new ProxyHealth(Clock.systemUTC(), Duration.ofSeconds(60));
        health.updated();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (ServiceHealthServers servers = new ServiceHealthServers(health, "127.0.0.1")) {
            ServiceKey svc = new ServiceKey("demo", "lb");
            servers.sync(Map.of(port, new ServiceHealthServers.Entry(svc, 2)));
            HttpResponse<String> r = get("http://127.0.0.1:" + port + "/healthz");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("X-Load-Balancing-Endpoint-Weight")).hasValue("2");
            assertThat(r.body()).contains("\"localEndpoints\":2", "\"name\":\"lb\"", "\"serviceProxyHealthy\":true");
            servers.sync(Map.of(port, new ServiceHealthServers.Entry(svc, 0)));
            assertThat(get("http://127.0.0.1:" + port + "/").statusCode()).isEqualTo(503);
            servers.sync(Map.of());
            assertThat(reachable(port)).isFalse();
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static boolean reachable(int port) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
