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
 * Route reflection (RFC 4456) with three speakers of AS 64512 on one subnet: a hub namespace holds a bridge
 * (192.168.200.0/24) and two spoke namespaces join it. Junction reflects between a GoBGP and an FRR client; then
 * BIRD reflects between Junction and a GoBGP client. Needs root, gobgpd, frr and bird2.
 *
 * <pre>
 *   reflector   hub ns A, on the bridge:  192.168.200.1
 *   client 1    spoke ns b:               192.168.200.2
 *   client 2    spoke ns c:               192.168.200.3
 * </pre>
 */
@Tag("interop")
class RouteReflectorInteropTest {
    /** GoBGP as a plain iBGP speaker of AS 64512 with one neighbor, the reflector at 192.168.200.1. */
    private static String gobgpClient(String address) {
        return """
                [global.config]
                  as = 64512
                  router-id = "%1$s"
                  local-address-list = ["%1$s"]
                [[neighbors]]
                  [neighbors.config]
                    neighbor-address = "192.168.200.1"
                    peer-as = 64512
                  [neighbors.timers.config]
                    connect-retry = 1
                    hold-time = 9
                    keepalive-interval = 3
                  [[neighbors.afi-safis]]
                    [neighbors.afi-safis.config]
                      afi-safi-name = "ipv4-unicast"
                """.formatted(address);
    }

    private static final String FRR_CLIENT = """
            frr defaults traditional
            hostname frr-c
            !
            router bgp 64512
             bgp router-id 192.168.200.3
             no bgp default ipv4-unicast
             no bgp network import-check
             timers bgp 3 9
             neighbor 192.168.200.1 remote-as 64512
             neighbor 192.168.200.1 timers connect 1
             !
             address-family ipv4 unicast
              network 10.20.3.0/24
              neighbor 192.168.200.1 activate
             exit-address-family
            !
            """;

    private static Optional<Path> gobgpd() {
        assumeTrue(Lab.root(), "the interop test needs root (network namespaces)");
        Optional<Path> gobgpd = Lab.find("gobgpd");
        assumeTrue(gobgpd.isPresent() && Lab.find("gobgp").isPresent(), "gobgpd/gobgp not found: install GoBGP with `apt-get install -y gobgpd`");
        return gobgpd;
    }

    @Test
    @Timeout(90)
    void junctionReflectsRoutesBetweenAGoBgpAndAnFrrClient() throws Exception {
        Optional<Path> gobgpd = gobgpd();
        FrrInteropTest.assumeFrr();
        String speakerConf = """
                router-id 192.168.200.1
                asn 64512
                listen 0.0.0.0 179
                cluster-id 10.255.0.1
                peer gobgp address 192.168.200.2 asn 64512 local 192.168.200.1 hold 9 connect-retry 1 rr-client
                peer frr address 192.168.200.3 asn 64512 local 192.168.200.1 hold 9 connect-retry 1 rr-client
                """;
        try (LabDir dir = new LabDir(); Lab lab = new Lab()) {
            lab.createHub(List.of("192.168.200.1/24"));
            String nsGoBgp = lab.addSpoke("b", List.of("192.168.200.2/24"));
            String nsFrr = lab.addSpoke("c", List.of("192.168.200.3/24"));
            try (SpeakerProcess j = new SpeakerProcess(lab.nsA, dir.write("speaker.conf", speakerConf), dir.resolve("speaker.log"));
                 GoBgpProcess g = new GoBgpProcess(gobgpd.get(), Lab.find("gobgp").get(), nsGoBgp, dir, gobgpClient("192.168.200.2"));
                 FrrProcess f = new FrrProcess(nsFrr, dir, FRR_CLIENT, List.of("192.168.200.3"))) {
                Poll.until("both clients Established with Junction", () -> j.command("peers").equals(List.of("peer gobgp ESTABLISHED", "peer frr ESTABLISHED")));
                g.gobgp("global rib add -a ipv4 10.20.2.0/24 origin igp");

                // GoBGP's route reaches FRR with its next hop untouched, GoBGP's router id as ORIGINATOR_ID and
                // Junction's cluster id in CLUSTER_LIST (RFC 4456 §8).
                Poll.until("FRR learns GoBGP's route through Junction", () -> f.route("ipv4", "10.20.2.0/24").contains("from 192.168.200.1"));
                assertThat(f.route("ipv4", "10.20.2.0/24")).contains("192.168.200.2 from 192.168.200.1 (192.168.200.2)",
                        "Originator: 192.168.200.2, Cluster list: 10.255.0.1");

                // FRR's route reaches GoBGP the same way.
                Poll.until("GoBGP learns FRR's route through Junction", () -> !g.adjIn("192.168.200.1", "ipv4", "10.20.3.0/24").isEmpty());
                assertThat(g.adjIn("192.168.200.1", "ipv4", "10.20.3.0/24")).singleElement().asString()
                        .startsWith("0 10.20.3.0/24 192.168.200.3 ").contains("{Originator: 192.168.200.3}", "{ClusterList: [10.255.0.1]}");

                // A withdraw is reflected too.
                g.gobgp("global rib del -a ipv4 10.20.2.0/24");
                Poll.until("FRR drops GoBGP's route", () -> !f.route("ipv4", "10.20.2.0/24").contains("from 192.168.200.1"));
            } catch (AssertionError | Exception e) {
                dir.dumpLogs();
                throw e;
            }
        }
    }

