package dev.junction.bgp.interop;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Junction's speaker against FRR 8 (zebra + bgpd) in two network namespaces (needs root and the Debian package frr).
 * One session per test: iBGP (FRR in AS 64512) or eBGP (FRR in AS 64999), both carrying IPv4 and IPv6.
 *
 * <pre>
 *   ns A (FRR, router id 192.168.100.1)                        ns B (Junction SpeakerMain, router id 192.168.100.2, AS 64512)
 *   192.168.100.1/24 2001:db8:100::1/64 ---------------------- 192.168.100.2/24 2001:db8:100::2/64
 *   neighbor 192.168.100.2  &lt;-- iBGP or eBGP over IPv4 --&gt;  peer frr
 *   FRR originates 10.10.1.0/24 and 2001:db8:10::/48; Junction 10.30.1.0/24 and 2001:db8:30::/48
 * </pre>
 */
@Tag("interop")
class FrrInteropTest {
    /** bgpd.conf for one neighbor, Junction at 192.168.100.2; {@code neighborExtra} lines go in both address families. */
    static String bgpdConf(long asn, String global, String neighborExtra) {
        return """
                frr defaults traditional
                hostname frr-a
                !
                router bgp %d
                 bgp router-id 192.168.100.1
                 no bgp ebgp-requires-policy
                 no bgp default ipv4-unicast
                 no bgp network import-check
                %s
                 timers bgp 3 9
                 neighbor 192.168.100.2 remote-as 64512
                 neighbor 192.168.100.2 update-source 192.168.100.1
                 neighbor 192.168.100.2 timers connect 1
                 !
                 address-family ipv4 unicast
                  network 10.10.1.0/24
                  neighbor 192.168.100.2 activate
                %s
                 exit-address-family
                 address-family ipv6 unicast
                  network 2001:db8:10::/48
                  neighbor 192.168.100.2 activate
                %s
                 exit-address-family
                !
                """.formatted(asn, global, neighborExtra, neighborExtra);
    }

    static String speakerConf(long frrAsn, String global) {
        return """
                router-id 192.168.100.2
                asn 64512
                listen 0.0.0.0 179
                %s
                originate 10.30.1.0/24
                originate 2001:db8:30::/48
                peer frr address 192.168.100.1 asn %d local 192.168.100.2 hold 9 connect-retry 1 families ipv4,ipv6 next-hop-v6 2001:db8:100::2
                """.formatted(global, frrAsn);
    }

    interface Body {
        void run(FrrProcess f, SpeakerProcess j) throws Exception;
    }

    static void assumeFrr() {
        assumeTrue(Lab.root(), "the interop test needs root (network namespaces)");
        assumeTrue(Files.isExecutable(FrrProcess.DAEMONS.resolve("bgpd")) && Files.isExecutable(FrrProcess.DAEMONS.resolve("zebra"))
                && Lab.find("vtysh").isPresent(), "FRR not found (/usr/lib/frr/bgpd, zebra, vtysh): install it with `apt-get install -y frr`");
        assumeTrue(Lab.find("ip").isPresent(), "iproute2 (ip) not found");
    }

    /** The lab of the class javadoc with the session Established on both sides, torn down whatever happens. */
    static void withLab(String bgpdConf, String speakerConf, Body body) throws Exception {
        assumeFrr();
        try (LabDir dir = new LabDir(); Lab lab = new Lab()) {
            lab.create(List.of("192.168.100.1/24", "2001:db8:100::1/64"), List.of("192.168.100.2/24", "2001:db8:100::2/64"));
            try (FrrProcess f = new FrrProcess(lab.nsA, dir, bgpdConf, List.of("192.168.100.1"));
                 SpeakerProcess j = new SpeakerProcess(lab.nsB, dir.write("speaker.conf", speakerConf), dir.resolve("speaker.log"))) {
                Poll.until("FRR session Established", () -> f.established("192.168.100.2"));
                Poll.until("Junction session Established", () -> j.command("peers").equals(List.of("peer frr ESTABLISHED")));
                body.run(f, j);
            } catch (AssertionError | Exception e) {
                dir.dumpLogs();
                throw e;
            }
        }
    }

    static boolean junctionHas(SpeakerProcess j, String prefix) throws InterruptedException {
        return j.command("routes").stream().anyMatch(l -> l.startsWith("route " + prefix + " "));
    }

    /** FRR lists a path for the prefix that it received from Junction. */
    static boolean frrHas(FrrProcess f, String family, String prefix) throws Exception {
        return f.route(family, prefix).contains("from 192.168.100.2");
    }

    /** The withdraws of both families in both directions (FRR: "no network" in each address family). */
    private static void withdrawBothWays(FrrProcess f, SpeakerProcess j, long asn) throws Exception {
        j.command("withdraw 10.30.1.0/24");
        j.command("withdraw 2001:db8:30::/48");
        Poll.until("FRR drops Junction's routes", () -> !frrHas(f, "ipv4", "10.30.1.0/24") && !frrHas(f, "ipv6", "2001:db8:30::/48"));
        f.configure("router bgp " + asn, "address-family ipv4 unicast", "no network 10.10.1.0/24", "exit-address-family",
                "address-family ipv6 unicast", "no network 2001:db8:10::/48");
        Poll.until("Junction drops FRR's routes", () -> !junctionHas(j, "10.10.1.0/24") && !junctionHas(j, "2001:db8:10::/48"));
        assertThat(j.command("peers")).containsExactly("peer frr ESTABLISHED");
    }

