package dev.junction.agent.bgp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.junction.bgp.rib.Explanation;
import dev.junction.bgp.speaker.Speaker;
import dev.junction.bgp.wire.AfiSafi;
import dev.junction.bgp.wire.Prefix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The speaker's read-only admin endpoint: {@code GET /v1/neighbors}, {@code /v1/rib?family=ipv4|ipv6&prefix=P}
 * and {@code /v1/explain?prefix=P}, answering JSON. It binds to a loopback address only: kube-router's GoBGP API
 * listened on the node address until an advisory moved it, since anyone on the network could read (and with
 * GoBGP's API, change) the routing table. There is no write operation here at all.
 */
public final class BgpAdminServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BgpAdminServer.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Speaker speaker;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    public BgpAdminServer(Speaker speaker, InetSocketAddress bind) throws IOException {
        if (!bind.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("the BGP admin endpoint binds to loopback only, not " + bind.getAddress().getHostAddress());
        }
        this.speaker = speaker;
        this.server = HttpServer.create(bind, 16);
        server.setExecutor(executor);
        server.createContext("/v1/neighbors", ex -> answer(ex, () -> AdminViews.neighbors(speaker.neighbors().get(5, TimeUnit.SECONDS), Instant.now())));
        server.createContext("/v1/rib", ex -> answer(ex, () -> rib(query(ex))));
        server.createContext("/v1/explain", ex -> answer(ex, () -> explain(query(ex))));
        server.createContext("/", ex -> send(ex, 404, Map.of("error", "unknown path; try /v1/neighbors, /v1/rib, /v1/explain?prefix=P")));
    }

    public void start() {
        server.start();
        LOG.info("BGP admin endpoint on http://{}", hostPort(address()));
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    static String hostPort(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    private Object rib(Map<String, String> q) throws Exception {
        if (q.containsKey("prefix")) {
            Prefix p = prefix(q.get("prefix"));
            Explanation e = speaker.explain(p).get(5, TimeUnit.SECONDS);
            return e.candidates().isEmpty() ? List.of() : List.of(AdminViews.prefix(e));
        }
        AfiSafi family = switch (q.getOrDefault("family", "")) {
            case "" -> null;
            case "ipv4" -> AfiSafi.IPV4_UNICAST;
            case "ipv6" -> AfiSafi.IPV6_UNICAST;
            default -> throw new BadRequest("family is ipv4 or ipv6, not " + q.get("family"));
        };
        return speaker.table(family).get(30, TimeUnit.SECONDS).stream().map(AdminViews::prefix).toList();
    }

    private Object explain(Map<String, String> q) throws Exception {
        if (!q.containsKey("prefix")) throw new BadRequest("explain needs ?prefix=P");
        Explanation e = speaker.explain(prefix(q.get("prefix"))).get(5, TimeUnit.SECONDS);
        Map<String, Object> m = new java.util.LinkedHashMap<>(AdminViews.prefix(e));
        m.put("steps", java.util.Arrays.stream(dev.junction.bgp.rib.Step.values()).map(Enum::toString).toList());
        return m;
    }

    private static Prefix prefix(String text) {
        try {
            return Prefix.parse(text);
        } catch (RuntimeException e) {
            throw new BadRequest("not a prefix: " + text);
        }
    }

    private static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }

    private interface Body {
        Object get() throws Exception;
    }

    private static void answer(HttpExchange ex, Body body) throws IOException {
        if (!ex.getRequestMethod().equals("GET")) {
            send(ex, 405, Map.of("error", "read-only endpoint: GET only"));
            return;
        }
        try {
            send(ex, 200, body.get());
        } catch (BadRequest e) {
            send(ex, 400, Map.of("error", e.getMessage()));
        } catch (Exception e) {
            LOG.warn("admin request {} failed", ex.getRequestURI(), e);
            send(ex, 500, Map.of("error", String.valueOf(e)));
        }
    }

    private static void send(HttpExchange ex, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> query(HttpExchange ex) {
        Map<String, String> q = new HashMap<>();
        String raw = ex.getRequestURI().getRawQuery();
        if (raw == null) return q;
        for (String kv : raw.split("&")) {
            int i = kv.indexOf('=');
            String k = URLDecoder.decode(i < 0 ? kv : kv.substring(0, i), StandardCharsets.UTF_8);
            String v = i < 0 ? "" : URLDecoder.decode(kv.substring(i + 1), StandardCharsets.UTF_8);
            q.put(k, v);
        }
        return q;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
