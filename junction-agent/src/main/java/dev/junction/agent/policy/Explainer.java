package dev.junction.agent.policy;

import dev.junction.agent.policy.FlowArgs.PortArg;
import dev.junction.kube.Conversion;
import dev.junction.kube.NetworkPolicyConverter;
import dev.junction.kube.PodConverter;
import dev.junction.netpol.oracle.InvalidPolicy;
import dev.junction.netpol.oracle.LocalNode;
import dev.junction.netpol.oracle.Peer;
import dev.junction.netpol.oracle.PolicyOracle;
import dev.junction.netpol.oracle.Verdict;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Answers one {@code policy explain} question with {@link PolicyOracle}: resolves the ends, a named port and the
 * local node, decides, and collects the warnings (unreadable files, policies the firewall's converter or the
 * oracle skips as invalid). Usage problems (an unknown pod, a port the destination does not declare) are
 * IllegalArgumentExceptions.
 */
final class Explainer {
    private Explainer() {}

    /**
     * @param nodeName the local node; null: the destination pod's node, else the source pod's
     * @param nodeIps the node's addresses; empty: its Node object's InternalIP and ExternalIP addresses
     */
    static Explanation explain(ClusterObjects objects, String fromText, String toText, String portText,
            String nodeName, List<String> nodeIps) {
        Peer from = FlowArgs.peer("--from", fromText);
        Peer to = FlowArgs.peer("--to", toText);
        PortArg port = PortArg.parse(portText);
        Map<String, Pod> pods = new TreeMap<>();
        Map<String, String> finished = new HashMap<>();
        for (Pod p : objects.pods()) {
            String key = p.getMetadata().getNamespace() + "/" + p.getMetadata().getName();
            String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
            if (phase != null && PodConverter.FINISHED_PHASES.contains(phase)) {
                finished.put(key, phase); // the firewall ignores these: no IP any more, maybe reused
            } else {
                pods.put(key, p);
            }
        }
        Pod fromPod = pod(from, "--from", pods, finished);
        Pod toPod = pod(to, "--to", pods, finished);
        LocalNode node = localNode(objects.nodes(), nodeName, fromPod, toPod, from, to, nodeIps);
        int number = port.name() == null ? port.number() : resolveNamedPort(port, toPod, to);
        PolicyOracle oracle = new PolicyOracle(List.copyOf(pods.values()), objects.namespaces(), objects.policies(), node);
        Verdict verdict = oracle.decide(from, to, number, port.protocol());
        Set<String> relevant = new LinkedHashSet<>();
        if (from instanceof Peer.PodPeer p) {
            relevant.add(p.namespace());
        }
        if (to instanceof Peer.PodPeer p) {
            relevant.add(p.namespace());
        }
        List<String> warnings = new ArrayList<>(objects.warnings());
        for (Peer end : List.of(from, to)) {
            if (end instanceof Peer.IpPeer ip) {
                podWithAddress(pods, ip).ifPresent(owner -> warnings.add(ip + " is the address of pod " + owner
                        + ": an address end is matched by ipBlock only; name the pod to have its labels count"));
            }
        }
        warnings.addAll(invalidPolicies(objects.policies(), oracle.invalidPolicies(), relevant));
        String portLine = port.name() == null ? null : "port " + port + " of " + to + " is " + number;
        return new Explanation(verdict, port, number, portLine, node, warnings);
    }

    private static java.util.Optional<String> podWithAddress(Map<String, Pod> pods, Peer.IpPeer ip) {
        for (Map.Entry<String, Pod> e : pods.entrySet()) {
            var status = e.getValue().getStatus();
            if (status == null) {
                continue;
            }
            List<String> ips = new ArrayList<>();
            if (status.getPodIPs() != null) {
                status.getPodIPs().stream().filter(Objects::nonNull).map(a -> a.getIp()).forEach(ips::add);
            }
            ips.add(status.getPodIP());
            for (String text : ips) {
                if (text != null && text.equals(ip.toString())) {
                    return java.util.Optional.of(e.getKey());
                }
            }
        }
        return java.util.Optional.empty();
    }

    private static Pod pod(Peer peer, String flag, Map<String, Pod> pods, Map<String, String> finished) {
        if (!(peer instanceof Peer.PodPeer p)) {
            return null;
        }
        Pod pod = pods.get(p.toString());
        if (pod != null) {
            return pod;
        }
        String phase = finished.get(p.toString());
        throw new IllegalArgumentException(flag + " " + p + ": " + (phase == null ? "no such pod"
                : "the pod has finished (status.phase " + phase + "): it holds no IP and is nobody's peer any more"));
    }

