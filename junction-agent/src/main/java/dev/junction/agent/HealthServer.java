package dev.junction.agent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The HTTP endpoints of the agent: {@code /healthz} and {@code /livez} with kube-proxy's semantics and
 * bodies, and {@code /metrics}. One server per bind address (the health address, 0.0.0.0:10256 by default,
 * and the metrics address, 127.0.0.1:10249).
 */
public final class HealthServer implements AutoCloseable {
    private final HttpServer server;

    public HealthServer(InetSocketAddress bind, ProxyHealth health, ProxyMetrics metrics, boolean withHealth) throws IOException {
        server = HttpServer.create(bind, 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        if (withHealth) {
            server.createContext("/healthz", ex -> {
                boolean ok = health.healthy();
                metrics.healthzTotal.labelValues(ok ? "200" : "503").inc();
                reply(ex, ok ? 200 : 503, "application/json", health.json(ok));
            });
            server.createContext("/livez", ex -> {
                boolean ok = health.live();
                metrics.livezTotal.labelValues(ok ? "200" : "503").inc();
                reply(ex, ok ? 200 : 503, "application/json", health.json(ok));
            });
        }
        server.createContext("/metrics", ex -> reply(ex, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape()));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    static void reply(HttpExchange ex, int code, String type, String body) throws IOException {
        reply(ex, code, type, body.getBytes(StandardCharsets.UTF_8));
    }

    static void reply(HttpExchange ex, int code, String type, byte[] body) throws IOException {
        try (ex) {
            ex.getResponseHeaders().set("Content-Type", type);
            ex.sendResponseHeaders(code, body.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
