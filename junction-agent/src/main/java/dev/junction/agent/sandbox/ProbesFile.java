package dev.junction.agent.sandbox;

import java.util.List;

/**
 * The contents of a scenario's probes.yaml.
 *
 * @param agentArgs extra command-line arguments for the agent
 * @param nodeZone  the sandbox node's {@code topology.kubernetes.io/zone} label, or null for the default
 * @param probes    the checks, in file order
 */
public record ProbesFile(List<String> agentArgs, String nodeZone, List<Probe> probes) {

    public static final ProbesFile EMPTY = new ProbesFile(List.of(), null, List.of());

    public ProbesFile {
        agentArgs = List.copyOf(agentArgs);
        probes = List.copyOf(probes);
    }
}
