package dev.junction.bgp.interop;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TCP-MD5 (RFC 2385) with FRR 8, on a dual-stack listener ({@code listen :: 179}, so IPv4 peers' keys are
 * installed v4-mapped): an IPv4 and an IPv6 session whose passwords match come up and carry routes; a third
 * session whose password differs never does, while the others stay up.
 *
 * <pre>
 *   ns A (FRR 64512)                             ns B (Junction 64512)
 *   192.168.100.1  2001:db8:100::1  --------  192.168.100.2  2001:db8:100::2      good passwords
 *   192.168.101.1                   --------  192.168.101.2                       FRR "Frr-k3y", Junction "n0t-the-k3y"
 * </pre>
 */
@Tag("interop")
class FrrMd5InteropTest {
    private static final String BGPD = """
            frr defaults traditional
            hostname frr-md5
            !
            router bgp 64512
             bgp router-id 192.168.100.1
             no bgp ebgp-requires-policy
             no bgp default ipv4-unicast
             no bgp network import-check
             timers bgp 3 9
             neighbor 192.168.100.2 remote-as 64512
             neighbor 192.168.100.2 update-source 192.168.100.1
             neighbor 192.168.100.2 password Frr-k3y
             neighbor 192.168.100.2 timers connect 1
             neighbor 2001:db8:100::2 remote-as 64512
             neighbor 2001:db8:100::2 update-source 2001:db8:100::1
             neighbor 2001:db8:100::2 password Frr-k3y-v6
             neighbor 2001:db8:100::2 timers connect 1
             neighbor 192.168.101.2 remote-as 64512
             neighbor 192.168.101.2 update-source 192.168.101.1
             neighbor 192.168.101.2 password Frr-k3y
             neighbor 192.168.101.2 timers connect 1
             !
             address-family ipv4 unicast
              network 10.10.9.0/24
              neighbor 192.168.100.2 activate
              neighbor 192.168.101.2 activate
             exit-address-family
             address-family ipv6 unicast
              network 2001:db8:19::/48
              neighbor 2001:db8:100::2 activate
             exit-address-family
            !
            """;
    private static final String SPEAKER = """
            router-id 192.168.100.2
            asn 64512
            listen :: 179
            originate 10.30.9.0/24
            originate 2001:db8:39::/48
            peer v4 address 192.168.100.1 asn 64512 local 192.168.100.2 password Frr-k3y hold 9 connect-retry 1
            peer v6 address 2001:db8:100::1 asn 64512 local 2001:db8:100::2 password Frr-k3y-v6 hold 9 connect-retry 1 families ipv6
            peer bad address 192.168.101.1 asn 64512 local 192.168.101.2 password n0t-the-k3y hold 9 connect-retry 1
            """;

    @Test
    @Timeout(90)
    void keyedSessionsOverIpv4AndIpv6ComeUpAndAWrongPasswordNeverDoes() throws Exception {
        FrrInteropTest.assumeFrr();
        try (LabDir dir = new LabDir(); Lab lab = new Lab()) {
            lab.create(List.of("192.168.100.1/24", "2001:db8:100::1/64", "192.168.101.1/24"),
                    List.of("192.168.100.2/24", "2001:db8:100::2/64", "192.168.101.2/24"));
            try (FrrProcess f = new FrrProcess(lab.nsA, dir, BGPD, List.of("192.168.100.1", "2001:db8:100::1", "192.168.101.1"));
                 SpeakerProcess j = new SpeakerProcess(lab.nsB, dir.write("speaker.conf", SPEAKER), dir.resolve("speaker.log"))) {
                Poll.until("both keyed sessions Established", 30, () -> f.established("192.168.100.2") && f.established("2001:db8:100::2")
                        && j.command("peers").containsAll(List.of("peer v4 ESTABLISHED", "peer v6 ESTABLISHED")));
                Poll.until("routes over both keyed sessions", () ->
                        j.command("routes").contains("route 10.10.9.0/24 nexthop 192.168.100.1 from 192.168.100.1 path []")
                                && j.command("routes").stream().anyMatch(l -> l.startsWith("route 2001:db8:19::/48 "))
                                && f.route("ipv4", "10.30.9.0/24").contains("from 192.168.100.2")
                                && f.route("ipv6", "2001:db8:39::/48").contains("from 2001:db8:100::2"));
                Thread.sleep(4000); // several connect retries of both sides (1 s) for the mismatched pair
                assertThat(f.established("192.168.101.2")).isFalse();
                assertThat(j.command("peers")).contains("peer v4 ESTABLISHED", "peer v6 ESTABLISHED").doesNotContain("peer bad ESTABLISHED");
            } catch (AssertionError | Exception e) {
                dir.dumpLogs();
                throw e;
            }
            assertThat(Files.readString(dir.resolve("speaker.log"))).doesNotContain("Frr-k3y").doesNotContain("n0t-the-k3y");
        }
    }
}
