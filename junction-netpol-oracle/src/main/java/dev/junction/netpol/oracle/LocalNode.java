package dev.junction.netpol.oracle;

import io.fabric8.kubernetes.api.model.Pod;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The node the oracle stands on: its name and its own IPs. Traffic that the node itself sends to a pod it runs
 * is always allowed (the API reference, {@code NetworkPolicySpec.ingress}: "or if the traffic source is the pod's
 * local node"; the concept page: kubelet health checks must work).
 *
 * @param name the node name compared with a pod's {@code spec.nodeName}; {@code null} means every pod is local
 * @param addresses the node's own IPs, used as the source address of {@link Peer#node()} and matched by
 *     {@code ipBlock} like any other address
 */
public record LocalNode(String name, List<InetAddress> addresses) {
    public LocalNode {
        addresses = List.copyOf(addresses);
    }

    /** A node named {@code name} with the given IP literals. */
    public static LocalNode of(String name, String... ips) {
        return new LocalNode(name, Arrays.stream(ips).map(Addresses::parse).toList());
    }

    /** Whether {@code pod} runs on this node. */
    public boolean runs(Pod pod) {
        return name == null || (pod.getSpec() != null && Objects.equals(name, pod.getSpec().getNodeName()));
    }
}
