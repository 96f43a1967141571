package dev.junction.agent.e2e.bgp;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code junction bgp serve} as a daemon from its YAML file, against BIRD 2 over TCP-MD5 in two namespaces: the
 * route it originates reaches BIRD, {@code junction bgp neighbors} and {@code rib} answer from the admin
 * endpoint, and SIGTERM with graceful restart leaves BIRD holding the route while the session is down.
 */
@Tag("kernel")
class BgpServeKernelTest {
    private static final String BIRD = """
            router id 192.168.150.1;
            protocol device { scan time 1; }
            protocol static own { ipv4; route 10.50.1.0/24 blackhole; }
            protocol bgp junction {
              local 192.168.150.1 as 65001; neighbor 192.168.150.2 as 64512;
              password "serve-k3y";
              hold time 9; keepalive time 3; connect delay time 1; connect retry time 1;
              graceful restart on; graceful restart time 60;
              ipv4 { import all; export where proto = "own"; };
            }
            """;
    private static final String SPEAKER = """
            routerId: 192.168.150.2
            asn: 64512
            listen: {address: 0.0.0.0, port: 179}
            admin: {address: 127.0.0.1, port: 50052}
            gracefulRestart: {enabled: true, restartTime: 60}
            originate: [{prefix: 10.60.1.0/24, communities: ["64512:9"]}]
            peers:
              - {name: bird, address: 192.168.150.1, asn: 65001, localAddress: 192.168.150.2, password: serve-k3y, holdTime: 9, connectRetry: 1}
            """;

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
        return out;
    }

    private static void await(String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.call()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(200);
        }
    }

    private static List<String> java(String ns, String... args) {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns, java, "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "dev.junction.agent.Main"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    @Test
    @Timeout(120)
    void theDaemonPeersWithBirdAnswersItsCommandsAndStopsGracefully() throws Exception {
        assumeTrue("0".equals(run("id", "-u").trim()), "needs root (network namespaces)");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/bird")), "needs bird2");
        String a = "jbs" + ProcessHandle.current().pid() + "a";
        String b = "jbs" + ProcessHandle.current().pid() + "b";
        Path dir = Files.createTempDirectory("junction-bgp-serve");
        Process bird = null;
        Process serve = null;
        try {
            for (String ns : List.of(a, b)) {
                run("ip", "netns", "add", ns);
                run("ip", "-n", ns, "link", "set", "lo", "up");
            }
            run("ip", "link", "add", "eth0", "netns", a, "type", "veth", "peer", "name", "eth0", "netns", b);
            run("ip", "-n", a, "addr", "add", "192.168.150.1/24", "dev", "eth0");
            run("ip", "-n", b, "addr", "add", "192.168.150.2/24", "dev", "eth0");
            run("ip", "-n", a, "link", "set", "eth0", "up");
            run("ip", "-n", b, "link", "set", "eth0", "up");
            Files.writeString(dir.resolve("bird.conf"), BIRD);
            Files.writeString(dir.resolve("speaker.yaml"), SPEAKER);
            Path ctl = dir.resolve("bird.ctl");
            bird = new ProcessBuilder("ip", "netns", "exec", a, "/usr/sbin/bird", "-f", "-c", dir.resolve("bird.conf").toString(),
                    "-s", ctl.toString(), "-P", dir.resolve("bird.pid").toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("bird.log").toFile()).start();
            serve = new ProcessBuilder(java(b, "bgp", "serve", "--config", dir.resolve("speaker.yaml").toString()))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("serve.log").toFile()).start();

            await("BIRD learns the daemon's route", () -> run("birdc", "-s", ctl.toString(), "show", "route", "10.60.1.0/24", "all")
                    .contains("(64512,9)"));
            String neighbors = run(java(b, "bgp", "neighbors").toArray(String[]::new));
            assertThat(neighbors).contains("bird", "192.168.150.1", "65001", "ESTABLISHED");
            String rib = run(java(b, "bgp", "rib").toArray(String[]::new));
            assertThat(rib).contains("10.50.1.0/24", "192.168.150.1", "65001").contains("10.60.1.0/24");
            assertThat(Files.readString(dir.resolve("serve.log"))).doesNotContain("serve-k3y");

            // SIGTERM: graceful restart on, so no NOTIFICATION; BIRD keeps the route as stale for the restart time.
            serve.destroy();
            assertThat(serve.waitFor(20, TimeUnit.SECONDS)).isTrue();
            await("BIRD sees the session go", () -> !run("birdc", "-s", ctl.toString(), "show", "protocols", "junction").contains("Established"));
            Thread.sleep(2000);
            assertThat(run("birdc", "-s", ctl.toString(), "show", "route", "10.60.1.0/24")).as("kept over the restart")
                    .contains("10.60.1.0/24");
        } catch (AssertionError | Exception e) {
            for (String log : List.of("serve.log", "bird.log")) {
                Path p = dir.resolve(log);
                if (Files.exists(p)) System.err.println("--- " + log + "\n" + Files.readString(p));
            }
            throw e;
        } finally {
            for (Process p : new Process[]{serve, bird}) {
                if (p != null) {
                    p.destroyForcibly();
                    p.waitFor(10, TimeUnit.SECONDS);
                }
            }
            run("ip", "netns", "del", a);
            run("ip", "netns", "del", b);
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
