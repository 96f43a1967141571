package dev.junction.agent.sandbox;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The sandbox's control plane state: the objects the scenario (and later the Java API) applied, plus what the API
 * server, scheduler/kubelet and EndpointSlice controller would add: pod IPs from their node's pod CIDR in apply
 * order (hostNetwork pods get the node IP), pod status, Service defaults, Node objects and EndpointSlices.
 * Which nodes are real comes from the {@link NodeLayout}. Single-node: pods bound to another node
 * ({@code spec.nodeName}) get that (paper) node's hostIP and count as remote endpoints, but still run on the
 * sandbox bridge so traffic to them works. Multi-node: every pod lives on its real node, and a pod or Node for a
 * node the layout does not list is an error.
 */
public final class ClusterState {

    private static final String TERMINATING_SINCE = "2025-01-01T00:00:00Z";

    private final NodeLayout layout;
    private final Map<String, Namespace> namespaces = new TreeMap<>();
    private final Map<String, Node> scenarioNodes = new TreeMap<>();
    private final Map<String, Integer> remoteNodeIndex = new LinkedHashMap<>();
    private final Map<ObjectRef, Pod> pods = new LinkedHashMap<>();
    private final Map<ObjectRef, io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy> policies = new TreeMap<>(
            java.util.Comparator.comparing(ObjectRef::toString));
    private final Map<ObjectRef, String> podIps = new LinkedHashMap<>();
    private final Map<ObjectRef, Service> givenServices = new LinkedHashMap<>();
    private final Map<ObjectRef, Service> services = new LinkedHashMap<>();
    private final Map<ObjectRef, EndpointSlice> givenSlices = new LinkedHashMap<>();
    private final ServiceDefaults serviceDefaults = new ServiceDefaults();
    /** Next last octet per real node; never reused, so stale conntrack cannot confuse. */
    private final Map<String, Integer> nextPodHost = new LinkedHashMap<>();
    private int nextRemotePodHost = 254;

    /** The single-node sandbox (namespace names do not matter here). */
    public ClusterState(String nodeZone) {
        this.layout = NodeLayout.singleNode("js", nodeZone);
    }

    private ClusterState(NodeLayout layout) {
        this.layout = layout;
    }

    static ClusterState of(NodeLayout layout) {
        return new ClusterState(layout);
    }

    /** Applies scenario objects in order, reserving every fixed ClusterIP / node port first. */
    public void applyAll(List<HasMetadata> objects) {
        objects.stream().filter(Service.class::isInstance).forEach(o -> serviceDefaults.reserve((Service) o));
        objects.forEach(this::apply);
    }

    /** Creates or replaces one object (Pod, Service, Namespace, Node, EndpointSlice or NetworkPolicy). */
    public void apply(HasMetadata given) {
        HasMetadata object = Serialization.clone(given);
        var meta = object.getMetadata();
        if (meta == null || meta.getName() == null) {
            throw new IllegalArgumentException(object.getKind() + " without metadata.name");
        }
        switch (object) {
            case Namespace ns -> namespaces.put(meta.getName(), ns);
            case Node node -> {
                if (layout.multiNode()) {
                    layout.requireNode(meta.getName()); // a Node that is not built would only be a dead BGP peer
                }
                scenarioNodes.put(meta.getName(), node);
            }
            case Pod pod -> applyPod(pod);
            case Service svc -> {
                namespaced(svc, "Service");
                ObjectRef ref = ObjectRef.of(svc);
                givenServices.put(ref, svc);
                services.put(ref, serviceDefaults.apply(svc, services.get(ref)));
            }
            case EndpointSlice slice -> givenSlices.put(ObjectRef.of(namespaced(slice, "EndpointSlice")), slice);
            case io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy np ->
                    policies.put(ObjectRef.of(namespaced(np, "NetworkPolicy")), np);
            default -> throw new IllegalArgumentException("the sandbox does not handle kind " + object.getKind());
        }
    }

