package dev.junction.netpol.oracle;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small cluster for tests. IP plan: local node {@code node-1} 192.168.0.1 / fd00:192::1, other node
 * {@code node-2} 192.168.0.2; pods in 10.244.0.0/16 and fd00:244::/64 unless a test needs an address elsewhere;
 * external clients in 203.0.113.0/24, 8.8.8.8 and fd00:17::/64.
 */
final class TestCluster {
    static final List<String> DEFAULT_PORTS = List.of("http=80/TCP", "81/TCP", "80/UDP", "dns=53/UDP");
    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    private final List<Namespace> namespaces = new ArrayList<>();
    private final List<Pod> pods = new ArrayList<>();
    private final List<NetworkPolicy> policies = new ArrayList<>();

    /** A namespace with {@code key=value} labels. */
    TestCluster namespace(String name, String... labels) {
        namespaces.add(new NamespaceBuilder().withNewMetadata().withName(name).withLabels(labels(labels)).endMetadata()
                .build());
        return this;
    }

    /** A pod on node-1 with the default ports; {@code ips} comma-separated, empty for none. */
    TestCluster pod(String ref, String ips, String... labels) {
        return pod(ref, ips, "node-1", false, DEFAULT_PORTS, labels);
    }

    /**
     * A pod with everything chosen: {@code ports} written {@code name=number/PROTO} or {@code number/PROTO}.
     */
    TestCluster pod(String ref, String ips, String node, boolean hostNetwork, List<String> ports, String... labels) {
        String[] nsName = ref.split("/");
        List<String> addresses = ips.isEmpty() ? List.of() : Arrays.asList(ips.split(","));
        pods.add(new PodBuilder()
                .withNewMetadata().withNamespace(nsName[0]).withName(nsName[1]).withLabels(labels(labels)).endMetadata()
                .withNewSpec().withNodeName(node).withHostNetwork(hostNetwork ? true : null)
                .addNewContainer().withName("main").withImage("agnhost").withPorts(ports.stream().map(TestCluster::port).toList())
                .endContainer().endSpec()
                .withNewStatus().withPodIP(addresses.isEmpty() ? null : addresses.getFirst())
                .withPodIPs(addresses.stream().map(PodIP::new).toList()).endStatus()
                .build());
        return this;
    }

    /** Policies from YAML documents separated by {@code ---}. */
    TestCluster policies(String yaml) {
        for (String doc : yaml.split("(?m)^---\\s*$")) {
            if (!doc.isBlank()) {
                policies.add(YAML.unmarshal(doc, NetworkPolicy.class));
            }
        }
        return this;
    }

    PolicyOracle oracle() {
        return new PolicyOracle(pods, namespaces, policies, LocalNode.of("node-1", "192.168.0.1", "fd00:192::1"));
    }

    /** {@code end} is {@code node}, {@code namespace/name} or an IP literal. */
    static Peer peer(String end) {
        if (end.equals("node")) {
            return Peer.node();
        }
        return end.contains("/") ? Peer.pod(end) : Peer.ip(end);
    }

    private static ContainerPort port(String spec) {
        String name = spec.contains("=") ? spec.substring(0, spec.indexOf('=')) : null;
        String[] numberProtocol = spec.substring(spec.indexOf('=') + 1).split("/");
        ContainerPort p = new ContainerPort();
        p.setName(name);
        p.setContainerPort(Integer.parseInt(numberProtocol[0]));
        p.setProtocol(numberProtocol[1]);
        return p;
    }

    private static Map<String, String> labels(String... labels) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String l : labels) {
            map.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1));
        }
        return map;
    }
}