    private static LocalNode localNode(List<Node> nodes, String nodeName, Pod fromPod, Pod toPod, Peer from, Peer to,
            List<String> nodeIps) {
        String name = nodeName;
        if (name == null || name.isBlank()) {
            name = nodeOf(toPod) != null ? nodeOf(toPod) : nodeOf(fromPod);
        }
        boolean nodeIsAnEnd = from instanceof Peer.NodePeer || to instanceof Peer.NodePeer;
        List<String> ips = new ArrayList<>(nodeIps);
        if (ips.isEmpty() && name != null) {
            String n = name;
            nodes.stream().filter(o -> n.equals(o.getMetadata().getName())).findFirst().ifPresent(o -> ips.addAll(addresses(o)));
        }
        if (nodeIsAnEnd && name == null) {
            throw new IllegalArgumentException("which node? name it with --node (it is the other end's node by default)");
        }
        if (nodeIsAnEnd && ips.isEmpty()) {
            throw new IllegalArgumentException("the addresses of node " + name + " are unknown (no Node object with an"
                    + " InternalIP or ExternalIP): give them with --node-ip");
        }
        try {
            return LocalNode.of(name, ips.toArray(String[]::new));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--node-ip: " + e.getMessage());
        }
    }

    private static String nodeOf(Pod pod) {
        return pod == null || pod.getSpec() == null || pod.getSpec().getNodeName() == null
                || pod.getSpec().getNodeName().isBlank() ? null : pod.getSpec().getNodeName();
    }

    /** InternalIP, then ExternalIP addresses, as the agent's node converter orders them. */
    private static List<String> addresses(Node node) {
        List<NodeAddress> all = node.getStatus() == null || node.getStatus().getAddresses() == null ? List.of()
                : node.getStatus().getAddresses();
        List<String> out = new ArrayList<>();
        for (String type : List.of("InternalIP", "ExternalIP")) {
            all.stream().filter(a -> type.equals(a.getType()) && a.getAddress() != null).map(NodeAddress::getAddress)
                    .forEach(out::add);
        }
        return out;
    }

    /** A named port resolves against the destination pod's {@code spec.containers[*].ports}, by name and protocol. */
    private static int resolveNamedPort(PortArg port, Pod toPod, Peer to) {
        if (toPod == null) {
            throw new IllegalArgumentException("--port " + port + ": a named port needs a pod as --to (" + to
                    + " declares no ports)");
        }
        List<ContainerPort> declared = toPod.getSpec() == null || toPod.getSpec().getContainers() == null ? List.of()
                : toPod.getSpec().getContainers().stream().filter(Objects::nonNull)
                        .flatMap(c -> c.getPorts() == null ? java.util.stream.Stream.empty() : c.getPorts().stream())
                        .filter(Objects::nonNull).toList();
        return declared.stream()
                .filter(cp -> port.name().equals(cp.getName())
                        && port.protocol().equals(Objects.requireNonNullElse(cp.getProtocol(), "TCP"))
                        && cp.getContainerPort() != null)
                .map(ContainerPort::getContainerPort).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--port " + port + ": " + to + " declares no "
                        + port.protocol() + " container port named " + port.name()));
    }

    /**
     * Warnings for the policies of the flow's namespaces that the firewall (its converter) or the oracle skips, and
     * one line counting those elsewhere (a policy only selects pods of its own namespace, so they cannot matter).
     */
    static List<String> invalidPolicies(List<NetworkPolicy> policies, List<InvalidPolicy> oracleInvalid,
            Set<String> relevant) {
        NetworkPolicyConverter converter = new NetworkPolicyConverter();
        Map<String, String> firewall = new TreeMap<>();
        for (NetworkPolicy p : policies) {
            if (converter.convert(p) instanceof Conversion.Rejected<?>(var reason)) {
                firewall.put(p.getMetadata().getNamespace() + "/" + p.getMetadata().getName(), reason);
            }
        }
        Map<String, String> oracle = new TreeMap<>();
        oracleInvalid.forEach(p -> oracle.put(p.namespace() + "/" + p.name(), p.reason()));
        Set<String> keys = new java.util.TreeSet<>(firewall.keySet());
        keys.addAll(oracle.keySet());
        List<String> out = new ArrayList<>();
        int elsewhere = 0;
        for (String key : keys) {
            if (!relevant.contains(key.substring(0, key.indexOf('/')))) {
                elsewhere++;
                continue;
            }
            String f = firewall.get(key);
            String o = oracle.get(key);
            if (f != null && o != null) {
                out.add("invalid NetworkPolicy " + key + " skipped: " + f + (f.equals(o) ? "" : " (oracle: " + o + ")"));
            } else if (f != null) {
                out.add("invalid NetworkPolicy " + key + " skipped by the firewall (" + f + "), but the oracle applies"
                        + " it: what is enforced may differ from this explanation");
            } else {
                out.add("invalid NetworkPolicy " + key + " skipped by the oracle (" + o + "), but the firewall applies"
                        + " it: what is enforced may differ from this explanation");
            }
        }
        if (elsewhere > 0) {
            out.add(elsewhere + " invalid NetworkPolic" + (elsewhere == 1 ? "y" : "ies")
                    + " in other namespaces skipped (they cannot select these pods)");
        }
        return out;
    }
}
