// IP plan: pods 10.244.0.0/16, ClusterIPs 10.96.0.0/12, node 192.168.0.2 (node-a, zone-a),
// external clients and LB IPs 203.0.113.0/24; IPv6 pods fd00:10:244::/56, ClusterIPs fd00:10:96::/108,
// node fd00:192:168::2. The services are Scenario.golden().
package dev.junction.proxy;

import dev.junction.nft.GoldenFile;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.nft.FakeNft;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The whole table of the golden scenario, both families, as FakeNft dumps it (canonical, sorted, valid
 * {@code nft -f} input). A change here is a change of the data plane: review the diff like code.
 * Update with {@code mvn ... -Dgolden.update=true}.
 */
@Tag("unit")
class ProxyGoldenTest {

    @Test
    void goldenScenarioCompilesToTheReviewedTables() throws Exception {
        GoldenFile.assertMatches("scenario.nft", dump(new FakeNft()));
    }

    @Test
    void compilingTwiceGivesTheSameTable() throws Exception {
        String a = dump(new FakeNft());
        assertThat(dump(new FakeNft())).isEqualTo(a).contains("add table ip junction", "add table ip6 junction");
    }

    @Test
    void diffShowsChangedLinesWithContext() {
        String d = GoldenFile.diff(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i"),
                List.of("a", "b", "c", "d", "X", "f", "g", "h", "i"));
        assertThat(d).contains("-e\n+X\n", " d\n", " f\n").doesNotContain(" a\n", " i\n");
    }

    private static String dump(FakeNft nft) throws Exception {
        new Harness(nft, Scenario.golden()).full();
        return Harness.dump(nft);
    }
}
