package dev.junction.agent.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real agent of one node, run as a child JVM inside its node namespace with this JVM's class path, reading the manifest
 * folder the sandbox writes. Output goes to one log file (appended across restarts). Healthy = its healthz
 * endpoint answers 200, which the agent does once its first sync has been applied.
 */
final class AgentProcess {

    private static final Duration HEALTH_POLL = Duration.ofMillis(150);

    private final SandboxNode node;
    private final Path manifests;
    private final Path log;
    private final List<String> extraArgs;
    private final OwnedResources owned;
    private Process process;

    AgentProcess(SandboxNode node, Path manifests, Path log, List<String> extraArgs, OwnedResources owned) {
        this.node = node;
        this.manifests = manifests;
        this.log = log;
        this.extraArgs = List.copyOf(extraArgs);
        this.owned = owned;
    }

    /** The full command line: {@code ip netns exec NODE java ... dev.junction.agent.Main agent ...}. */
    List<String> command() {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>(List.of(java,
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                // a short-lived test agent: start fast, stay small
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                "dev.junction.agent.Main", "agent",
                "--manifests", manifests.toString(),
                "--hostname-override", node.name(),
                "--cluster-cidr", SandboxNetwork.CLUSTER_CIDR,
                "--service-cluster-ip-range", SandboxNetwork.SERVICE_CIDR,
                "--service-external-ip-range", SandboxNetwork.EXTERNAL_IP_RANGE,
                "--healthz-bind-address", "0.0.0.0:" + SandboxNetwork.HEALTHZ_PORT));
        cmd.addAll(extraArgs);
        return Topology.inNamespace(node.namespace(), cmd);
    }

    synchronized void start() {
        if (alive()) {
            throw new IllegalStateException("the agent is already running");
        }
        try {
            // the class path is long and the same as the sandbox's own: keep the header readable
            String shown = String.join(" ", command()).replace(System.getProperty("java.class.path"),
                    "<the sandbox's java.class.path>");
            Files.writeString(log, "=== sandbox: starting " + shown + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            process = new ProcessBuilder(command()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(Exec.NO_INPUT)
                    .start();
            owned.process(process);
        } catch (IOException e) {
            throw new UncheckedIOException("starting the agent", e);
        }
    }

    /** Waits for healthz 200; fails early if the agent exits. */
    void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Process p = process;
            if (p == null || !p.isAlive()) {
                throw new IllegalStateException("the agent of " + node.name() + " exited (code " + (p == null ? "?" : p.exitValue())
                        + ") before it became healthy; log " + log + ":\n" + logTail(30));
            }
            if (healthzStatus() == 200) {
                return;
            }
            sleep(HEALTH_POLL);
        }
        throw new IllegalStateException("the agent of " + node.name() + " was not healthy after " + timeout + "; log " + log + ":\n"
                + logTail(30));
    }

    /** The HTTP status of healthz inside the node namespace, or -1 if nothing answered. */
    int healthzStatus() {
        var r = Exec.run(Topology.inNamespace(node.namespace(), List.of("curl", "-s", "-o", "/dev/null",
                "-w", "%{http_code}", "--max-time", "1",
                "http://127.0.0.1:" + SandboxNetwork.HEALTHZ_PORT + "/healthz")), null, Duration.ofSeconds(5), owned);
        try {
            int code = Integer.parseInt(r.stdout().trim());
            return code == 0 ? -1 : code;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** SIGKILL, as a crash would: the agent gets no chance to clean up its rules. */
    synchronized void kill9() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            owned.forgetProcess(process);
        }
    }

    /** SIGTERM (graceful), SIGKILL after 2 s. */
    synchronized void stop() {
        if (process != null) {
            OwnedResources.stopAll(List.of(process));
            owned.forgetProcess(process);
        }
    }

    synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    SandboxNode node() {
        return node;
    }

    Path log() {
        return log;
    }

    String logTail(int lines) {
        try {
            if (!Files.exists(log)) {
                return "(no agent log)";
            }
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(agent log unreadable: " + e.getMessage() + ")";
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
