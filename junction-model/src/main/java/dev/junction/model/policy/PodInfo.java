package dev.junction.model.policy;

import dev.junction.model.Ip;
import dev.junction.model.Protocol;
import java.util.List;
import java.util.Map;

/**
 * A pod as the firewall sees it.
 *
 * @param ips status.podIPs (empty until the pod has an address)
 * @param hostNetwork host-network pods are not policed
 * @param ports the containers' declared ports, for named ports in policies
 */
public record PodInfo(String namespace, String name, List<Ip> ips, Map<String, String> labels, String nodeName,
        boolean hostNetwork, List<NamedPort> ports) {

    /** A containerPort with a name. */
    public record NamedPort(String name, Protocol protocol, int port) {}

    public PodInfo {
        ips = List.copyOf(ips);
        labels = Map.copyOf(labels);
        nodeName = nodeName == null ? "" : nodeName;
        ports = List.copyOf(ports);
    }

    public String key() {
        return namespace + "/" + name;
    }
}
