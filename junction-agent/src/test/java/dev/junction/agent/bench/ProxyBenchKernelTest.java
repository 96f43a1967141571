package dev.junction.agent.bench;

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
 * The whole benchmark, tiny (20 services x 3 endpoints, 10 changes), in real namespaces (root only): the report
 * has every field with sane values, and no namespace is left behind. Nothing is asserted about time.
 */
@Tag("kernel")
class ProxyBenchKernelTest {

    @Test
    void runsTheWholeBenchAndWritesEveryField(@TempDir Path dir) throws Exception {
        assumeTrue(ProcessHandle.current().info().user().map("root"::equals).orElse(false), "needs root");
        assumeTrue(LibNft.available(), "needs libnftables");
        Path json = dir.resolve("proxy.json");
        List<String> before = dev.junction.agent.bench.BenchNamespaces.ofThisProcess();

        int rc = Main.run("bench", "proxy", "--services", "20", "--endpoints-per-service", "3", "--changes", "10",
                "--json", json.toString(), "--keep-text", dir.resolve("text").toString());

        assertThat(rc).isZero();
        assertThat(dev.junction.agent.bench.BenchNamespaces.ofThisProcess()).isEqualTo(before);
        JsonNode r = new ObjectMapper().readTree(json.toFile());
        assertThat(r.path("services").asInt()).isEqualTo(20);
        assertThat(r.path("endpoints_per_service").asInt()).isEqualTo(3);
        assertThat(r.path("backend").asText()).isEqualTo("lib");
        for (String f : List.of("cold_sync_ms", "floor_ms", "kube_proxy_floor_ms", "incremental_p50_ms",
                "incremental_p99_ms", "incremental_max_ms", "rss_mib", "heap_used_mib", "cold_sync_cpu_ms", "floor_cpu_ms",
                "kube_proxy_floor_cpu_ms", "cold_vs_floor", "cold_vs_kube_proxy_floor")) {
            assertThat(r.path(f).isNumber()).as(f).isTrue();
            // CPU time is counted in scheduler ticks (10 ms): a 20-service sync may take less than one.
            if (f.endsWith("_cpu_ms")) assertThat(r.path(f).asDouble()).as(f).isNotNegative();
            else assertThat(r.path(f).asDouble()).as(f).isPositive();
        }
        assertThat(r.path("incremental_p50_ms").asDouble()).isLessThanOrEqualTo(r.path("incremental_p99_ms").asDouble());
        assertThat(r.path("incremental_p99_ms").asDouble()).isLessThanOrEqualTo(r.path("incremental_max_ms").asDouble());
        assertThat(r.path("kube_proxy_floor_timed_out").asBoolean(true)).isFalse();
        assertThat(r.path("kernel_matches_model").asBoolean()).isTrue();
        // Junction's cold table: 16 static chains plus one select chain for 3 endpoints; elements per service: a
        // cluster-ips and a service-ips element, 3 backends, and a hairpin entry per endpoint on the bench's node;
        // plus the node's nodeport IP.
        assertThat(r.path("chains").asInt()).isEqualTo(17);
        assertThat(r.path("elements").asInt()).isBetween(20 * 5 + 2, 20 * 8);
        // The 10th change is a replace: the remove/add-back pairs before it left the table as large as it was.
        assertThat(r.path("chains_after_changes").asInt()).isEqualTo(17);
        assertThat(r.path("elements_after_changes").asInt()).isEqualTo(r.path("elements").asInt());
        assertThat(r.path("operations_cold").asInt()).isGreaterThan(20 * 8);
        assertThat(r.path("kube_proxy").path("chains").asInt()).isEqualTo(16 + 20 * 4);
        assertThat(r.path("kube_proxy").path("rules").asInt()).isEqualTo(23 + 20 * 8);
        assertThat(r.path("incremental").path("count").asInt()).isEqualTo(10);
        assertThat(r.path("incremental").path("all_partial").asBoolean()).isTrue();
        assertThat(r.path("incremental").path("samples_ms").size()).isEqualTo(10);
        assertThat(r.path("incremental").path("cpu_p50_ms").asDouble()).isPositive();
        assertThat(r.path("cold").path("apply_ms").asDouble()).isPositive()
                .isLessThanOrEqualTo(r.path("cold_sync_ms").asDouble());
        assertThat(r.path("memory").path("rss_after_cold_sync_mib").asDouble()).isPositive();
        assertThat(r.path("targets").has("cold_le_1_3x_floor")).isTrue();
        assertThat(r.path("host").path("nproc").asInt()).isPositive();
        assertThat(r.path("host").path("kernel").asText()).isNotBlank();
        assertThat(r.path("rss_mib").asDouble()).isGreaterThan(r.path("heap_used_mib").asDouble() / 4);
        assertThat(Files.readString(dir.resolve("text/kube-proxy.nft"))).startsWith("add table ip kube-proxy\n");
        assertThat(Files.readString(dir.resolve("text/junction-cold.nft"))).startsWith("add table ip junction\n");
    }

    @Test
    void refusesBadSizesWithoutCreatingAnything(@TempDir Path dir) throws IOException {
        assumeTrue(ProcessHandle.current().info().user().map("root"::equals).orElse(false), "needs root");
        List<String> before = dev.junction.agent.bench.BenchNamespaces.ofThisProcess();
        assertThat(Main.run("bench", "proxy", "--services", "0", "--endpoints-per-service", "3",
                "--json", dir.resolve("x.json").toString())).isEqualTo(2);
        assertThat(Files.exists(dir.resolve("x.json"))).isFalse();
        assertThat(dev.junction.agent.bench.BenchNamespaces.ofThisProcess()).isEqualTo(before);
    }

}
