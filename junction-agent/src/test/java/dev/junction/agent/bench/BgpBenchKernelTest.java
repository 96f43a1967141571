package dev.junction.agent.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.agent.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench bgp} end to end at 1,000 prefixes, in real namespaces (root and bird2 only): both receivers report
 * all the prefixes, the report has its figures, and no namespace is left behind. Nothing is asserted about time.
 */
@Tag("kernel")
class BgpBenchKernelTest {

    @Test
    void bothReceiversGetEveryPrefixAndTheReportHasItsFigures(@TempDir Path dir) throws Exception {
        assumeTrue(ProcessHandle.current().info().user().map("root"::equals).orElse(false), "needs root");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/bird")), "needs bird2");
        Path json = dir.resolve("bgp.json");
        List<String> before = BenchNamespaces.ofThisProcess();

        int rc = Main.run("bench", "bgp", "--prefixes", "1000", "--json", json.toString());

        assertThat(rc).isZero();
        assertThat(BenchNamespaces.ofThisProcess()).isEqualTo(before);
        JsonNode r = new ObjectMapper().readTree(json.toFile());
        assertThat(r.path("prefixes").asInt()).isEqualTo(1000);
        assertThat(r.path("junction_received").asInt()).isEqualTo(1000);
        assertThat(r.path("bird_received").asInt()).isEqualTo(1000);
        for (String f : List.of("junction_ms", "bird_ms", "junction_rss_mib", "bird_rss_mib", "junction_vs_bird", "rss_ratio")) {
            assertThat(r.path(f).isNumber()).as(f).isTrue();
            assertThat(r.path(f).asDouble()).as(f).isPositive();
        }
        assertThat(r.path("junction_jvm_options").asText()).contains("-Xmx");
    }
}
