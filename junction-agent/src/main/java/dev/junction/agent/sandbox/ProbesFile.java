package dev.junction.agent.sandbox;

import java.util.List;

/**
 * The contents of a scenario's probes.yaml.
 *
 * @param agentArgs      extra command-line arguments for the agent(s)
 * @param nodeZone       the sandbox node's {@code topology.kubernetes.io/zone} label (multi-node: every node's
 *                       default), or null for the default
 * @param nodes          the nodes of a multi-node scenario; empty = the single sandbox node
 * @param externalRouter {@code "bird"}: a BIRD router in the wire namespace peers with every node; null: none
 * @param probes         the checks, in file order
 */
public record ProbesFile(List<String> agentArgs, String nodeZone, List<ScenarioNode> nodes, String externalRouter,
                         List<Probe> probes) {

    public static final ProbesFile EMPTY = new ProbesFile(List.of(), null, List.of(), null, List.of());

    public ProbesFile {
        agentArgs = List.copyOf(agentArgs);
        nodes = List.copyOf(nodes);
        probes = List.copyOf(probes);
        if (externalRouter != null && nodes.isEmpty()) {
            throw new IllegalArgumentException("externalRouter needs a multi-node scenario (nodes:)");
        }
    }

    public ProbesFile(List<String> agentArgs, String nodeZone, List<Probe> probes) {
        this(agentArgs, nodeZone, List.of(), null, probes);
    }
}
