package dev.junction.agent.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.junction.agent.policy.ExplainFixture.Run;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceListBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeListBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyListBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code policy explain --kubeconfig}: the same answer from an API server (a fake one on the loopback, serving the
 * fixture's objects as lists) as from the manifest folder, each kind listed exactly once.
 */
@Tag("unit")
class PolicyExplainApiTest {

    @Test
    void listsEveryKindOnceAndAnswersAsFromTheFolder(@TempDir Path dir) throws Exception {
        KubernetesSerialization json = new KubernetesSerialization();
        List<HasMetadata> objects = new ArrayList<>();
        for (Object o : (List<?>) json.unmarshal(new ByteArrayInputStream(ExplainFixture.CLUSTER.getBytes(StandardCharsets.UTF_8)))) {
            objects.add((HasMetadata) o);
        }
        Map<String, String> lists = Map.of(
                "/api/v1/namespaces", json.asJson(new NamespaceListBuilder().withItems(of(objects, Namespace.class)).build()),
                "/api/v1/pods", json.asJson(new PodListBuilder().withItems(of(objects, Pod.class)).build()),
                "/apis/networking.k8s.io/v1/networkpolicies",
                json.asJson(new NetworkPolicyListBuilder().withItems(of(objects, NetworkPolicy.class)).build()),
                "/api/v1/nodes", json.asJson(new NodeListBuilder().withItems(of(objects, Node.class)).build()));
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        HttpServer server = serve(lists, 200, calls);
        try {
            Path kubeconfig = kubeconfig(dir, server);
            Run api = ExplainFixture.run("policy", "explain", "--kubeconfig", kubeconfig.toString(),
                    "--from", "prod/client", "--to", "prod/web", "--port", "http/tcp");
            Run folder = ExplainFixture.run("policy", "explain", "--manifests", ExplainFixture.write(dir).toString(),
                    "--from", "prod/client", "--to", "prod/web", "--port", "http/tcp");
            assertThat(api.rc()).as(api.err()).isZero();
            assertThat(api.out()).isEqualTo(folder.out()).startsWith("ALLOW prod/client (10.244.0.3) -> prod/web");
            assertThat(calls.keySet()).containsExactlyInAnyOrder("GET /api/v1/namespaces", "GET /api/v1/pods",
                    "GET /apis/networking.k8s.io/v1/networkpolicies", "GET /api/v1/nodes");
            assertThat(calls.values()).allMatch(c -> c.get() == 1);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aRefusingApiServerExitsWithThree(@TempDir Path dir) throws Exception {
        HttpServer server = serve(Map.of(), 403, new ConcurrentHashMap<>());
        try {
            Run r = ExplainFixture.run("policy", "explain", "--kubeconfig", kubeconfig(dir, server).toString(),
                    "--from", "a/b", "--to", "c/d", "--port", "80");
            assertThat(r.rc()).isEqualTo(3);
            assertThat(r.err()).contains("cannot read the cluster's objects").contains("403");
            assertThat(r.out()).isEmpty();
        } finally {
            server.stop(0);
        }
    }

    /** Answers the paths in {@code lists} with 200 and their body, anything else with {@code otherwise}. */
    private static HttpServer serve(Map<String, String> lists, int otherwise, Map<String, AtomicInteger> calls)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            calls.computeIfAbsent(ex.getRequestMethod() + " " + path, k -> new AtomicInteger()).incrementAndGet();
            String body = lists.get(path);
            int code = body == null ? otherwise : 200;
            byte[] bytes = (body == null ? "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":"
                    + code + "}" : body).getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(code, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
        server.start();
        return server;
    }

    private static Path kubeconfig(Path dir, HttpServer server) throws IOException {
        Path kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "http://127.0.0.1:%d"}}]
                users: [{name: u, user: {}}]
                contexts: [{name: x, context: {cluster: c, user: u}}]
                current-context: x
                """.formatted(server.getAddress().getPort()));
        return kubeconfig;
    }

    private static <T> List<T> of(List<HasMetadata> objects, Class<T> kind) {
        return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}
