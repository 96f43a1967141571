package dev.junction.netpol.oracle;

import dev.junction.netpol.oracle.DirectionVerdict.Outcome;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A second, independent reading of Kubernetes NetworkPolicy (networking.k8s.io/v1): given Pods, Namespaces,
 * NetworkPolicies and the local node, it answers allow or deny for one flow and explains why. It is a pure
 * function of its inputs and shares no code with the firewall compiler; see the package documentation for every
 * semantic decision. Callers must not change the objects after handing them over.
 */
public final class PolicyOracle {
    /** Set by the control plane on every namespace (concept page, "Targeting a Namespace by its name"). */
    static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";
    private static final Set<String> PROTOCOLS = Set.of("TCP", "UDP", "SCTP");

    private final Map<String, Pod> pods = new TreeMap<>();
    private final Map<String, Map<String, String>> namespaceLabels = new HashMap<>();
    private final Map<String, List<NetworkPolicy>> policiesByNamespace = new HashMap<>();
    private final List<InvalidPolicy> invalidPolicies = new ArrayList<>();
    private final LocalNode node;
    private final DirectionEvaluator evaluator;

    /**
     * @param pods every pod (any node); {@code namespace/name} must be unique
     * @param namespaces the namespaces; one missing here has only its {@code kubernetes.io/metadata.name} label
     * @param policies every policy; invalid ones are reported by {@link #invalidPolicies()} and ignored
     * @param node the local node
     */
    public PolicyOracle(List<Pod> pods, List<Namespace> namespaces, List<NetworkPolicy> policies, LocalNode node) {
        this.node = Objects.requireNonNull(node, "node");
        for (Pod pod : pods) {
            String key = namespace(pod) + "/" + pod.getMetadata().getName();
            if (this.pods.put(key, pod) != null) {
                throw new IllegalArgumentException("duplicate pod " + key);
            }
        }
        for (Namespace ns : namespaces) {
            Map<String, String> labels = new LinkedHashMap<>(labels(ns.getMetadata().getLabels()));
            labels.putIfAbsent(NAMESPACE_NAME_LABEL, ns.getMetadata().getName());
            namespaceLabels.put(ns.getMetadata().getName(), Map.copyOf(labels));
        }
        for (NetworkPolicy policy : policies) {
            Optional<String> problem = PolicyValidator.problem(policy);
            if (problem.isPresent()) {
                String name = policy.getMetadata() == null ? null : policy.getMetadata().getName();
                String namespace = policy.getMetadata() == null ? "default" : PolicyText.namespace(policy);
                invalidPolicies.add(new InvalidPolicy(namespace, name, problem.get()));
            } else {
                policiesByNamespace.computeIfAbsent(PolicyText.namespace(policy), k -> new ArrayList<>()).add(policy);
            }
        }
        policiesByNamespace.values().forEach(list -> list.sort(Comparator.comparing(p -> p.getMetadata().getName())));
        invalidPolicies.sort(Comparator.comparing(InvalidPolicy::toString));
        this.evaluator = new DirectionEvaluator(policiesByNamespace);
    }

    /**
     * The policies the oracle ignores, with the reason, sorted. A policy is invalid (and ignored entirely) when:
     * it has no name; a policyTypes entry is not Ingress or Egress; a label selector has an unknown operator, values
     * with Exists/DoesNotExist or none with In/NotIn, or an empty key; a peer is empty or mixes ipBlock with a
     * selector; a cidr or except is not a CIDR, or an except is not a strict subset of its cidr (same family); a
     * protocol is not exactly TCP, UDP or SCTP; a port is outside 1-65535 or not a valid port name; an endPort comes
     * without a numeric port, with a named port, below its port, or above 65535.
     */
    public List<InvalidPolicy> invalidPolicies() {
        return List.copyOf(invalidPolicies);
    }

    /** Every pod, as peers, sorted by namespace/name. */
    public List<Peer> pods() {
        return pods.keySet().stream().map(Peer::pod).toList();
    }

    /**
     * Decides a flow, choosing the address family: IPv4 when both ends have an IPv4 address, else IPv6 when both
     * have one, else the source's family (and the destination is then unreachable).
     *
     * @param port the destination port, 1-65535
     * @param protocol TCP, UDP or SCTP (any case)
     * @throws IllegalArgumentException for an unknown pod, a port out of range or another protocol
     */
    public Verdict decide(Peer from, Peer to, int port, String protocol) {
        return decide(from, to, port, protocol, null);
    }

