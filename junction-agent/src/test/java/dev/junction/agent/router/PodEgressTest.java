package dev.junction.agent.router;

import dev.junction.model.Cidr;
import dev.junction.model.Ip;
import dev.junction.nft.Family;
import dev.junction.nft.FakeNft;
import dev.junction.nft.TableRef;
import dev.junction.nft.desired.TableSync;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The egress masquerade table on the strict fake: its rule, and only set elements changing as nodes come and go. */
@Tag("unit")
class PodEgressTest {
    private static final TableRef TABLE = new TableRef(Family.IP, PodEgress.TABLE);

    @Test
    void masqueradesOnlyTrafficLeavingTheClusterAndFollowsTheNodes() throws Exception {
        FakeNft nft = new FakeNft();
        PodEgress egress = new PodEgress(new TableSync(nft, TABLE));
        egress.apply(List.of(Cidr.of("10.244.1.0/24"), Cidr.of("10.244.2.0/24"), Cidr.of("fd00:10::/64")),
                List.of(Ip.parse("192.168.10.1").orElseThrow(), Ip.parse("192.168.10.2").orElseThrow()));
        assertThat(nft.rules(TABLE, "postrouting")).singleElement().asString()
                .contains("ip saddr @pod-subnets ip daddr != @pod-subnets ip daddr != @node-ips", "masquerade");
        assertThat(nft.elements(TABLE, "pod-subnets").keySet()).as("IPv4 only in the ip table").containsExactly("10.244.1.0/24", "10.244.2.0/24");
        assertThat(nft.elements(TABLE, "node-ips").keySet()).containsExactly("192.168.10.1", "192.168.10.2");

        int before = nft.transactions();
        egress.apply(List.of(Cidr.of("10.244.1.0/24"), Cidr.of("10.244.2.0/24")),
                List.of(Ip.parse("192.168.10.1").orElseThrow(), Ip.parse("192.168.10.2").orElseThrow()));
        assertThat(nft.transactions()).as("nothing changed, nothing sent").isEqualTo(before);

        egress.apply(List.of(Cidr.of("10.244.1.0/24"), Cidr.of("10.244.3.0/24")),
                List.of(Ip.parse("192.168.10.1").orElseThrow(), Ip.parse("192.168.20.3").orElseThrow()));
        assertThat(nft.elements(TABLE, "pod-subnets").keySet()).containsExactly("10.244.1.0/24", "10.244.3.0/24");
        assertThat(nft.elements(TABLE, "node-ips").keySet()).containsExactly("192.168.10.1", "192.168.20.3");
        assertThat(nft.lastTransaction().toString()).as("a node change touches only set elements")
                .contains("10.244.3.0/24", "192.168.20.3").doesNotContain("postrouting").doesNotContain("masquerade");
    }
}
