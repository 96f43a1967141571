package dev.junction.agent.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.agent.Main;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench routing} end to end at a tiny size, in real namespaces (root only): the real agent installs every
 * other node's pod route, joiners included, every simulated session is up, the report has its figures, and no
 * namespace is left behind. Nothing is asserted about time.
 */
@Tag("kernel")
class RoutingBenchKernelTest {

    private static JsonNode bench(Path dir, String... args) throws Exception {
        assumeTrue(ProcessHandle.current().info().user().map("root"::equals).orElse(false), "needs root");
        Path json = dir.resolve("routing.json");
        List<String> before = BenchNamespaces.ofThisProcess();
        List<String> argv = new java.util.ArrayList<>(List.of("bench", "routing", "--json", json.toString(), "--join-gap-ms", "600",
                "--timeout", "60"));
        argv.addAll(List.of(args));

        int rc = Main.run(argv.toArray(String[]::new));

        assertThat(rc).isZero();
        assertThat(BenchNamespaces.ofThisProcess()).isEqualTo(before);
        return new ObjectMapper().readTree(json.toFile());
    }

    private static void assertSane(JsonNode r, int nodes, int joins) {
        JsonNode c = r.path("counts");
        assertThat(c.path("agent_kernel_routes_expected").asInt()).isEqualTo(nodes + joins - 1);
        assertThat(c.path("agent_kernel_routes").asInt()).isEqualTo(nodes + joins - 1);
        assertThat(c.path("agent_kernel_routes_seen_by_monitor").asInt()).isEqualTo(nodes + joins - 1);
        assertThat(c.path("simulated_speakers").asInt()).isEqualTo(nodes + joins - 1);
        assertThat(c.path("simulated_sessions_established").asInt()).isEqualTo(c.path("simulated_sessions_configured").asInt());
        // Every simulated node holds every node's pod CIDR, its own and the agent's included.
        assertThat(c.path("simulated_locrib_min").asInt()).isEqualTo(nodes + joins);
        assertThat(c.path("simulated_locrib_max").asInt()).isEqualTo(nodes + joins);
        assertThat(r.path("join").path("each").size()).isEqualTo(joins);
        for (String f : List.of("initial_convergence_ms", "join_to_installed_p50_ms", "join_to_installed_p99_ms", "agent_rss_mib",
                "simulated_nodes_rss_mib")) {
            assertThat(r.path(f).isNumber()).as(f).isTrue();
            assertThat(r.path(f).asDouble()).as(f).isPositive();
        }
    }

    @Test
    @Timeout(180)
    void throughRouteReflectorsTheAgentInstallsEveryPodRoute(@TempDir Path dir) throws Exception {
        JsonNode r = bench(dir, "--nodes", "10", "--joins", "2");
        assertSane(r, 10, 2);
        assertThat(r.path("counts").path("agent_sessions").asInt()).isEqualTo(2);
        // 7 clients and the agent with 2 reflectors each, the reflectors with each other: both ends of 17 sessions but
        // the agent's 2 (its own end is in the agent), plus the 2 joiners' 2 each.
        assertThat(r.path("counts").path("simulated_sessions_configured").asInt()).isEqualTo(2 * 7 * 2 + 2 + 2 + 2 * 2 * 2);
    }

    @Test
    @Timeout(180)
    void inAFullMeshTheAgentInstallsEveryPodRoute(@TempDir Path dir) throws Exception {
        JsonNode r = bench(dir, "--nodes", "5", "--joins", "1", "--topology", "mesh");
        assertSane(r, 5, 1);
    }
}