    /** Decides a flow over {@code family}; an end without an address of that family is unreachable. */
    public Verdict decide(Peer from, Peer to, int port, String protocol, IpFamily family) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not in 1-65535");
        }
        String proto = protocol.toUpperCase(Locale.ROOT);
        if (!PROTOCOLS.contains(proto)) {
            throw new IllegalArgumentException("protocol " + protocol + " is not TCP, UDP or SCTP");
        }
        Endpoint source = resolve(from);
        Endpoint destination = resolve(to);
        List<InvalidPolicy> ignored = invalidPolicies.stream()
                .filter(p -> p.namespace().equals(source.namespace()) || p.namespace().equals(destination.namespace()))
                .toList();
        IpFamily f = family != null ? family : chooseFamily(source, destination);
        Optional<Endpoint> src = source.at(f);
        Optional<Endpoint> dst = destination.at(f);
        if (src.isEmpty() || dst.isEmpty()) {
            DirectionVerdict egress = src.isEmpty() ? unreachable(Direction.EGRESS, source, f)
                    : DirectionVerdict.of(Direction.EGRESS, source.label(), Outcome.NOT_EVALUATED,
                            "not evaluated (the destination is unreachable)");
            DirectionVerdict ingress = dst.isEmpty() ? unreachable(Direction.INGRESS, destination, f)
                    : DirectionVerdict.of(Direction.INGRESS, destination.label(), Outcome.NOT_EVALUATED,
                            "not evaluated (the source is unreachable)");
            return new Verdict(from, to, port, proto, src.map(Endpoint::ip).orElse(null),
                    dst.map(Endpoint::ip).orElse(null), egress, ingress, ignored);
        }
        DirectionVerdict egress, ingress;
        if (from instanceof Peer.PodPeer && from.equals(to)) {
            String self = "allowed — a pod cannot block access to itself";
            egress = DirectionVerdict.of(Direction.EGRESS, source.label(), Outcome.EXEMPT, self);
            ingress = DirectionVerdict.of(Direction.INGRESS, destination.label(), Outcome.EXEMPT, self);
        } else {
            egress = evaluator.evaluate(Direction.EGRESS, src.get(), dst.get(), dst.get(), port, proto);
            ingress = evaluator.evaluate(Direction.INGRESS, dst.get(), src.get(), dst.get(), port, proto);
        }
        return new Verdict(from, to, port, proto, src.get().ip(), dst.get().ip(), egress, ingress, ignored);
    }

    private static IpFamily chooseFamily(Endpoint source, Endpoint destination) {
        for (IpFamily f : IpFamily.values()) {
            if (source.hasFamily(f) && destination.hasFamily(f)) {
                return f;
            }
        }
        return source.addresses().isEmpty() ? IpFamily.IPV4 : IpFamily.of(source.addresses().getFirst());
    }

    private static DirectionVerdict unreachable(Direction direction, Endpoint end, IpFamily family) {
        String what = !end.addresses().isEmpty() ? "has no " + family + " address"
                : end.namespace() != null ? "has no IP yet" : "has no IP";
        return DirectionVerdict.of(direction, end.label(), Outcome.UNREACHABLE,
                "denied — " + end.label() + " " + what + ": unreachable");
    }

    private Endpoint resolve(Peer peer) {
        return switch (peer) {
            case Peer.NodePeer n -> new Endpoint(Endpoint.Kind.NODE, "node", null, Map.of(), Map.of(), List.of(), true,
                    node.addresses(), null);
            case Peer.IpPeer ip -> new Endpoint(Endpoint.Kind.EXTERNAL, ip.toString(), null, Map.of(), Map.of(),
                    List.of(), false, List.of(ip.address()), null);
            case Peer.PodPeer p -> {
                Pod pod = pods.get(p.toString());
                if (pod == null) {
                    throw new IllegalArgumentException("unknown pod " + p);
                }
                boolean hostNetwork = pod.getSpec() != null && Boolean.TRUE.equals(pod.getSpec().getHostNetwork());
                yield new Endpoint(hostNetwork ? Endpoint.Kind.HOST_NETWORK_POD : Endpoint.Kind.POD, p.toString(),
                        p.namespace(), Map.copyOf(labels(pod.getMetadata().getLabels())),
                        namespaceLabels.getOrDefault(p.namespace(), Map.of(NAMESPACE_NAME_LABEL, p.namespace())),
                        containerPorts(pod), node.runs(pod), addresses(pod), null);
            }
        };
    }

    /** {@code status.podIPs}, or {@code status.podIP} when that is empty; unparseable entries are skipped. */
    private static List<InetAddress> addresses(Pod pod) {
        if (pod.getStatus() == null) {
            return List.of();
        }
        List<String> texts = new ArrayList<>();
        if (pod.getStatus().getPodIPs() != null) {
            pod.getStatus().getPodIPs().stream().map(PodIP::getIp).forEach(texts::add);
        }
        if (texts.isEmpty() && pod.getStatus().getPodIP() != null) {
            texts.add(pod.getStatus().getPodIP());
        }
        List<InetAddress> result = new ArrayList<>();
        for (String text : texts) {
            try {
                result.add(Addresses.parse(text));
            } catch (IllegalArgumentException e) {
                // not an address: the pod is unreachable on it
            }
        }
        return List.copyOf(result);
    }

    /** The ports of {@code spec.containers} (init and ephemeral containers do not count). */
    private static List<ContainerPort> containerPorts(Pod pod) {
        if (pod.getSpec() == null || pod.getSpec().getContainers() == null) {
            return List.of();
        }
        return pod.getSpec().getContainers().stream()
                .flatMap(c -> c.getPorts() == null ? java.util.stream.Stream.empty() : c.getPorts().stream())
                .toList();
    }

    private static String namespace(Pod pod) {
        return Objects.requireNonNullElse(pod.getMetadata().getNamespace(), "default");
    }

    private static Map<String, String> labels(Map<String, String> labels) {
        return labels == null ? Map.of() : labels;
    }
}
