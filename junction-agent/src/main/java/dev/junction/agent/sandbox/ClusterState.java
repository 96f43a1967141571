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
 * server, scheduler/kubelet and EndpointSlice controller would add: pod IPs from the node's pod CIDR in apply
 * order (hostNetwork pods get the node IP), pod status, Service defaults, Node objects and EndpointSlices.
 * Pods bound to another node ({@code spec.nodeName}) get that node's hostIP and count as remote endpoints, but
 * still run on the sandbox bridge so traffic to them works.
 */
public final class ClusterState {

    private static final String TERMINATING_SINCE = "2025-01-01T00:00:00Z";

    private final String nodeZone;
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
    private int nextPodHost = 2;
    private int nextRemotePodHost = 254;

    public ClusterState(String nodeZone) {
        this.nodeZone = nodeZone == null ? SandboxNetwork.DEFAULT_ZONE : nodeZone;
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
            case Node node -> scenarioNodes.put(meta.getName(), node);
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

    /** The sandbox node, every node a pod is bound to, and every Node the scenario gave. */
    public Map<String, Node> nodes() {
        Map<String, Node> nodes = new LinkedHashMap<>();
        nodes.put(SandboxNetwork.NODE_NAME,
                NodeFactory.sandboxNode(scenarioNodes.get(SandboxNetwork.NODE_NAME), nodeZone));
        TreeSet<String> others = new TreeSet<>(scenarioNodes.keySet());
        pods.values().forEach(p -> others.add(p.getSpec().getNodeName()));
        others.remove(SandboxNetwork.NODE_NAME);
        for (String name : others) {
            int index = remoteNodeIndex.computeIfAbsent(name, n -> remoteNodeIndex.size() + 1);
            nodes.put(name, NodeFactory.remoteNode(name, scenarioNodes.get(name), nodeZone, index));
        }
        return nodes;
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
            pod.getSpec().setNodeName(SandboxNetwork.NODE_NAME);
        }
        PodConditions.of(pod); // validate the annotations now rather than at the first regeneration
        ObjectRef ref = ObjectRef.of(pod);
        String ip = hostNetwork(pod) ? SandboxNetwork.NODE_IP : podIps.get(ref);
        if (ip == null) {
            // Never reused, so stale conntrack cannot confuse. This node's pods count up from .2, pods of other
            // nodes down from .254, so they stay outside this node's pod CIDR (see SandboxNetwork) as long as
            // fewer than 126 pods are local.
            boolean local = SandboxNetwork.NODE_NAME.equals(pod.getSpec().getNodeName());
            if (nextPodHost > nextRemotePodHost) {
                throw new IllegalStateException("pod CIDR " + SandboxNetwork.POD_CIDR + " is full");
            }
            ip = SandboxNetwork.POD_PREFIX + (local ? nextPodHost++ : nextRemotePodHost--);
        }
        podIps.put(ref, ip);
        pods.put(ref, pod); // first: fillStatus looks up the pod's node among the nodes pods use
        fillStatus(pod, ip);
    }

    private void fillStatus(Pod pod, String ip) {
        PodConditions c = PodConditions.of(pod);
        String hostIp = SandboxNetwork.NODE_IP;
        if (!SandboxNetwork.NODE_NAME.equals(pod.getSpec().getNodeName())) {
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
