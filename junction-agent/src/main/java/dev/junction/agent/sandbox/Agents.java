package dev.junction.agent.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent of every node the sandbox built, handled together: {@link Sandbox}'s agent methods act on all of
 * them (single-node: on the one). Each reads the same manifest folder as its own node ({@code
 * --hostname-override}); multi-node agents also run the router, so that the nodes mesh over iBGP (AS 64512, full
 * mesh from the Node objects) and reach the node behind the wire's router through VXLAN.
 */
final class Agents {

    /** The external BIRD's AS, for {@code --peer-router-asns}. */
    static final long EXTERNAL_ASN = 64999;

    private final List<AgentProcess> agents;

    private Agents(List<AgentProcess> agents) {
        this.agents = List.copyOf(agents);
    }

    /**
     * @param withExternalRouter every agent peers with the wire's BIRD, at the router address of its own subnet
     *                           (so each session is one hop, as BIRD's direct eBGP wants)
     */
    static Agents of(NodeLayout layout, Path manifests, WorkDir workDir, List<String> scenarioArgs,
                     boolean withExternalRouter, OwnedResources owned) {
        List<AgentProcess> out = new ArrayList<>();
        for (SandboxNode node : layout.nodes()) {
            List<String> args = new ArrayList<>();
            if (layout.multiNode()) {
                args.add("--run-router");
                if (withExternalRouter) {
                    args.addAll(List.of("--peer-router-ips", node.gateway(),
                            "--peer-router-asns", String.valueOf(EXTERNAL_ASN)));
                }
            }
            args.addAll(scenarioArgs); // last, so the scenario can override a default
            Path log = workDir.resolve(layout.multiNode() ? "agent-" + node.name() + ".log" : "agent.log");
            out.add(new AgentProcess(node, manifests, log, args, owned));
        }
        return new Agents(out);
    }

    /** Starts every agent (the JVMs boot in parallel), then waits until each is healthy. */
    void start(Duration timeout) {
        agents.forEach(AgentProcess::start);
        agents.forEach(a -> a.awaitHealthy(timeout));
    }

    void kill9() {
        agents.forEach(AgentProcess::kill9);
    }

    /** Graceful stop of all at once (each may take its 2 s grace period). */
    void stop() {
        agents.parallelStream().forEach(AgentProcess::stop);
    }

    /** Whether every agent runs. */
    boolean alive() {
        return agents.stream().allMatch(AgentProcess::alive);
    }

    /** The first node's log (single-node: the only one). */
    Path log() {
        return agents.getFirst().log();
    }

    List<Path> logs() {
        return agents.stream().map(AgentProcess::log).toList();
    }

    /** The last lines of every log, each under a header naming its node when there are several. */
    String logTail(int lines) {
        if (agents.size() == 1) {
            return agents.getFirst().logTail(lines);
        }
        StringBuilder b = new StringBuilder();
        for (AgentProcess a : agents) {
            b.append("--- agent of ").append(a.node().name()).append(" (").append(a.log()).append(")\n")
                    .append(a.logTail(lines)).append('\n');
        }
        return b.toString().stripTrailing();
    }
}
