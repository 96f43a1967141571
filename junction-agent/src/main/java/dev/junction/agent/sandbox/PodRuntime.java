package dev.junction.agent.sandbox;

import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The running side of the sandbox's pods, playing kubelet and CNI: a namespace on the bridge per pod (the node
 * namespace for hostNetwork pods) and a {@link PodServer} in it.
 */
final class PodRuntime {

    private final Topology topology;
    private final OwnedResources owned;
    private final Path serverScript;
    private final Path logDir;
    private final Map<ObjectRef, PodServer> servers = new ConcurrentHashMap<>();
    /** Last octet of each bridged pod's IP: names its namespace and veth. */
    private final Map<ObjectRef, Integer> hosts = new ConcurrentHashMap<>();

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
            String namespace;
            if (ClusterState.hostNetwork(pod)) {
                namespace = topology.nodeNamespace();
            } else {
                String ip = cluster.podIp(ref);
                int host = Integer.parseInt(ip.substring(ip.lastIndexOf('.') + 1));
                if (hosts.putIfAbsent(ref, host) == null) {
                    topology.addPod(host);
                }
                namespace = topology.podNamespace(host);
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
        Integer host = hosts.remove(ref);
        if (host != null) {
            topology.removePod(host);
        }
    }

    Map<ObjectRef, PodServer> servers() {
        return Map.copyOf(servers);
    }

    Map<ObjectRef, Integer> hosts() {
        return hosts;
    }
}
