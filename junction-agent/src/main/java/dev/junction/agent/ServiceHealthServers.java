package dev.junction.agent;

import com.sun.net.httpserver.HttpServer;
import dev.junction.model.ServiceKey;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The healthCheckNodePort servers of services with externalTrafficPolicy Local: load balancers ask each node
 * whether it has endpoints of the service. As kube-proxy: 200 only if the node has local ready endpoints and
 * the proxy is healthy, 503 otherwise; JSON body and the X-Load-Balancing-Endpoint-Weight header.
 */
public final class ServiceHealthServers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceHealthServers.class);

    /** What one health check port reports. */
    public record Entry(ServiceKey service, int localEndpoints) {}

    private final ProxyHealth proxyHealth;
    private final String bindAddress;
    private final Map<Integer, HttpServer> servers = new HashMap<>();
    private final Map<Integer, Entry> entries = new ConcurrentHashMap<>();

    public ServiceHealthServers(ProxyHealth proxyHealth, String bindAddress) {
        this.proxyHealth = proxyHealth;
        this.bindAddress = bindAddress;
    }

    /** Makes the set of servers match {@code wanted} (port to entry): opens new ports, closes old ones. */
    public synchronized void sync(Map<Integer, Entry> wanted) {
        entries.keySet().retainAll(wanted.keySet());
        entries.putAll(wanted);
        servers.entrySet().removeIf(e -> {
            if (!wanted.containsKey(e.getKey())) {
                e.getValue().stop(0);
                return true;
            }
            return false;
        });
        for (int port : wanted.keySet()) {
            if (!servers.containsKey(port)) {
                try {
                    servers.put(port, open(port));
                } catch (IOException e) {
                    LOG.warn("cannot serve healthCheckNodePort {} of {}: {}", port, wanted.get(port).service(), e.toString());
                }
            }
        }
    }

    private HttpServer open(int port) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(bindAddress, port), 16);
        s.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        s.createContext("/", ex -> {
            Entry e = entries.get(port);
            int local = e == null ? 0 : e.localEndpoints();
            boolean ok = local > 0 && proxyHealth.healthy();
            String body = "{\"service\":{\"namespace\":\"" + (e == null ? "" : e.service().namespace())
                    + "\",\"name\":\"" + (e == null ? "" : e.service().name()) + "\"},\"localEndpoints\":" + local
                    + ",\"serviceProxyHealthy\":" + proxyHealth.healthy() + "}";
            ex.getResponseHeaders().set("X-Load-Balancing-Endpoint-Weight", Integer.toString(local));
            HealthServer.reply(ex, ok ? 200 : 503, "application/json", body);
        });
        s.start();
        return s;
    }

    @Override
    public synchronized void close() {
        servers.values().forEach(s -> s.stop(0));
        servers.clear();
    }
}
