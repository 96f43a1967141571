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
 * TCP-MD5 (RFC 2385) with BIRD 2: one session whose passwords match comes up and carries routes; one whose
 * passwords differ never does, on either side, while the first one stays up. Both directions of connection
 * are tried (both sides connect actively), so the keys of Junction's listener and of its connecting socket are
 * both exercised.
 */
@Tag("interop")
class BirdMd5InteropTest {
    private static final String BIRD_CONF = """
            router id 192.168.100.1;
            protocol device { scan time 1; }
            protocol static own { ipv4; route 10.10.7.0/24 blackhole; }
            protocol bgp good {
              local 192.168.100.1 as 64512; neighbor 192.168.100.2 as 64512; direct;
              password "Bgp!md5-k3y";
              hold time 9; keepalive time 3; connect delay time 1; connect retry time 1;
              ipv4 { import all; export where proto = "own"; next hop self; };
            }
            protocol bgp bad {
              local 192.168.101.1 as 64512; neighbor 192.168.101.2 as 64512; direct;
              password "Bgp!md5-k3y";
              hold time 9; keepalive time 3; connect delay time 1; connect retry time 1;
              ipv4 { import all; export where proto = "own"; next hop self; };
            }
            """;
    private static final String SPEAKER_CONF = """
            router-id 192.168.100.2
            asn 64512
            listen 0.0.0.0 179
            originate 10.30.7.0/24
            peer good address 192.168.100.1 asn 64512 local 192.168.100.2 password Bgp!md5-k3y hold 9 connect-retry 1
            peer bad address 192.168.101.1 asn 64512 local 192.168.101.2 password wrong-key hold 9 connect-retry 1
            """;

    private static void await(String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.call()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(100);
        }
    }

    @Test
    @Timeout(60)
    void matchingPasswordsPeerAndAWrongOneNeverDoes() throws Exception {
        assumeTrue(Lab.root(), "the interop test needs root (network namespaces)");
        Optional<Path> bird = Lab.find("bird");
        Optional<Path> birdc = Lab.find("birdc");
        assumeTrue(bird.isPresent() && birdc.isPresent(), "bird/birdc not found: install BIRD 2 with `apt-get install -y bird2`");

        Path dir = Files.createTempDirectory("junction-bgp-md5");
        try (Lab lab = new Lab()) {
            lab.create(List.of("192.168.100.1/24", "192.168.101.1/24"), List.of("192.168.100.2/24", "192.168.101.2/24"));
            Files.writeString(dir.resolve("speaker.conf"), SPEAKER_CONF);
            try (BirdProcess b = new BirdProcess(bird.get(), birdc.get(), lab.nsA, dir, BIRD_CONF);
                 SpeakerProcess j = new SpeakerProcess(lab.nsB, dir.resolve("speaker.conf"), dir.resolve("speaker.log"))) {
                await("the keyed session Established", () -> b.state("good").equals("Established")
                        && j.command("peers").contains("peer good ESTABLISHED"));
                await("routes both ways over the keyed session", () ->
                        j.command("routes").contains("route 10.10.7.0/24 nexthop 192.168.100.1 from 192.168.100.1 path []")
                                && b.cli("show", "route", "10.30.7.0/24").contains("[good"));
                // Several connect retries of both sides have passed by now (retry 1 s); give them a few more.
                Thread.sleep(4000);
                assertThat(b.state("bad")).isNotEqualTo("Established");
                assertThat(j.command("peers")).contains("peer good ESTABLISHED").doesNotContain("peer bad ESTABLISHED");
                assertThat(b.cli("show", "route", "10.30.7.0/24")).doesNotContain("[bad");
            } catch (AssertionError | Exception e) {
                for (String log : List.of("speaker.log", "bird.log")) {
                    Path p = dir.resolve(log);
                    if (Files.exists(p)) System.err.println("--- " + log + "\n" + Files.readString(p));
                }
                throw e;
            }
            assertThat(Files.readString(dir.resolve("speaker.log"))).as("the password never reaches the log")
                    .doesNotContain("Bgp!md5-k3y").doesNotContain("wrong-key");
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
