package dev.junction.agent.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.agent.Main;
import dev.junction.nft.LibNft;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench policy}, tiny (10 policies over 50 pods, 20 churn events, 100 connections per case), in real
 * namespaces (root only): the report has every field with sane values, the firewall was in the packet path, and no
 * namespace is left behind. Nothing is asserted about time.
 */
@Tag("kernel")
class PolicyBenchKernelTest {

    @Test
    void runsTheWholeBenchAndWritesEveryField(@TempDir Path dir) throws Exception {
        assumeTrue(ProcessHandle.current().info().user().map("root"::equals).orElse(false), "needs root");
        assumeTrue(LibNft.available(), "needs libnftables");
        Path json = dir.resolve("policy.json");
        List<String> before = dev.junction.agent.bench.BenchNamespaces.ofThisProcess();

        int rc = Main.run("bench", "policy", "--policies", "10", "--pods", "50", "--churn", "20", "--churn-warmup", "5",
                "--samples", "100", "--json", json.toString());

        assertThat(rc).isZero();
        assertThat(dev.junction.agent.bench.BenchNamespaces.ofThisProcess()).isEqualTo(before);
        JsonNode r = new ObjectMapper().readTree(json.toFile());
        assertThat(r.path("benchmark").asText()).isEqualTo("policy");
        assertThat(r.path("policies").asInt()).isEqualTo(10);
        assertThat(r.path("pods").asInt()).isEqualTo(50);
        assertThat(r.path("namespaces").asInt()).isEqualTo(3);
        assertThat(r.path("local_pods").asInt()).isBetween(3, 6);
        for (String f : List.of("cold_sync_ms", "cold_sync_repeat_ms", "pod_churn_p50_ms", "pod_churn_p99_ms",
                "first_packet_p50_us", "first_packet_p99_us", "first_packet_p50_us_0_policies",
                "first_packet_p99_us_0_policies", "first_packet_p99_ratio", "pod_churn_cpu_p50_ms", "pod_churn_cpu_p99_ms",
                "cold_sync_cpu_ms")) {
            assertThat(r.path(f).isNumber()).as(f).isTrue();
            assertThat(r.path(f).asDouble()).as(f).isPositive();
        }
        assertThat(r.path("pod_churn_p50_ms").asDouble()).isLessThanOrEqualTo(r.path("pod_churn_p99_ms").asDouble());
        assertThat(r.path("first_packet_p50_us").asDouble()).isLessThanOrEqualTo(r.path("first_packet_p99_us").asDouble());
        JsonNode cold = r.path("cold");
        assertThat(cold.path("compile_ms").asDouble()).isPositive().isLessThanOrEqualTo(r.path("cold_sync_ms").asDouble());
        assertThat(cold.path("nft_kernel_ms").asDouble()).isPositive().isLessThanOrEqualTo(cold.path("table_sync_ms").asDouble());
        assertThat(cold.path("chains").asInt()).isGreaterThan(2); // forward, input and the policed local pods' chains
        assertThat(cold.path("elements").asInt()).isPositive();
        assertThat(cold.path("operations").asInt()).isPositive();
        JsonNode churn = r.path("churn");
        assertThat(churn.path("count").asInt()).isEqualTo(20);
        assertThat(churn.path("all_partial").asBoolean()).isTrue();
        assertThat(churn.path("samples_ms").size()).isEqualTo(20);
        assertThat(churn.path("by_kind").path("add_local").path("count").asInt()).isEqualTo(5);
        assertThat(churn.path("compile").path("p99_ms").asDouble()).isLessThanOrEqualTo(churn.path("total").path("max_ms").asDouble());
        assertThat(r.path("churn_warmup").path("count").asInt()).isEqualTo(5);
        assertThat(r.path("kernel_matches_model").asBoolean()).isTrue();
        assertThat(r.path("state_matches_fresh_compile").asBoolean()).isTrue();
        JsonNode fp = r.path("first_packet");
        assertThat(fp.path("bridge_nf_call_iptables").asInt()).isEqualTo(1);
        assertThat(fp.path("firewall_enforced").asBoolean()).isTrue();
        for (String c : List.of("no_firewall", "policies_0", "policies_n")) {
            assertThat(fp.path(c).path("count").asInt()).as(c).isEqualTo(100);
            assertThat(fp.path(c).path("p50_us").asDouble()).as(c).isPositive();
        }
        assertThat(fp.path("server_ingress_rules").asInt()).isGreaterThan(2);
        assertThat(r.path("targets").has("cold_sync_under_2s")).isTrue();
        assertThat(r.path("targets").has("pod_churn_p99_under_10ms")).isTrue();
        assertThat(r.path("targets").has("first_packet_p99_le_1_2x")).isTrue();
        assertThat(r.path("host").path("nproc").asInt()).isPositive();
        assertThat(r.path("load_average_at_start").isNumber()).isTrue();
    }

    @Test
    void refusesBadSizesWithoutCreatingAnything(@TempDir Path dir) throws IOException {
        List<String> before = dev.junction.agent.bench.BenchNamespaces.ofThisProcess();
        assertThat(Main.run("bench", "policy", "--policies", "0", "--pods", "50", "--json",
                dir.resolve("x.json").toString())).isEqualTo(2);
        assertThat(Main.run("bench", "policy", "--policies", "10", "--pods", "5", "--json",
                dir.resolve("x.json").toString())).isEqualTo(2);
        assertThat(Files.exists(dir.resolve("x.json"))).isFalse();
        assertThat(dev.junction.agent.bench.BenchNamespaces.ofThisProcess()).isEqualTo(before);
    }

}
