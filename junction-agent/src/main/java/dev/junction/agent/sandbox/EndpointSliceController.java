package dev.junction.agent.sandbox;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointHints;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.ForNode;
import io.fabric8.kubernetes.api.model.discovery.v1.ForZone;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Pure: the EndpointSlices Kubernetes' EndpointSlice controller would keep for one Service (modelled on
 * {@code pkg/controller/endpointslice} and {@code staging/.../endpointslice/utils.go}).
 *
 * <ul>
 *   <li>Services without a selector (fabric8 reads a missing selector as an empty map) and ExternalName
 *       services get no slices: for those the scenario supplies its own.</li>
 *   <li>Selected pods: same namespace, labels match, have a pod IP, not Succeeded/Failed.</li>
 *   <li>Ports are resolved per pod ({@code targetPort} number, or the name of a container port with the same
 *       protocol; an unresolvable name drops that port for that pod), and pods are grouped into one slice per
 *       distinct port list, at most 100 endpoints per slice. No pods: one empty placeholder slice.</li>
 *   <li>Conditions: serving = the pod is ready, terminating = the pod is being deleted,
 *       ready = publishNotReadyAddresses || (serving &amp;&amp; !terminating) (see {@link PodConditions}).</li>
 *   <li>Hints: {@code trafficDistribution} PreferClose / PreferSameZone give forZones = the endpoint's zone;
 *       PreferSameNode adds forNodes = its node.</li>
 *   <li>Labels: the Service's own labels (so {@code service.kubernetes.io/service-proxy-name} carries over),
 *       {@code kubernetes.io/service-name}, {@code endpointslice.kubernetes.io/managed-by} and, for headless
 *       services, {@code service.kubernetes.io/headless}.</li>
 * </ul>
 * Slice names are {@code <service>-<hash of the port list>} so they stay stable across regenerations and the
 * agent sees updates rather than delete + create.
 */
public final class EndpointSliceController {

    public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";
    public static final String MANAGED_BY_LABEL = "endpointslice.kubernetes.io/managed-by";
    public static final String MANAGED_BY = "endpointslice-controller.k8s.io";
    public static final String HEADLESS_LABEL = "service.kubernetes.io/headless";
    public static final String ZONE_LABEL = "topology.kubernetes.io/zone";
    static final int MAX_ENDPOINTS_PER_SLICE = 100;

    private EndpointSliceController() {
    }

    /**
     * @param pods  candidate pods (any namespace; filtered here), in a stable order
     * @param nodes node by name (for zones); may return null
     */
    public static List<EndpointSlice> slicesFor(Service service, List<Pod> pods, Function<String, Node> nodes) {
        Map<String, String> selector = service.getSpec().getSelector();
        if (selector == null || selector.isEmpty() || "ExternalName".equals(service.getSpec().getType())) {
            return List.of();
        }
        String namespace = service.getMetadata().getNamespace();
        Map<List<EndpointPort>, List<Endpoint>> groups = new LinkedHashMap<>();
        for (Pod pod : pods) {
            if (!Objects.equals(pod.getMetadata().getNamespace(), namespace) || !selects(selector, pod)
                    || pod.getStatus() == null || pod.getStatus().getPodIP() == null
                    || "Succeeded".equals(pod.getStatus().getPhase()) || "Failed".equals(pod.getStatus().getPhase())) {
                continue;
            }
            String nodeName = pod.getSpec().getNodeName();
            groups.computeIfAbsent(endpointPorts(service, pod), k -> new ArrayList<>())
                    .add(endpoint(pod, nodeName == null ? null : nodes.apply(nodeName), service));
        }
        List<EndpointSlice> slices = new ArrayList<>();
        if (groups.isEmpty()) {
            slices.add(slice(service, "placeholder", List.of(), List.of()));
        }
        groups.forEach((ports, endpoints) -> {
            for (int from = 0, chunk = 0; from < endpoints.size(); from += MAX_ENDPOINTS_PER_SLICE, chunk++) {
                int to = Math.min(endpoints.size(), from + MAX_ENDPOINTS_PER_SLICE);
                List<Endpoint> part = endpoints.subList(from, to);
                slices.add(slice(service, ports + "#" + chunk, ports, part));
            }
        });
        return slices;
    }

