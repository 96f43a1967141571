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
 * Graceful restart (RFC 4724) against FRR 8 and GoBGP 3, iBGP in AS 64512, in the two-namespace lab of
 * {@link FrrInteropTest} (daemon in A at 192.168.100.1, Junction in B at 192.168.100.2), with restart times of a few
 * seconds. Both roles: the daemon keeps Junction's routes while Junction restarts (crash or "quit graceful"), and
 * Junction keeps the daemon's routes while the daemon restarts, and drops them when it does not come back in time.
 */
@Tag("interop")
class GracefulRestartInteropTest {
    /** Junction advertises a 10 s Restart Time: the daemons keep its routes that long. */
    private static final String JUNCTION_GR = "graceful-restart on restart-time 10 stale-time 30 deferral 10";
    /** FRR advertises a 5 s Restart Time and, with preserve-fw-state, the Forwarding State bit. */
    private static final String FRR_GR = """
             bgp graceful-restart
             bgp graceful-restart restart-time 5
             bgp graceful-restart preserve-fw-state""";
    /**
     * GoBGP with a 5 s Restart Time, graceful restart for IPv4; its FSM otherwise idles 30 s after a session drops
     * (refusing Junction's reconnects), longer than Junction's Restart Time.
     */
    private static final String GOBGP_GR = """
            [global.config]
              as = 64512
              router-id = "192.168.100.1"
              local-address-list = ["192.168.100.1"]
            [[neighbors]]
              [neighbors.config]
                neighbor-address = "192.168.100.2"
                peer-as = 64512
              [neighbors.timers.config]
                connect-retry = 1
                hold-time = 9
                keepalive-interval = 3
                idle-hold-time-after-reset = 1
              [neighbors.graceful-restart.config]
                enabled = true
                restart-time = 5
              [[neighbors.afi-safis]]
                [neighbors.afi-safis.config]
                  afi-safi-name = "ipv4-unicast"
                [neighbors.afi-safis.mp-graceful-restart.config]
                  enabled = true
            """;
    private static final String JUNCTION_FOR_GOBGP = """
            router-id 192.168.100.2
            asn 64512
            listen 0.0.0.0 179
            %s
            originate 10.30.1.0/24
            peer gobgp address 192.168.100.1 asn 64512 local 192.168.100.2 hold 9 connect-retry 1
            """;

    private static void create(Lab lab) throws Exception {
        lab.create(List.of("192.168.100.1/24", "2001:db8:100::1/64"), List.of("192.168.100.2/24", "2001:db8:100::2/64"));
    }

    private static String junctionRoute(SpeakerProcess j, String prefix) throws InterruptedException {
        return j.command("routes").stream().filter(l -> l.startsWith("route " + prefix + " ")).findFirst().orElse("");
    }

    private static Optional<Path> gobgpd() {
        assumeTrue(Lab.root(), "the interop test needs root (network namespaces)");
        Optional<Path> gobgpd = Lab.find("gobgpd");
        assumeTrue(gobgpd.isPresent() && Lab.find("gobgp").isPresent(), "gobgpd/gobgp not found: install GoBGP with `apt-get install -y gobgpd`");
        return gobgpd;
    }