    /** Deletes an object by kind and reference; returns whether it existed. */
    public boolean delete(String kind, ObjectRef ref) {
        return switch (kind) {
            case "Pod" -> {
                podIps.remove(ref);
                yield pods.remove(ref) != null;
            }
            case "Service" -> {
                givenServices.remove(ref);
                yield services.remove(ref) != null;
            }
            case "EndpointSlice" -> givenSlices.remove(ref) != null;
            case "Namespace" -> namespaces.remove(ref.name()) != null;
            case "NetworkPolicy" -> policies.remove(ref) != null;
            case "Node" -> scenarioNodes.remove(ref.name()) != null;
            default -> throw new IllegalArgumentException("the sandbox does not handle kind " + kind);
        };
    }

    /** Sets a pod's endpoint conditions (as annotations, see {@link PodConditions}). */
    public void setPodConditions(ObjectRef ref, PodConditions conditions) {
        Pod pod = pods.get(ref);
        if (pod == null) {
            throw new IllegalArgumentException("no pod " + ref);
        }
        conditions.annotate(pod);
        fillStatus(pod, podIps.get(ref));
    }

    public Pod pod(ObjectRef ref) {
        return pods.get(ref);
    }

    public List<Pod> pods() {
        return List.copyOf(pods.values());
    }

    /** The defaulted Service (with its allocated ClusterIP and node ports), or null. */
    public Service service(ObjectRef ref) {
        return services.get(ref);
    }

    public String podIp(ObjectRef ref) {
        return podIps.get(ref);
    }

    public static boolean hostNetwork(Pod pod) {
        return Boolean.TRUE.equals(pod.getSpec().getHostNetwork());
    }

    /** Every object the agent should see, in a stable order: namespaces, nodes, services, pods, slices. */
    public List<HasMetadata> desiredObjects() {
        List<HasMetadata> out = new ArrayList<>();
        TreeSet<String> nsNames = new TreeSet<>(namespaces.keySet());
        nsNames.add(ObjectRef.DEFAULT_NAMESPACE);
        pods.keySet().forEach(r -> nsNames.add(r.namespace()));
        services.keySet().forEach(r -> nsNames.add(r.namespace()));
        for (String ns : nsNames) {
            out.add(namespaces.getOrDefault(ns, new NamespaceBuilder().withNewMetadata().withName(ns)
                    .withUid(uid("Namespace", null, ns)).endMetadata().withNewStatus().withPhase("Active")
                    .endStatus().build()));
        }
        Map<String, Node> nodes = nodes();
        out.addAll(nodes.values());
        out.addAll(services.values());
        out.addAll(pods.values());
        List<Pod> podList = List.copyOf(pods.values());
        for (Service svc : services.values()) {
            out.addAll(EndpointSliceController.slicesFor(svc, podList, nodes::get));
        }
        out.addAll(givenSlices.values());
        out.addAll(policies.values());
        return out;
    }

    /** The real nodes, every (paper) node a pod is bound to, and every Node the scenario gave. */
    public Map<String, Node> nodes() {
        Map<String, Node> nodes = new LinkedHashMap<>();
        for (SandboxNode n : layout.nodes()) {
            nodes.put(n.name(), NodeFactory.realNode(n, scenarioNodes.get(n.name())));
        }
        TreeSet<String> others = new TreeSet<>(scenarioNodes.keySet());
        pods.values().forEach(p -> others.add(p.getSpec().getNodeName()));
        others.removeAll(nodes.keySet());
        for (String name : others) {
            int index = remoteNodeIndex.computeIfAbsent(name, n -> remoteNodeIndex.size() + 1);
            nodes.put(name, NodeFactory.remoteNode(name, scenarioNodes.get(name), layout.first().zone(), index));
        }
        return nodes;
    }

    /** The real node whose bridge (or, hostNetwork, whose namespace) the pod lives on. */
    SandboxNode hostingNode(ObjectRef ref) {
        Pod pod = pods.get(ref);
        if (pod == null) {
            throw new IllegalArgumentException("no pod " + ref);
        }
        SandboxNode node = layout.node(pod.getSpec().getNodeName());
        return node != null ? node : layout.first(); // a paper node's pod sits on the single node's bridge
    }

    NodeLayout layout() {
        return layout;
    }

