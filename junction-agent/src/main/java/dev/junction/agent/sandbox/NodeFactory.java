package dev.junction.agent.sandbox;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.NodeSpec;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Node objects as a kubelet and the node IPAM controller would publish them. A Node manifest from the scenario
 * wins for labels (e.g. a different zone); addresses and pod CIDRs are filled in where it leaves them out, and the
 * nodes the sandbox built always get their real ones because that is where their pods live.
 */
final class NodeFactory {

    private NodeFactory() {
    }

    /**
     * A node the sandbox built, with an agent on it. Its InternalIP and pod CIDR are always the real ones: the
     * router meshes the nodes from them, and its pods live there.
     */
    static Node realNode(SandboxNode built, Node fromScenario) {
        Node node = base(built.name(), fromScenario, built.zone());
        node.getSpec().setPodCIDR(built.podCidr());
        node.getSpec().setPodCIDRs(List.of(built.podCidr()));
        node.getStatus().setAddresses(addresses(built.name(), built.internalIp()));
        return node;
    }

    /** A node that only exists on paper: its pods really sit on the sandbox bridge (see {@link ClusterState}). */
    static Node remoteNode(String name, Node fromScenario, String zone, int index) {
        Node node = base(name, fromScenario, zone);
        if (node.getSpec().getPodCIDR() == null) {
            String cidr = "10.244." + index + ".0/24";
            node.getSpec().setPodCIDR(cidr);
            node.getSpec().setPodCIDRs(List.of(cidr));
        }
        if (node.getStatus().getAddresses().isEmpty()) {
            node.getStatus().setAddresses(addresses(name, "192.168.77." + (10 + index)));
        }
        return node;
    }

    /** The InternalIP of a node (null if it has none). */
    static String internalIp(Node node) {
        return node.getStatus().getAddresses().stream().filter(a -> "InternalIP".equals(a.getType()))
                .map(NodeAddress::getAddress).findFirst().orElse(null);
    }

    private static Node base(String name, Node fromScenario, String zone) {
        Node node = fromScenario == null
                ? new NodeBuilder().withNewMetadata().withName(name).endMetadata().build()
                : Serialization.clone(fromScenario);
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("kubernetes.io/hostname", name);
        labels.put("kubernetes.io/os", "linux");
        labels.put(EndpointSliceController.ZONE_LABEL, zone);
        if (node.getMetadata().getLabels() != null) {
            labels.putAll(node.getMetadata().getLabels());
        }
        node.getMetadata().setLabels(labels);
        if (node.getMetadata().getUid() == null) {
            node.getMetadata().setUid(ClusterState.uid("Node", null, name));
        }
        if (node.getSpec() == null) {
            node.setSpec(new NodeSpec());
        }
        if (node.getStatus() == null) {
            node.setStatus(new NodeStatus());
        }
        if (node.getStatus().getConditions().isEmpty()) {
            node.getStatus().setConditions(List.of(new NodeConditionBuilder()
                    .withType("Ready").withStatus("True").withReason("KubeletReady").build()));
        }
        return node;
    }

    private static List<NodeAddress> addresses(String name, String ip) {
        return List.of(new NodeAddress(ip, "InternalIP"), new NodeAddress(name, "Hostname"));
    }
}
