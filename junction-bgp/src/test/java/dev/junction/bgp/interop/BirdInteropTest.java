package dev.junction.bgp.interop;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Junction's speaker against BIRD 2 in two network namespaces (needs root and the Debian package bird2).
 *
 * <pre>
 *   ns A (BIRD, router id 192.168.100.1)            ns B (Junction SpeakerMain, router id 192.168.100.2, AS 64512)
 *   vj&lt;pid&gt;a 192.168.100.1/24, 192.168.101.1/24 ---- vj&lt;pid&gt;b 192.168.100.2/24, 192.168.101.2/24
 *   ibgp1: 192.168.100.1 AS 64512  &lt;-- iBGP --&gt;  peer bird-ibgp
 *   ebgp1: 192.168.101.1 AS 64999  &lt;-- eBGP --&gt;  peer bird-ebgp
 *   BIRD originates 10.10.1.0/24 (to iBGP) and 10.20.1.0/24 (to eBGP); Junction 10.30.1.0/24, later 10.30.2.0/24
 * </pre>
 */
@Tag("interop")
class BirdInteropTest {
    private static final String BIRD_CONF = """
            router id 192.168.100.1;
            protocol device { scan time 1; }
            protocol static sti { ipv4; route 10.10.1.0/24 blackhole; }
            protocol static ste { ipv4; route 10.20.1.0/24 blackhole; }
            protocol bgp ibgp1 {
              local 192.168.100.1 as 64512;
              neighbor 192.168.100.2 as 64512;
              direct;
              hold time 9; keepalive time 3;
              connect delay time 1; connect retry time 1;
              graceful restart on;
              ipv4 { import all; export where proto = "sti"; next hop self; };
            }
            protocol bgp ebgp1 {
              local 192.168.101.1 as 64999;
              neighbor 192.168.101.2 as 64512;
              hold time 9; keepalive time 3;
              connect delay time 1; connect retry time 1;
              ipv4 { import all; export where proto = "ste"; };
            }
            """;
    private static final String SPEAKER_CONF = """
            router-id 192.168.100.2
            asn 64512
            listen 0.0.0.0 179
            originate 10.30.1.0/24
            peer bird-ibgp address 192.168.100.1 asn 64512 local 192.168.100.2 hold 9 connect-retry 1
            peer bird-ebgp address 192.168.101.1 asn 64999 local 192.168.101.2 hold 9 connect-retry 1
            """;

    private static void await(String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.call()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(100);
        }
    }

    private static boolean speakerHas(SpeakerProcess s, String routeLine) throws InterruptedException {
        return s.command("routes").contains(routeLine);
    }

    @Test
    @Timeout(60)
    void sessionsComeUpRoutesFlowBothWaysAndWithdrawsPropagate() throws Exception {
        assumeTrue(Lab.root(), "the interop test needs root (network namespaces)");
        Optional<Path> bird = Lab.find("bird");
        Optional<Path> birdc = Lab.find("birdc");
        assumeTrue(bird.isPresent() && birdc.isPresent(), "bird/birdc not found: install BIRD 2 with `apt-get install -y bird2`");
        assumeTrue(Lab.find("ip").isPresent(), "iproute2 (ip) not found");

        Path dir = Files.createTempDirectory("junction-bgp-interop");
        try (Lab lab = new Lab()) {
            lab.create(List.of("192.168.100.1/24", "192.168.101.1/24"), List.of("192.168.100.2/24", "192.168.101.2/24"));
            Files.writeString(dir.resolve("speaker.conf"), SPEAKER_CONF);
            try (BirdProcess b = new BirdProcess(bird.get(), birdc.get(), lab.nsA, dir, BIRD_CONF);
                 SpeakerProcess j = new SpeakerProcess(lab.nsB, dir.resolve("speaker.conf"), dir.resolve("speaker.log"))) {
                // Both sessions reach Established on both sides.
                await("BIRD sessions Established", () -> b.state("ibgp1").equals("Established") && b.state("ebgp1").equals("Established"));
                await("Junction sessions Established", () -> j.command("peers").equals(List.of("peer bird-ibgp ESTABLISHED", "peer bird-ebgp ESTABLISHED")));

                // BIRD -> Junction: iBGP route with an empty path, eBGP route with BIRD's AS.
                await("Junction learns BIRD's routes", () ->
                        speakerHas(j, "route 10.10.1.0/24 nexthop 192.168.100.1 from 192.168.100.1 path []")
                                && speakerHas(j, "route 10.20.1.0/24 nexthop 192.168.101.1 from 192.168.101.1 path [64999]"));

                // Junction -> BIRD over both sessions: empty AS_PATH and LOCAL_PREF over iBGP, AS 64512 prepended over eBGP.
                await("BIRD learns Junction's route", () -> {
                    String all = b.cli("show", "route", "all", "10.30.1.0/24");
                    return all.contains("[ibgp1") && all.contains("[ebgp1");
                });
                String all = b.cli("show", "route", "all", "10.30.1.0/24");
                assertThat(all).contains("BGP.as_path: 64512", "BGP.next_hop: 192.168.100.2", "BGP.next_hop: 192.168.101.2",
                        "BGP.local_pref: 100");

                // A prefix announced at run time arrives, and its withdraw propagates.
                j.command("announce 10.30.2.0/24");
                await("BIRD learns 10.30.2.0/24", () -> b.cli("show", "route", "10.30.2.0/24").contains("10.30.2.0/24"));
                j.command("withdraw 10.30.2.0/24");
                await("BIRD drops 10.30.2.0/24", () -> !b.cli("show", "route", "10.30.2.0/24").contains("10.30.2.0/24"));

                // A withdraw from BIRD's side propagates to Junction.
                b.cli("disable", "ste");
                await("Junction drops 10.20.1.0/24", () -> j.command("routes").stream().noneMatch(l -> l.startsWith("route 10.20.1.0/24")));
                assertThat(j.command("routes")).contains("route 10.10.1.0/24 nexthop 192.168.100.1 from 192.168.100.1 path []");

                // Junction shuts down with Cease: BIRD withdraws Junction's routes.
                assertThat(j.quit()).isTrue();
                await("BIRD drops Junction's routes", () -> !b.cli("show", "route", "10.30.1.0/24").contains("10.30.1.0/24"));
                assertThat(b.state("ibgp1")).isNotEqualTo("Established");
            } catch (AssertionError | Exception e) {
                for (String log : List.of("speaker.log", "bird.log")) {
                    Path p = dir.resolve(log);
                    if (Files.exists(p)) System.err.println("--- " + log + "\n" + Files.readString(p));
                }
                throw e;
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
