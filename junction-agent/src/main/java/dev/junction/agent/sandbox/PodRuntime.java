package dev.junction.agent.sandbox;

import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The running side of the sandbox's pods, playing kubelet and CNI: a namespace on its node's bridge per pod (the
 * node namespace for hostNetwork pods) and a {@link PodServer} in it.
 */
final class PodRuntime {

    private final Topology topology;
    private final OwnedResources owned;
    private final Path serverScript;
    private final Path logDir;
    private final Map<ObjectRef, PodServer> servers = new ConcurrentHashMap<>();
    /** Where a bridged pod is plugged in: its node, and the last octet of its IP (names its namespace and veth). */
    private record Slot(SandboxNode node, int host) {
    }

    private final Map<ObjectRef, Slot> slots = new ConcurrentHashMap<>();

    PodRuntime(Topology topology, OwnedResources owned, Path serverScript, Path logDir) {
        this.topology = topology;
        this.owned = owned;
        this.serverScript = serverScript;
        this.logDir = logDir;
    }

    /**
     * Wires and starts the given pods (IPs already assigned by the cluster state); servers start in parallel
     * and this returns once all are listening. A pod that already runs gets a fresh server (its ports may have
     * changed) in its existing namespace.
     */
    void start(List<Pod> pods, ClusterState cluster) {
        List<PodServer> started = new ArrayList<>();
        for (Pod pod : pods) {
            ObjectRef ref = ObjectRef.of(pod);
            PodServer old = servers.remove(ref);
            if (old != null) {
                old.stop(owned);
            }
            SandboxNode node = cluster.hostingNode(ref);
            String namespace;
            if (ClusterState.hostNetwork(pod)) {
                Slot was = slots.remove(ref);
                if (was != null) {
                    topology.removePod(was.node(), was.host());
                }
                namespace = node.namespace();
            } else {
                String ip = cluster.podIp(ref);
                Slot slot = new Slot(node, Integer.parseInt(ip.substring(ip.lastIndexOf('.') + 1)));
                Slot was = slots.put(ref, slot);
                if (!slot.equals(was)) { // new, or moved (another node, or was hostNetwork): plug in afresh
                    if (was != null) {
                        topology.removePod(was.node(), was.host());
                    }
                    topology.addPod(node, slot.host());
                }
                namespace = node.podNamespace(slot.host());
            }
            PodServer server = PodServer.start(pod, namespace, serverScript, logDir, owned);
            servers.put(ref, server);
            started.add(server);
        }
        started.forEach(PodServer::awaitReady);
    }

    /** Stops a pod's server and deletes its namespace. */
    void stop(ObjectRef ref) {
        PodServer server = servers.remove(ref);
        if (server != null) {
            server.stop(owned);
        }
        Slot slot = slots.remove(ref);
        if (slot != null) {
            topology.removePod(slot.node(), slot.host());
        }
    }

    Map<ObjectRef, PodServer> servers() {
        return Map.copyOf(servers);
    }

    /** The namespace a pod's processes run in (its node's for hostNetwork pods), or null if it is not running. */
    String namespaceOf(ObjectRef ref, ClusterState cluster) {
        Slot slot = slots.get(ref);
        if (slot != null) {
            return slot.node().podNamespace(slot.host());
        }
        return servers.containsKey(ref) ? cluster.hostingNode(ref).namespace() : null;
    }
}
