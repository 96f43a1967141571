package dev.junction.agent.sandbox;

import java.util.Locale;

/**
 * A node of a multi-node scenario, as {@code nodes:} in probes.yaml lists it.
 *
 * @param name   the Node name
 * @param subnet {@code A} (192.168.10.0/24, switched by the wire) or {@code B} (192.168.20.0/24, routed by the wire)
 * @param zone   its zone label, or null for the scenario's {@code nodeZone} / zone-a
 */
public record ScenarioNode(String name, String subnet, String zone) {

    public ScenarioNode {
        if (name == null || !name.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?")) {
            throw new IllegalArgumentException("node name must be a DNS name: " + name);
        }
        subnet = subnet == null ? "A" : subnet.trim().toUpperCase(Locale.ROOT);
        if (!subnet.equals("A") && !subnet.equals("B")) {
            throw new IllegalArgumentException("node " + name + ": subnet must be A or B, not " + subnet);
        }
    }
}