    @Test
    @Timeout(90)
    void frrKeepsJunctionsRoutesAsStaleWhileJunctionRestartsAfterACrash() throws Exception {
        FrrInteropTest.assumeFrr();
        try (LabDir dir = new LabDir(); Lab lab = new Lab()) {
            create(lab);
            try (FrrProcess f = new FrrProcess(lab.nsA, dir, FrrInteropTest.bgpdConf(64512, FRR_GR, ""), List.of("192.168.100.1"))) {
                try (SpeakerProcess j = new SpeakerProcess(lab.nsB, dir.write("speaker.conf", FrrInteropTest.speakerConf(64512, JUNCTION_GR)), dir.resolve("speaker.log"))) {
                    Poll.until("FRR learns Junction's routes", () -> FrrInteropTest.frrHas(f, "ipv4", "10.30.1.0/24")
                            && FrrInteropTest.frrHas(f, "ipv6", "2001:db8:30::/48"));
                    assertThat(f.route("ipv4", "10.30.1.0/24")).doesNotContain("(stale)");
                    // Junction crashes: no NOTIFICATION, the kernel closes the connection.
                    j.kill();
                }
                Poll.until("FRR marks Junction's routes stale", () -> f.route("ipv4", "10.30.1.0/24").contains("(stale)")
                        && f.route("ipv6", "2001:db8:30::/48").contains("(stale)"));
                assertThat(f.established("192.168.100.2")).isFalse();

                // Junction comes back as a restarting speaker (Restart State bit, deferred selection) and announces
                // again: FRR's routes are fresh once Junction's End-of-RIB arrives.
                String restarted = FrrInteropTest.speakerConf(64512, JUNCTION_GR + " restarting");
                try (SpeakerProcess j = new SpeakerProcess(lab.nsB, dir.write("speaker-2.conf", restarted), dir.resolve("speaker-2.log"))) {
                    Poll.until("FRR session Established again", () -> f.established("192.168.100.2"));
                    Poll.until("Junction's routes fresh again on FRR", () -> FrrInteropTest.frrHas(f, "ipv4", "10.30.1.0/24")
                            && !f.route("ipv4", "10.30.1.0/24").contains("(stale)")
                            && FrrInteropTest.frrHas(f, "ipv6", "2001:db8:30::/48") && !f.route("ipv6", "2001:db8:30::/48").contains("(stale)"));
                    Poll.until("Junction learns FRR's routes after its deferral", () -> junctionRoute(j, "10.10.1.0/24")
                            .equals("route 10.10.1.0/24 nexthop 192.168.100.1 from 192.168.100.1 path []"));
                }
            } catch (AssertionError | Exception e) {
                dir.dumpLogs();
                throw e;
            }
        }
    }

    @Test
    @Timeout(90)
    void goBgpKeepsJunctionsRoutesAsStaleWhileJunctionRestartsGracefully() throws Exception {
        Optional<Path> gobgpd = gobgpd();
        try (LabDir dir = new LabDir(); Lab lab = new Lab()) {
            create(lab);
            try (GoBgpProcess g = new GoBgpProcess(gobgpd.get(), Lab.find("gobgp").get(), lab.nsA, dir, GOBGP_GR)) {
                try (SpeakerProcess j = new SpeakerProcess(lab.nsB, dir.write("speaker.conf", JUNCTION_FOR_GOBGP.formatted(JUNCTION_GR)), dir.resolve("speaker.log"))) {
                    Poll.until("GoBGP learns Junction's route", () -> g.rib("ipv4", "10.30.1.0/24").stream().anyMatch(r -> r.startsWith("*> 10.30.1.0/24 192.168.100.2")));
                    // "quit graceful", as for an upgrade: the connection closes without NOTIFICATION.
                    assertThat(j.quitGraceful()).isTrue();
                }
                // GoBGP flags stale paths with S in its status column (which then runs into the prefix: "S*>10.30...").
                Poll.until("GoBGP marks Junction's route stale", () -> g.rib("ipv4", "10.30.1.0/24").stream().anyMatch(r -> r.startsWith("S*>10.30.1.0/24 192.168.100.2")));

                // GoBGP idles a few seconds after the session drops, closing any connection meanwhile; Junction's FSM
                // damps such flapping with a doubling Idle hold (RFC 4271 §8.1.1), so start it once GoBGP accepts.
                Poll.until("GoBGP ready for Junction's reconnect", () -> g.state("192.168.100.2").equals("ACTIVE"));
                assertThat(g.rib("ipv4", "10.30.1.0/24")).anyMatch(r -> r.startsWith("S*>10.30.1.0/24 192.168.100.2"));
                String restarted = JUNCTION_FOR_GOBGP.formatted(JUNCTION_GR + " restarting");
                try (SpeakerProcess j = new SpeakerProcess(lab.nsB, dir.write("speaker-2.conf", restarted), dir.resolve("speaker-2.log"))) {
                    Poll.until("GoBGP session Established again", () -> g.established("192.168.100.2"));
                    Poll.until("Junction's route fresh again on GoBGP", () -> g.rib("ipv4", "10.30.1.0/24").stream().anyMatch(r -> r.startsWith("*> 10.30.1.0/24 192.168.100.2")));
                    assertThat(j.command("peers")).containsExactly("peer gobgp ESTABLISHED");
                }
            } catch (AssertionError | Exception e) {
                dir.dumpLogs();
                throw e;
            }
        }
    }