    /** A stable fake UID, so objects keep their identity across regenerations. */
    static String uid(String kind, String namespace, String name) {
        return UUID.nameUUIDFromBytes((kind + "/" + namespace + "/" + name).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private void applyPod(Pod pod) {
        namespaced(pod, "Pod");
        if (pod.getSpec() == null || pod.getSpec().getContainers().isEmpty()) {
            throw new IllegalArgumentException("pod " + ObjectRef.of(pod) + " has no containers");
        }
        if (pod.getSpec().getNodeName() == null || pod.getSpec().getNodeName().isBlank()) {
            pod.getSpec().setNodeName(layout.first().name());
        }
        PodConditions.of(pod); // validate the annotations now rather than at the first regeneration
        ObjectRef ref = ObjectRef.of(pod);
        SandboxNode real = layout.node(pod.getSpec().getNodeName());
        if (real == null && layout.multiNode()) {
            throw new IllegalArgumentException("pod " + ref + " is bound to node " + pod.getSpec().getNodeName()
                    + ", which nodes: in probes.yaml does not list");
        }
        Pod before = pods.get(ref);
        // a re-applied pod keeps its address, unless it moved (to another node's pod CIDR, or off the host network)
        boolean stays = before != null && before.getSpec().getNodeName().equals(pod.getSpec().getNodeName())
                && hostNetwork(before) == hostNetwork(pod);
        String ip = hostNetwork(pod) ? (real != null ? real : layout.first()).internalIp()
                : stays ? podIps.get(ref) : null;
        if (ip == null) {
            ip = allocatePodIp(real);
        }
        podIps.put(ref, ip);
        pods.put(ref, pod); // first: fillStatus looks up the pod's node among the nodes pods use
        fillStatus(pod, ip);
    }

    /**
     * A real node's pods count up from .2 in its pod CIDR. Single-node, pods of paper nodes count down from .254
     * on the same bridge, so they stay outside the node's pod CIDR (see SandboxNetwork) as long as fewer than 126
     * pods are local.
     */
    private String allocatePodIp(SandboxNode real) {
        SandboxNode bridge = real != null ? real : layout.first();
        int next = nextPodHost.getOrDefault(bridge.name(), SandboxNode.FIRST_POD_HOST);
        int ceiling = layout.multiNode() ? bridge.lastPodHost() : nextRemotePodHost;
        if (next > ceiling) {
            throw new IllegalStateException("pod CIDR " + bridge.bridgeSubnet() + " of " + bridge.name() + " is full");
        }
        if (real == null) {
            return bridge.podPrefix() + nextRemotePodHost--;
        }
        nextPodHost.put(bridge.name(), next + 1);
        return bridge.podPrefix() + next;
    }

    private void fillStatus(Pod pod, String ip) {
        PodConditions c = PodConditions.of(pod);
        SandboxNode real = layout.node(pod.getSpec().getNodeName());
        String hostIp = real != null ? real.internalIp() : null;
        if (real == null) {
            Node node = nodes().get(pod.getSpec().getNodeName());
            hostIp = node == null ? null : NodeFactory.internalIp(node);
        }
        String ready = c.serving() ? "True" : "False";
        PodStatus status = new PodStatus();
        status.setPhase("Running");
        status.setPodIP(ip);
        status.setPodIPs(List.of(new PodIP(ip)));
        status.setHostIP(hostIp);
        status.setConditions(List.of(
                new PodConditionBuilder().withType("PodScheduled").withStatus("True").build(),
                new PodConditionBuilder().withType("Initialized").withStatus("True").build(),
                new PodConditionBuilder().withType("ContainersReady").withStatus(ready).build(),
                new PodConditionBuilder().withType("Ready").withStatus(ready).build()));
        pod.setStatus(status);
        // a terminating pod is one being deleted: that is how the EndpointSlice controller knows
        pod.getMetadata().setDeletionTimestamp(c.terminating() ? TERMINATING_SINCE : null);
    }

    private static <T extends HasMetadata> T namespaced(T object, String kind) {
        var meta = object.getMetadata();
        if (meta.getNamespace() == null || meta.getNamespace().isBlank()) {
            meta.setNamespace(ObjectRef.DEFAULT_NAMESPACE);
        }
        if (meta.getUid() == null) {
            meta.setUid(uid(kind, meta.getNamespace(), meta.getName()));
        }
        return object;
    }
}