    static boolean selects(Map<String, String> selector, Pod pod) {
        Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
        return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    /** The port list for one pod: like getEndpointPorts(), dropping service ports the pod cannot serve. */
    static List<EndpointPort> endpointPorts(Service service, Pod pod) {
        List<EndpointPort> ports = new ArrayList<>();
        for (ServicePort sp : service.getSpec().getPorts()) {
            String protocol = sp.getProtocol() == null ? "TCP" : sp.getProtocol();
            Integer number = targetPortNumber(sp, protocol, pod);
            if (number != null) {
                ports.add(new EndpointPort(sp.getAppProtocol(), sp.getName() == null ? "" : sp.getName(), number,
                        protocol));
            }
        }
        return ports;
    }

    /** FindPort(): a numeric targetPort (missing = the service port), or a named container port. */
    private static Integer targetPortNumber(ServicePort sp, String protocol, Pod pod) {
        IntOrString target = sp.getTargetPort();
        if (target == null || (target.getIntVal() == null && target.getStrVal() == null)) {
            return sp.getPort();
        }
        if (target.getIntVal() != null) {
            return target.getIntVal() == 0 ? sp.getPort() : target.getIntVal();
        }
        String name = target.getStrVal();
        if (name.chars().allMatch(Character::isDigit) && !name.isEmpty()) {
            return Integer.parseInt(name);
        }
        return pod.getSpec().getContainers().stream()
                .flatMap(c -> c.getPorts().stream())
                .filter(p -> name.equals(p.getName())
                        && protocol.equals(p.getProtocol() == null ? "TCP" : p.getProtocol()))
                .map(p -> p.getContainerPort()).findFirst().orElse(null);
    }

    /** podToEndpoint(). */
    static Endpoint endpoint(Pod pod, Node node, Service service) {
        PodConditions c = PodConditions.of(pod);
        boolean ready = Boolean.TRUE.equals(service.getSpec().getPublishNotReadyAddresses())
                || (c.ready() && !c.terminating());
        String nodeName = pod.getSpec().getNodeName();
        String zone = node == null || node.getMetadata().getLabels() == null ? null
                : node.getMetadata().getLabels().get(ZONE_LABEL);
        EndpointBuilder ep = new EndpointBuilder()
                .withAddresses(pod.getStatus().getPodIP())
                .withNewConditions().withReady(ready).withServing(c.serving()).withTerminating(c.terminating())
                .endConditions()
                .withTargetRef(new ObjectReferenceBuilder().withKind("Pod")
                        .withNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                        .withUid(pod.getMetadata().getUid()).build())
                .withNodeName(nodeName)
                .withZone(zone);
        String hostname = pod.getSpec().getHostname();
        if (hostname != null && !hostname.isEmpty()
                && Objects.equals(pod.getSpec().getSubdomain(), service.getMetadata().getName())) {
            ep.withHostname(hostname);
        }
        String distribution = service.getSpec().getTrafficDistribution();
        if (zone != null && distribution != null
                && List.of("PreferClose", "PreferSameZone", "PreferSameNode").contains(distribution)) {
            List<ForNode> forNodes = "PreferSameNode".equals(distribution) && nodeName != null
                    ? List.of(new ForNode(nodeName)) : List.of();
            ep.withHints(new EndpointHints(forNodes, List.of(new ForZone(zone))));
        }
        return ep.build();
    }

    private static EndpointSlice slice(Service service, String key, List<EndpointPort> ports,
                                       List<Endpoint> endpoints) {
        var meta = service.getMetadata();
        Map<String, String> labels = new LinkedHashMap<>(meta.getLabels() == null ? Map.of() : meta.getLabels());
        labels.put(SERVICE_NAME_LABEL, meta.getName());
        labels.put(MANAGED_BY_LABEL, MANAGED_BY);
        if ("None".equals(service.getSpec().getClusterIP())) {
            labels.put(HEADLESS_LABEL, "");
        } else {
            labels.remove(HEADLESS_LABEL);
        }
        return new EndpointSliceBuilder()
                .withNewMetadata()
                .withName(meta.getName() + "-" + hash5(key))
                .withNamespace(meta.getNamespace())
                .withLabels(labels)
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("v1").withKind("Service")
                        .withName(meta.getName()).withUid(meta.getUid()).withController(true)
                        .withBlockOwnerDeletion(true).build())
                .endMetadata()
                .withAddressType("IPv4")
                .withPorts(ports)
                .withEndpoints(endpoints)
                .build();
    }

    private static String hash5(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