    @Test
    @Timeout(90)
    void junctionIsARouteReflectorClientOfBird() throws Exception {
        Optional<Path> gobgpd = gobgpd();
        Optional<Path> bird = Lab.find("bird");
        Optional<Path> birdc = Lab.find("birdc");
        assumeTrue(bird.isPresent() && birdc.isPresent(), "bird/birdc not found: install BIRD 2 with `apt-get install -y bird2`");
        String birdConf = """
                router id 192.168.200.1;
                protocol device { scan time 1; }
                template bgp clients {
                  local 192.168.200.1 as 64512;
                  direct;
                  hold time 9; keepalive time 3;
                  connect delay time 1; connect retry time 1;
                  rr client;
                  ipv4 { import all; export all; };
                }
                protocol bgp junction from clients { neighbor 192.168.200.2 as 64512; }
                protocol bgp gobgp from clients { neighbor 192.168.200.3 as 64512; }
                """;
        String speakerConf = """
                router-id 192.168.200.2
                asn 64512
                listen 0.0.0.0 179
                originate 10.30.2.0/24
                peer bird address 192.168.200.1 asn 64512 local 192.168.200.2 hold 9 connect-retry 1
                """;
        try (LabDir dir = new LabDir(); Lab lab = new Lab()) {
            lab.createHub(List.of("192.168.200.1/24"));
            String nsJunction = lab.addSpoke("b", List.of("192.168.200.2/24"));
            String nsGoBgp = lab.addSpoke("c", List.of("192.168.200.3/24"));
            try (BirdProcess b = new BirdProcess(bird.get(), birdc.get(), lab.nsA, dir.path, birdConf);
                 SpeakerProcess j = new SpeakerProcess(nsJunction, dir.write("speaker.conf", speakerConf), dir.resolve("speaker.log"));
                 GoBgpProcess g = new GoBgpProcess(gobgpd.get(), Lab.find("gobgp").get(), nsGoBgp, dir, gobgpClient("192.168.200.3"))) {
                Poll.until("BIRD's client sessions Established", () -> b.state("junction").equals("Established") && b.state("gobgp").equals("Established"));
                g.gobgp("global rib add -a ipv4 10.20.3.0/24 origin igp");

                // The other client's route, reflected by BIRD, is accepted by Junction (its ORIGINATOR_ID and CLUSTER_LIST
                // are not Junction's own) with the originator's next hop.
                Poll.until("Junction learns GoBGP's route through BIRD", () ->
                        j.command("routes").contains("route 10.20.3.0/24 nexthop 192.168.200.3 from 192.168.200.1 path []"));

                // Junction's route reaches the other client with Junction's router id as ORIGINATOR_ID and BIRD's
                // (default cluster id: its router id) in CLUSTER_LIST.
                Poll.until("GoBGP learns Junction's route through BIRD", () -> !g.adjIn("192.168.200.1", "ipv4", "10.30.2.0/24").isEmpty());
                assertThat(g.adjIn("192.168.200.1", "ipv4", "10.30.2.0/24")).singleElement().asString()
                        .startsWith("0 10.30.2.0/24 192.168.200.2 ").contains("{Originator: 192.168.200.2}", "{ClusterList: [192.168.200.1]}");

                j.command("withdraw 10.30.2.0/24");
                Poll.until("GoBGP drops Junction's route", () -> g.adjIn("192.168.200.1", "ipv4", "10.30.2.0/24").isEmpty());
            } catch (AssertionError | Exception e) {
                dir.dumpLogs();
                throw e;
            }
        }
    }
}
