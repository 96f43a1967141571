package dev.junction.netpol.oracle;

import io.fabric8.kubernetes.api.model.ContainerPort;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One end of a flow after resolution: what it is, the labels selectors see, its addresses and, once a family is
 * chosen, the one address the flow uses.
 *
 * @param kind what the end is, which decides what a peer can match it by
 * @param label how explanations name it: {@code ns/name}, {@code node} or the address
 * @param namespace a pod's namespace, {@code null} otherwise
 * @param podLabels a pod's labels, empty otherwise
 * @param namespaceLabels a pod's namespace's labels, empty otherwise
 * @param containerPorts the ports a pod declares in {@code spec.containers[*].ports}, empty otherwise
 * @param onLocalNode whether a (host-network) pod runs on the local node; always true for {@link Kind#NODE}
 * @param addresses every address of the end, in the order the object lists them
 * @param ip the address the flow uses, {@code null} until {@link #at} picks it
 */
record Endpoint(Kind kind, String label, String namespace, Map<String, String> podLabels,
                Map<String, String> namespaceLabels, List<ContainerPort> containerPorts, boolean onLocalNode,
                List<InetAddress> addresses, InetAddress ip) {

    /** What an end is. */
    enum Kind {
        /** A pod on the pod network: policed, and matched by selectors and by {@code ipBlock}. */
        POD,
        /** A pod with {@code hostNetwork: true}: not policed; peers see its node's address, like node traffic. */
        HOST_NETWORK_POD,
        /** The local node itself. */
        NODE,
        /** Any other address. */
        EXTERNAL
    }

    /** The same end using its first address of {@code family}, or empty when it has none. */
    Optional<Endpoint> at(IpFamily family) {
        return addresses.stream().filter(a -> IpFamily.of(a) == family).findFirst()
                .map(a -> new Endpoint(kind, label, namespace, podLabels, namespaceLabels, containerPorts, onLocalNode,
                        addresses, a));
    }

    boolean hasFamily(IpFamily family) {
        return addresses.stream().anyMatch(a -> IpFamily.of(a) == family);
    }

    /**
     * Whether traffic from this end is traffic of the local node: the node itself, or a host-network pod on it
     * (which shares the node's network namespace and address). It is exempt only at pods on the local node.
     */
    boolean isLocalNodeTraffic() {
        return kind == Kind.NODE || (kind == Kind.HOST_NETWORK_POD && onLocalNode);
    }

    /**
     * Whether a pod-network pod declares a container port named {@code name} with {@code protocol} and number
     * {@code port}. Container port protocol defaults to TCP. Other ends declare no ports.
     */
    boolean declaresNamedPort(String name, String protocol, int port) {
        if (kind != Kind.POD) {
            return false;
        }
        return containerPorts.stream().anyMatch(cp -> name.equals(cp.getName())
                && protocol.equals(Objects.requireNonNullElse(cp.getProtocol(), "TCP"))
                && cp.getContainerPort() != null && cp.getContainerPort() == port);
    }
}
