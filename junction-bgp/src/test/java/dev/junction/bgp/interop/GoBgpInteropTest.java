package dev.junction.bgp.interop;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Junction's speaker against GoBGP 3 in two network namespaces (needs root and the Debian package gobgpd).
 *
 * <pre>
 *   ns A (gobgpd, router id 192.168.100.1, AS 64999)        ns B (Junction SpeakerMain, router id 192.168.100.2, AS 64512)
 *   192.168.100.1/24 192.168.101.1/24 2001:db8:100::1/64 ---- 192.168.100.2/24 192.168.101.2/24 2001:db8:100::2/64
 *   neighbor 192.168.100.2, local-as 64512  &lt;-- iBGP --&gt;  peer gobgp-ibgp (ipv4 + ipv6 over the IPv4 session)
 *   neighbor 192.168.101.2                  &lt;-- eBGP --&gt;  peer gobgp-ebgp (ipv4 + ipv6)
 *   GoBGP originates 10.10.1.0/24 and 2001:db8:10::/48; Junction 10.30.1.0/24 and 2001:db8:30::/48
 * </pre>
 */
@Tag("interop")
class GoBgpInteropTest {
    static final String GOBGP_CONF = """
            [global.config]
              as = 64999
              router-id = "192.168.100.1"
              local-address-list = ["192.168.100.1", "192.168.101.1"]
            [[neighbors]]
              [neighbors.config]
                neighbor-address = "192.168.100.2"
                peer-as = 64512
                local-as = 64512
              [neighbors.timers.config]
                connect-retry = 1
                hold-time = 9
                keepalive-interval = 3
              [neighbors.transport.config]
                local-address = "192.168.100.1"
              [[neighbors.afi-safis]]
                [neighbors.afi-safis.config]
                  afi-safi-name = "ipv4-unicast"
              [[neighbors.afi-safis]]
                [neighbors.afi-safis.config]
                  afi-safi-name = "ipv6-unicast"
            [[neighbors]]
              [neighbors.config]
                neighbor-address = "192.168.101.2"
                peer-as = 64512
              [neighbors.timers.config]
                connect-retry = 1
                hold-time = 9
                keepalive-interval = 3
              [neighbors.transport.config]
                local-address = "192.168.101.1"
              [[neighbors.afi-safis]]
                [neighbors.afi-safis.config]
                  afi-safi-name = "ipv4-unicast"
              [[neighbors.afi-safis]]
                [neighbors.afi-safis.config]
                  afi-safi-name = "ipv6-unicast"
            """;
    static final String SPEAKER_CONF = """
            router-id 192.168.100.2
            asn 64512
            listen 0.0.0.0 179
            originate 10.30.1.0/24
            originate 2001:db8:30::/48
            peer gobgp-ibgp address 192.168.100.1 asn 64512 local 192.168.100.2 hold 9 connect-retry 1 families ipv4,ipv6 next-hop-v6 2001:db8:100::2
            peer gobgp-ebgp address 192.168.101.1 asn 64999 local 192.168.101.2 hold 9 connect-retry 1 families ipv4,ipv6 next-hop-v6 2001:db8:100::2
            """;

    interface Body {
        void run(GoBgpProcess g, SpeakerProcess j) throws Exception;
    }

    /** The lab of the class javadoc with both sessions Established, torn down whatever happens. */
    static void withLab(String gobgpConf, String speakerConf, Body body) throws Exception {
        assumeTrue(Lab.root(), "the interop test needs root (network namespaces)");
        Optional<Path> gobgpd = Lab.find("gobgpd");
        Optional<Path> gobgp = Lab.find("gobgp");
        assumeTrue(gobgpd.isPresent() && gobgp.isPresent(), "gobgpd/gobgp not found: install GoBGP with `apt-get install -y gobgpd`");
        assumeTrue(Lab.find("ip").isPresent(), "iproute2 (ip) not found");
        try (LabDir dir = new LabDir(); Lab lab = new Lab()) {
            lab.create(List.of("192.168.100.1/24", "192.168.101.1/24", "2001:db8:100::1/64"),
                    List.of("192.168.100.2/24", "192.168.101.2/24", "2001:db8:100::2/64"));
            try (GoBgpProcess g = new GoBgpProcess(gobgpd.get(), gobgp.get(), lab.nsA, dir, gobgpConf);
                 SpeakerProcess j = new SpeakerProcess(lab.nsB, dir.write("speaker.conf", speakerConf), dir.resolve("speaker.log"))) {
                Poll.until("GoBGP sessions Established", () -> g.established("192.168.100.2") && g.established("192.168.101.2"));
                Poll.until("Junction sessions Established", () -> j.command("peers").equals(List.of("peer gobgp-ibgp ESTABLISHED", "peer gobgp-ebgp ESTABLISHED")));
                body.run(g, j);
            } catch (AssertionError | Exception e) {
                dir.dumpLogs();
                throw e;
            }
        }
    }

    private static boolean junctionHas(SpeakerProcess j, String prefix) throws InterruptedException {
        return j.command("routes").stream().anyMatch(l -> l.startsWith("route " + prefix + " "));
    }

