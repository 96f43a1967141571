package dev.junction.netpol.oracle;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cluster to ask the oracle about: namespaces, pods, policies and the local node. It prints as multi-document
 * YAML ({@link #toYaml()}: a {@code # seed:} comment, the local node as a v1 Node with InternalIP addresses, then
 * namespaces, pods and policies) and reads back from it ({@link #fromYaml}), so a failing case can be pasted into a
 * test or applied to a cluster.
 *
 * @param seed the seed {@link RandomPolicies} generated it from (0 for hand-written scenarios)
 */
public record Scenario(long seed, LocalNode node, List<Namespace> namespaces, List<Pod> pods,
                       List<NetworkPolicy> policies) {
    private static final KubernetesSerialization YAML = new KubernetesSerialization();
    private static final Pattern SEED = Pattern.compile("(?m)^# seed: (-?\\d+)$");

    public Scenario {
        namespaces = List.copyOf(namespaces);
        pods = List.copyOf(pods);
        policies = List.copyOf(policies);
    }

    /** An oracle over this scenario. */
    public PolicyOracle oracle() {
        return new PolicyOracle(pods, namespaces, policies, node);
    }

    /**
     * Every pod, the local node, and addresses that belong to no pod, inside and outside the generated ipBlocks
     * and their excepts: the other node, 10.0.9.9 (in 10.0.0.0/16), 10.0.1.99 (in its except), 203.0.113.7,
     * 8.8.8.8 and fd00:10::9:9 / fd00:203::7.
     */
    public List<Peer> peers() {
        List<Peer> peers = new ArrayList<>(oracle().pods());
        peers.add(Peer.node());
        for (String ip : List.of("192.168.0.2", "10.0.9.9", "10.0.1.99", "203.0.113.7", "8.8.8.8", "fd00:10::9:9",
                "fd00:203::7")) {
            peers.add(Peer.ip(ip));
        }
        return List.copyOf(peers);
    }

    /** The scenario as YAML documents, deterministic for a given scenario. */
    public String toYaml() {
        StringBuilder s = new StringBuilder("# seed: " + seed + "\n");
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(nodeObject());
        objects.addAll(namespaces);
        objects.addAll(pods);
        objects.addAll(policies);
        for (HasMetadata o : objects) {
            String doc = YAML.asYaml(o);
            s.append(doc.startsWith("---") ? doc : "---\n" + doc);
            if (!doc.endsWith("\n")) {
                s.append('\n');
            }
        }
        return s.toString();
    }

    /** Reads {@link #toYaml()} output (or hand-written YAML: Node, Namespace, Pod, NetworkPolicy documents). */
    public static Scenario fromYaml(String yaml) {
        Matcher m = SEED.matcher(yaml);
        long seed = m.find() ? Long.parseLong(m.group(1)) : 0;
        LocalNode node = new LocalNode(null, List.of());
        List<Namespace> namespaces = new ArrayList<>();
        List<Pod> pods = new ArrayList<>();
        List<NetworkPolicy> policies = new ArrayList<>();
        for (String doc : yaml.split("(?m)^---\\s*$")) {
            if (doc.lines().allMatch(l -> l.isBlank() || l.stripLeading().startsWith("#"))) {
                continue;
            }
            HasMetadata object = YAML.unmarshal(doc, HasMetadata.class);
            switch (object) {
                case Node n -> node = localNode(n);
                case Namespace n -> namespaces.add(n);
                case Pod p -> pods.add(p);
                case NetworkPolicy p -> policies.add(p);
                default -> throw new IllegalArgumentException("unexpected kind " + object.getKind());
            }
        }
        return new Scenario(seed, node, namespaces, pods, policies);
    }

    private Node nodeObject() {
        return new NodeBuilder().withNewMetadata().withName(node.name()).endMetadata()
                .withNewStatus()
                .withAddresses(node.addresses().stream()
                        .map(a -> new NodeAddress(Addresses.format(a), "InternalIP")).toList())
                .endStatus()
                .build();
    }

    private static LocalNode localNode(Node n) {
        List<String> ips = n.getStatus() == null ? List.of() : n.getStatus().getAddresses().stream()
                .filter(a -> "InternalIP".equals(a.getType()) || "ExternalIP".equals(a.getType()))
                .map(NodeAddress::getAddress).toList();
        return LocalNode.of(n.getMetadata().getName(), ips.toArray(String[]::new));
    }
}