    @Test
    @Timeout(90)
    void junctionKeepsFrrsRoutesAsStaleWhileBgpdRestarts() throws Exception {
        FrrInteropTest.assumeFrr();
        try (LabDir dir = new LabDir(); Lab lab = new Lab()) {
            create(lab);
            try (FrrProcess f = new FrrProcess(lab.nsA, dir, FrrInteropTest.bgpdConf(64512, FRR_GR, ""), List.of("192.168.100.1"));
                 SpeakerProcess j = new SpeakerProcess(lab.nsB, dir.write("speaker.conf", FrrInteropTest.speakerConf(64512, JUNCTION_GR)), dir.resolve("speaker.log"))) {
                String v4 = "route 10.10.1.0/24 nexthop 192.168.100.1 from 192.168.100.1 path []";
                String v6 = "route 2001:db8:10::/48 nexthop 2001:db8:100:0:0:0:0:1 from 192.168.100.1 path []";
                Poll.until("Junction learns FRR's routes", () -> j.command("routes").containsAll(List.of(v4, v6)));

                // bgpd crashes (zebra stays): Junction, the helper, keeps its routes, marked stale.
                f.killBgpd();
                Poll.until("Junction marks FRR's routes stale", () -> j.command("routes").containsAll(List.of(v4 + " stale", v6 + " stale")));
                assertThat(j.command("peers")).doesNotContain("peer frr ESTABLISHED");

                // bgpd is back within its Restart Time with the Forwarding State bit: the routes stay (stale, then
                // fresh when FRR re-announces them before its End-of-RIB), never missing.
                f.startBgpd();
                Poll.until("Junction session Established again, routes fresh", () -> {
                    List<String> routes = j.command("routes");
                    assertThat(routes).as("FRR's routes are never missing from Junction's table")
                            .anyMatch(l -> l.startsWith(v4)).anyMatch(l -> l.startsWith(v6));
                    return routes.containsAll(List.of(v4, v6)) && j.command("peers").equals(List.of("peer frr ESTABLISHED"));
                });
            } catch (AssertionError | Exception e) {
                dir.dumpLogs();
                throw e;
            }
        }
    }

    @Test
    @Timeout(90)
    void junctionDropsGoBgpsStaleRoutesWhenItDoesNotComeBackWithinItsRestartTime() throws Exception {
        Optional<Path> gobgpd = gobgpd();
        try (LabDir dir = new LabDir(); Lab lab = new Lab()) {
            create(lab);
            try (GoBgpProcess g = new GoBgpProcess(gobgpd.get(), Lab.find("gobgp").get(), lab.nsA, dir, GOBGP_GR);
                 SpeakerProcess j = new SpeakerProcess(lab.nsB, dir.write("speaker.conf", JUNCTION_FOR_GOBGP.formatted(JUNCTION_GR)), dir.resolve("speaker.log"))) {
                g.gobgp("global rib add -a ipv4 10.10.1.0/24 origin igp");
                String route = "route 10.10.1.0/24 nexthop 192.168.100.1 from 192.168.100.1 path []";
                Poll.until("Junction learns GoBGP's route", () -> j.command("routes").contains(route));

                // gobgpd crashes and stays down: the route is kept as stale, then goes after GoBGP's 5 s Restart Time.
                g.kill();
                Poll.until("Junction marks GoBGP's route stale", () -> j.command("routes").contains(route + " stale"));
                Poll.until("Junction drops the stale route after the Restart Time", 20, () -> junctionRoute(j, "10.10.1.0/24").isEmpty());
                assertThat(j.command("routes")).containsExactly("route 10.30.1.0/24 nexthop self from local path []");
            } catch (AssertionError | Exception e) {
                dir.dumpLogs();
                throw e;
            }
        }
    }
}