    @Test
    @Timeout(90)
    void ibgpCarriesIpv4AndIpv6BothWaysAndWithdraws() throws Exception {
        withLab(bgpdConf(64512, "", ""), speakerConf(64512, ""), (f, j) -> {
            // Junction -> FRR: Junction's address as next hop, empty AS_PATH, LOCAL_PREF 100.
            Poll.until("FRR learns Junction's routes", () -> frrHas(f, "ipv4", "10.30.1.0/24") && frrHas(f, "ipv6", "2001:db8:30::/48"));
            assertThat(f.route("ipv4", "10.30.1.0/24")).contains("  Local\n", "192.168.100.2 from 192.168.100.2 (192.168.100.2)",
                    "localpref 100, valid, internal, best");
            assertThat(f.route("ipv6", "2001:db8:30::/48")).contains("  Local\n", "2001:db8:100::2 from 192.168.100.2 (192.168.100.2)",
                    "valid, internal, best");

            // FRR -> Junction: its update-source and its global IPv6 address as next hops, empty AS_PATH.
            Poll.until("Junction learns FRR's routes", () -> j.command("routes").containsAll(List.of(
                    "route 10.10.1.0/24 nexthop 192.168.100.1 from 192.168.100.1 path []",
                    "route 2001:db8:10::/48 nexthop 2001:db8:100:0:0:0:0:1 from 192.168.100.1 path []")));
            withdrawBothWays(f, j, 64512);
        });
    }

    @Test
    @Timeout(90)
    void ebgpCarriesIpv4AndIpv6BothWaysWithEachOthersAsAndWithdraws() throws Exception {
        withLab(bgpdConf(64999, "", ""), speakerConf(64999, ""), (f, j) -> {
            Poll.until("FRR learns Junction's routes", () -> frrHas(f, "ipv4", "10.30.1.0/24") && frrHas(f, "ipv6", "2001:db8:30::/48"));
            assertThat(f.route("ipv4", "10.30.1.0/24")).contains("  64512\n", "192.168.100.2 from 192.168.100.2 (192.168.100.2)",
                    "valid, external, best");
            assertThat(f.route("ipv6", "2001:db8:30::/48")).contains("  64512\n", "2001:db8:100::2 from 192.168.100.2 (192.168.100.2)",
                    "valid, external, best");
            Poll.until("Junction learns FRR's routes", () -> j.command("routes").containsAll(List.of(
                    "route 10.10.1.0/24 nexthop 192.168.100.1 from 192.168.100.1 path [64999]",
                    "route 2001:db8:10::/48 nexthop 2001:db8:100:0:0:0:0:1 from 192.168.100.1 path [64999]")));
            withdrawBothWays(f, j, 64999);
        });
    }

    @Test
    @Timeout(90)
    void routeRefreshWorksBothWays() throws Exception {
        // FRR starts by dropping everything Junction sends (no soft-reconfiguration inbound: nothing is kept).
        String denyFirst = "  neighbor 192.168.100.2 route-map NONE in";
        String conf = bgpdConf(64512, "", denyFirst) + "route-map NONE deny 10\n!\n";
        withLab(conf, speakerConf(64512, ""), (f, j) -> {
            Poll.until("Junction learns FRR's route", () -> junctionHas(j, "10.10.1.0/24"));
            assertThat(frrHas(f, "ipv4", "10.30.1.0/24")).isFalse();

            // FRR's import policy opens up, "clear bgp ... soft in" sends ROUTE-REFRESH (RFC 2918), Junction answers
            // with its Adj-RIB-Out again: FRR now has the route it had dropped.
            long refreshesSent = f.messages("192.168.100.2", "routeRefreshSent");
            f.configure("router bgp 64512", "address-family ipv4 unicast", "no neighbor 192.168.100.2 route-map NONE in");
            f.vtysh("clear bgp ipv4 unicast 192.168.100.2 soft in");
            Poll.until("FRR re-learns 10.30.1.0/24 after its ROUTE-REFRESH", () -> frrHas(f, "ipv4", "10.30.1.0/24"));
            assertThat(f.messages("192.168.100.2", "routeRefreshSent")).isGreaterThan(refreshesSent);
            assertThat(frrHas(f, "ipv6", "2001:db8:30::/48")).isFalse();

            // Junction asks FRR for both families again: FRR counts the ROUTE-REFRESH messages and re-sends its routes.
            long refreshesReceived = f.messages("192.168.100.2", "routeRefreshRecv");
            long updatesSent = f.messages("192.168.100.2", "updatesSent");
            j.command("refresh frr");
            Poll.until("FRR answers Junction's ROUTE-REFRESH", () -> f.messages("192.168.100.2", "routeRefreshRecv") == refreshesReceived + 2
                    && f.messages("192.168.100.2", "updatesSent") > updatesSent);
            assertThat(j.command("routes")).contains("route 10.10.1.0/24 nexthop 192.168.100.1 from 192.168.100.1 path []");
            assertThat(j.command("peers")).containsExactly("peer frr ESTABLISHED");
        });
    }
}
