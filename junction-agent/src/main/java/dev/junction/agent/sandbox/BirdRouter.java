package dev.junction.agent.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * An external router for multi-node scenarios ({@code externalRouter: bird}): BIRD 2 in the wire namespace, AS
 * 64999, with one eBGP session per node from the wire's address on that node's subnet. It is passive (the agents
 * dial it, with {@code --peer-router-ips}), so an agent that is not listening yet costs BIRD no error back-off,
 * and it installs what it learns into the wire's kernel table: the wire has no other route to a pod CIDR, so
 * {@code from: external} traffic to a pod only flows if BIRD learned that node's pod CIDR.
 *
 * <p>Run as {@code ip netns exec WIRE bird -f ...}: ip execs BIRD, so the process handle is BIRD itself and
 * stopping it by that handle stops exactly this daemon.
 */
final class BirdRouter {

    static final Path BIRD = Path.of("/usr/sbin/bird");
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(10);

    private final NodeLayout layout;
    private final Path dir;
    private final OwnedResources owned;

    BirdRouter(NodeLayout layout, Path dir, OwnedResources owned) {
        this.layout = layout;
        this.dir = dir;
        this.owned = owned;
    }

    /** bird.conf: a kernel protocol exporting every learned route, one bgp protocol per node. */
    String config() {
        StringBuilder b = new StringBuilder("""
                # written by junction sandbox: the external router of a multi-node scenario
                log stderr all;
                router id %s;
                protocol device { scan time 1; }
                protocol kernel { ipv4 { import none; export all; }; }
                """.formatted(NodeLayout.SUBNET_A_ROUTER));
        List<SandboxNode> nodes = layout.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            SandboxNode n = nodes.get(i);
            b.append("""
                    protocol bgp n%d {  # %s
                      local %s as %d;
                      neighbor %s as 64512;
                      passive on;
                      hold time 9; keepalive time 3;
                      connect delay time 1; connect retry time 1; error wait time 1, 5;
                      ipv4 { import all; export none; };
                    }
                    """.formatted(i + 1, n.name(), n.gateway(), Agents.EXTERNAL_ASN, n.internalIp()));
        }
        return b.toString();
    }

    /** Writes the config and starts BIRD; returns once its control socket exists (it is listening by then). */
    void start() {
        if (!Files.isExecutable(BIRD)) {
            throw new IllegalStateException("externalRouter: bird needs " + BIRD + " (the bird2 package)");
        }
        Path conf = dir.resolve("bird.conf");
        Path socket = dir.resolve("bird.ctl");
        Path log = dir.resolve("bird.log");
        Process p;
        try {
            Files.writeString(conf, config());
            p = new ProcessBuilder(Topology.inNamespace(layout.externalNamespace(), List.of(BIRD.toString(), "-f",
                    "-c", conf.toString(), "-s", socket.toString(), "-P", dir.resolve("bird.pid").toString())))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(Exec.NO_INPUT).start();
        } catch (IOException e) {
            throw new UncheckedIOException("starting bird", e);
        }
        owned.process(p);
        long deadline = System.nanoTime() + SOCKET_TIMEOUT.toNanos();
        while (!Files.exists(socket)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("bird did not start (" + (p.isAlive() ? "no control socket after "
                        + SOCKET_TIMEOUT : "exited " + p.exitValue()) + "); log " + log + ":\n" + read(log));
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