    @Test
    @Timeout(90)
    void ipv4AndIpv6RoutesFlowBothWaysOverIbgpAndEbgpAndWithdrawsPropagate() throws Exception {
        withLab(GOBGP_CONF, SPEAKER_CONF, (g, j) -> {
            // Junction -> GoBGP: over iBGP with Junction's address as next hop and an empty AS_PATH, over eBGP with
            // AS 64512; IPv6 with the configured IPv6 next hop (MP_REACH_NLRI over the IPv4 session).
            Poll.until("GoBGP learns Junction's routes", () -> !g.adjIn("192.168.100.2", "ipv4", "10.30.1.0/24").isEmpty()
                    && !g.adjIn("192.168.101.2", "ipv4", "10.30.1.0/24").isEmpty()
                    && !g.adjIn("192.168.100.2", "ipv6", "2001:db8:30::/48").isEmpty()
                    && !g.adjIn("192.168.101.2", "ipv6", "2001:db8:30::/48").isEmpty());
            assertThat(g.adjIn("192.168.100.2", "ipv4", "10.30.1.0/24")).singleElement().asString()
                    .matches("\\d+ 10\\.30\\.1\\.0/24 192\\.168\\.100\\.2 \\d\\d:\\d\\d:\\d\\d .*LocalPref: 100.*");
            assertThat(g.adjIn("192.168.101.2", "ipv4", "10.30.1.0/24")).singleElement().asString()
                    .matches("\\d+ 10\\.30\\.1\\.0/24 192\\.168\\.101\\.2 64512 .*");
            assertThat(g.adjIn("192.168.100.2", "ipv6", "2001:db8:30::/48")).singleElement().asString()
                    .matches("\\d+ 2001:db8:30::/48 2001:db8:100::2 \\d\\d:\\d\\d:\\d\\d .*");
            assertThat(g.adjIn("192.168.101.2", "ipv6", "2001:db8:30::/48")).singleElement().asString()
                    .matches("\\d+ 2001:db8:30::/48 2001:db8:100::2 64512 .*");

            // GoBGP -> Junction: the iBGP path (empty AS_PATH) is best; the eBGP one is a candidate with [64999].
            g.gobgp("global rib add -a ipv4 10.10.1.0/24 origin igp");
            g.gobgp("global rib add -a ipv6 2001:db8:10::/48 nexthop 2001:db8:100::1 origin igp");
            Poll.until("Junction learns GoBGP's routes", () -> j.command("routes").containsAll(List.of(
                    "route 10.10.1.0/24 nexthop 192.168.100.1 from 192.168.100.1 path []",
                    "route 2001:db8:10::/48 nexthop 2001:db8:100:0:0:0:0:1 from 192.168.100.1 path []")));
            Poll.until("the eBGP paths are candidates", () -> String.join("\n", j.command("explain 10.10.1.0/24")).contains("path [64999] nh 192.168.101.1")
                    && String.join("\n", j.command("explain 2001:db8:10::/48")).contains("path [64999]"));

            // Withdraws, both ways and both families.
            j.command("withdraw 10.30.1.0/24");
            j.command("withdraw 2001:db8:30::/48");
            Poll.until("GoBGP drops Junction's routes", () -> g.adjIn("192.168.100.2", "ipv4", "10.30.1.0/24").isEmpty()
                    && g.adjIn("192.168.101.2", "ipv4", "10.30.1.0/24").isEmpty()
                    && g.adjIn("192.168.100.2", "ipv6", "2001:db8:30::/48").isEmpty()
                    && g.adjIn("192.168.101.2", "ipv6", "2001:db8:30::/48").isEmpty());
            g.gobgp("global rib del -a ipv4 10.10.1.0/24");
            g.gobgp("global rib del -a ipv6 2001:db8:10::/48");
            Poll.until("Junction drops GoBGP's routes", () -> !junctionHas(j, "10.10.1.0/24") && !junctionHas(j, "2001:db8:10::/48"));
            assertThat(j.command("peers")).containsExactly("peer gobgp-ibgp ESTABLISHED", "peer gobgp-ebgp ESTABLISHED");
        });
    }

    @Test
    @Timeout(90)
    void junctionsRouteRefreshMakesGoBgpSendItsRoutesAgain() throws Exception {
        withLab(GOBGP_CONF, SPEAKER_CONF, (g, j) -> {
            g.gobgp("global rib add -a ipv4 10.10.1.0/24 origin igp");
            Poll.until("Junction learns 10.10.1.0/24", () -> junctionHas(j, "10.10.1.0/24"));
            long refreshes = g.messages("192.168.100.2", "Route Refresh", true);
            long updates = g.messages("192.168.100.2", "Updates", false);

            // RFC 2918: one ROUTE-REFRESH per family; GoBGP answers with its Adj-RIB-Out (and End-of-RIB) again.
            j.command("refresh gobgp-ibgp");
            Poll.until("GoBGP receives two ROUTE-REFRESH and sends UPDATEs again", () ->
                    g.messages("192.168.100.2", "Route Refresh", true) == refreshes + 2
                            && g.messages("192.168.100.2", "Updates", false) > updates);
            assertThat(j.command("routes")).contains("route 10.10.1.0/24 nexthop 192.168.100.1 from 192.168.100.1 path []");
            assertThat(j.command("peers")).containsExactly("peer gobgp-ibgp ESTABLISHED", "peer gobgp-ebgp ESTABLISHED");
        });
    }
}
