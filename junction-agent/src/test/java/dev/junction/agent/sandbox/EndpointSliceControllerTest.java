package dev.junction.agent.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * EndpointSlices as the EndpointSlice controller would write them, through {@link ClusterState} (which assigns
 * pod IPs 10.244.0.2, .3, ... in apply order and knows the nodes' zones: sandbox-node zone-a, other-node zone-b).
 */
@Tag("unit")
class EndpointSliceControllerTest {

    private static final String NODES = """
            apiVersion: v1
            kind: Node
            metadata: {name: other-node, labels: {topology.kubernetes.io/zone: zone-b}}
            """;

    private static String pod(String name, String labels, String ports, String extra) {
        return """
                apiVersion: v1
                kind: Pod
                metadata: {name: %s, namespace: demo, labels: {%s}%s}
                spec:
                  containers: [{name: c, image: x, ports: [%s]}]
                """.formatted(name, labels, extra, ports);
    }

    private static String service(String name, String spec) {
        return """
                apiVersion: v1
                kind: Service
                metadata: {name: %s, namespace: demo}
                spec:
                %s
                """.formatted(name, spec.indent(2));
    }

    /** Applies the YAML documents and returns the controller's slices for the service {@code name}. */
    private static List<EndpointSlice> slices(String name, String... docs) {
        ClusterState cluster = new ClusterState(null);
        List<HasMetadata> objects = new ArrayList<>();
        for (String d : docs) {
            objects.add(Serialization.unmarshal(d, HasMetadata.class));
        }
        cluster.applyAll(objects);
        return cluster.desiredObjects().stream().filter(EndpointSlice.class::isInstance)
                .map(EndpointSlice.class::cast)
                .filter(s -> name.equals(s.getMetadata().getLabels().get("kubernetes.io/service-name")))
                .toList();
    }

    private static String ports(EndpointSlice s) {
        return s.getPorts().stream().map(p -> p.getName() + "=" + p.getPort() + "/" + p.getProtocol())
                .collect(Collectors.joining(","));
    }

    private static String addresses(EndpointSlice s) {
        return s.getEndpoints().stream().map(e -> e.getTargetRef().getName()).collect(Collectors.joining(","));
    }

    @Test
    void writesTheSliceTheControllerWould() {
        List<EndpointSlice> s = slices("web",
                pod("web-1", "app: web", "{name: http, containerPort: 8080}", ""),
                service("web", "clusterIP: 10.96.0.10\nselector: {app: web}\nports: [{name: http, port: 80, targetPort: http}]"));

        assertThat(s).hasSize(1);
        String yaml = Serialization.asYaml(s.getFirst())
                .replaceAll("uid: \"[0-9a-f-]+\"", "uid: UID");
        assertThat(yaml).isEqualTo("""
                ---
                apiVersion: "discovery.k8s.io/v1"
                kind: "EndpointSlice"
                metadata:
                  labels:
                    kubernetes.io/service-name: "web"
                    endpointslice.kubernetes.io/managed-by: "endpointslice-controller.k8s.io"
                  name: "web-%s"
                  namespace: "demo"
                  ownerReferences:
                  - apiVersion: "v1"
                    kind: "Service"
                    blockOwnerDeletion: true
                    controller: true
                    name: "web"
                    uid: UID
                addressType: "IPv4"
                endpoints:
                - addresses:
                  - "10.244.0.2"
                  conditions:
                    ready: true
                    serving: true
                    terminating: false
                  nodeName: "sandbox-node"
                  targetRef:
                    kind: "Pod"
                    name: "web-1"
                    namespace: "demo"
                    uid: UID
                  zone: "zone-a"
                ports:
                - name: "http"
                  port: 8080
                  protocol: "TCP"
                """.formatted(s.getFirst().getMetadata().getName().substring(4)));
    }

    @Test
    void resolvesNamedTargetPortsPerPodIntoOneSlicePerPortMapping() {
        List<EndpointSlice> s = slices("named",
                pod("a", "app: n", "{name: http, containerPort: 8080}, {name: dns, containerPort: 53, protocol: UDP}", ""),
                pod("b", "app: n", "{name: http, containerPort: 8081}, {name: dns, containerPort: 53, protocol: UDP}", ""),
                pod("c", "app: n", "{name: http, containerPort: 8080}, {name: dns, containerPort: 53, protocol: UDP}", ""),
                pod("d", "app: n", "{name: web, containerPort: 8080}", ""),
                service("named", """
                        selector: {app: n}
                        ports:
                          - {name: http, port: 80, targetPort: http}
                          - {name: dns, port: 53, targetPort: dns, protocol: UDP}
                          - {name: fixed, port: 9000, targetPort: 9001}
                          - {name: same, port: 7000}"""));

        assertThat(s).extracting(EndpointSliceControllerTest::ports, EndpointSliceControllerTest::addresses)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("http=8080/TCP,dns=53/UDP,fixed=9001/TCP,same=7000/TCP", "a,c"),
                        org.assertj.core.groups.Tuple.tuple("http=8081/TCP,dns=53/UDP,fixed=9001/TCP,same=7000/TCP", "b"),
                        // d has no port named http or dns: those service ports are left out for it
                        org.assertj.core.groups.Tuple.tuple("fixed=9001/TCP,same=7000/TCP", "d"));
        assertThat(s).extracting(x -> x.getMetadata().getName()).doesNotHaveDuplicates()
                .allMatch(n -> n.matches("named-[0-9a-f]{5}"));
    }

    @ParameterizedTest(name = "ready={0} serving={1} terminating={2} publishNotReady={3}")
    @CsvSource({
        // annotations (empty = unset)  | publishNotReadyAddresses | expected ready, serving, terminating
        ",      ,      ,      false, true,  true,  false",
        "false, ,      ,      false, false, false, false",
        "false, true,  true,  false, false, true,  true",
        "true,  ,      true,  false, false, true,  true",
        "false, ,      ,      true,  true,  false, false",
        "true,  true,  true,  true,  true,  true,  true",
    })
    void endpointConditionsFollowTheAnnotations(String ready, String serving, String terminating, boolean pna,
                                                boolean wantReady, boolean wantServing, boolean wantTerminating) {
        StringBuilder ann = new StringBuilder();
        if (ready != null) ann.append("sandbox.junction.dev/ready: \"").append(ready).append("\", ");
        if (serving != null) ann.append("sandbox.junction.dev/serving: \"").append(serving).append("\", ");
        if (terminating != null) ann.append("sandbox.junction.dev/terminating: \"").append(terminating).append("\", ");
        String extra = ann.isEmpty() ? "" : ", annotations: {" + ann.substring(0, ann.length() - 2) + "}";
        List<EndpointSlice> s = slices("web",
                pod("p", "app: web", "{containerPort: 80}", extra),
                service("web", "publishNotReadyAddresses: " + pna + "\nselector: {app: web}\nports: [{port: 80}]"));

        Endpoint ep = s.getFirst().getEndpoints().getFirst();
        assertThat(List.of(ep.getConditions().getReady(), ep.getConditions().getServing(),
                ep.getConditions().getTerminating())).containsExactly(wantReady, wantServing, wantTerminating);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "'',             ''",
        "PreferClose,    zones=zone-a|zone-b",
        "PreferSameZone, zones=zone-a|zone-b",
        "PreferSameNode, zones=zone-a|zone-b nodes=sandbox-node|other-node",
    })
    void trafficDistributionSetsZoneHints(String distribution, String expected) {
        String td = distribution.isEmpty() ? "" : "trafficDistribution: " + distribution + "\n";
        List<EndpointSlice> s = slices("close", NODES,
                pod("local", "app: c", "{containerPort: 80}", ""),
                pod("remote", "app: c", "{containerPort: 80}", "") + "  nodeName: other-node\n",
                service("close", td + "selector: {app: c}\nports: [{port: 80}]"));

        List<Endpoint> eps = s.getFirst().getEndpoints();
        assertThat(eps).extracting(Endpoint::getZone).containsExactly("zone-a", "zone-b");
        String hints = eps.stream().allMatch(e -> e.getHints() == null) ? ""
                : "zones=" + eps.stream().map(e -> e.getHints().getForZones().getFirst().getName())
                        .collect(Collectors.joining("|"))
                + (eps.getFirst().getHints().getForNodes().isEmpty() ? "" : " nodes=" + eps.stream()
                        .map(e -> e.getHints().getForNodes().getFirst().getName()).collect(Collectors.joining("|")));
        assertThat(hints).isEqualTo(expected);
    }

    @Test
    void servicesWithoutSelectorOrExternalNameGetNoSlicesAndEmptyOnesAPlaceholder() {
        String pod = pod("p", "app: web", "{containerPort: 80}", "");
        assertThat(slices("manual", pod, service("manual", "ports: [{port: 80}]"))).isEmpty();
        assertThat(slices("ext", pod, service("ext", "type: ExternalName\nexternalName: x.example\nselector: {app: web}")))
                .isEmpty();
        List<EndpointSlice> empty = slices("empty", pod, service("empty", "selector: {app: none}\nports: [{port: 80}]"));
        assertThat(empty).hasSize(1);
        assertThat(empty.getFirst().getEndpoints()).isEmpty();
        assertThat(empty.getFirst().getPorts()).isEmpty();
    }

    @Test
    void onlySelectsPodsOfTheServiceNamespace() {
        String otherNs = pod("x", "app: web", "{containerPort: 80}", "").replace("namespace: demo", "namespace: prod");
        List<EndpointSlice> s = slices("web", otherNs, pod("y", "app: web, tier: a", "{containerPort: 80}", ""),
                pod("z", "app: api", "{containerPort: 80}", ""),
                service("web", "selector: {app: web}\nports: [{port: 80}]"));
        assertThat(s).extracting(EndpointSliceControllerTest::addresses).containsExactly("y");
    }

    @Test
    void copiesServiceLabelsAndMarksHeadlessServices() {
        String svc = """
                apiVersion: v1
                kind: Service
                metadata: {name: h, namespace: demo, labels: {service.kubernetes.io/service-proxy-name: other, team: x}}
                spec: {clusterIP: None, selector: {app: web}, ports: [{port: 80}]}
                """;
        Map<String, String> labels = slices("h", pod("p", "app: web", "{containerPort: 80}", ""), svc)
                .getFirst().getMetadata().getLabels();
        assertThat(labels).containsEntry("service.kubernetes.io/service-proxy-name", "other")
                .containsEntry("team", "x")
                .containsEntry("service.kubernetes.io/headless", "")
                .containsEntry("kubernetes.io/service-name", "h")
                .containsEntry("endpointslice.kubernetes.io/managed-by", "endpointslice-controller.k8s.io");
    }

    @Test
    void splitsAtOneHundredEndpointsPerSlice() {
        List<String> docs = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            docs.add(pod("p" + i, "app: big", "{containerPort: 80}", ""));
        }
        docs.add(service("big", "selector: {app: big}\nports: [{port: 80}]"));
        List<EndpointSlice> s = slices("big", docs.toArray(String[]::new));
        assertThat(s).extracting(x -> x.getEndpoints().size()).containsExactly(100, 50);
    }

    @Test
    void givenSlicesOfSelectorlessServicesPassThrough() {
        ClusterState cluster = new ClusterState(null);
        cluster.apply(Serialization.unmarshal(service("m", "ports: [{port: 80}]"), Service.class));
        cluster.apply(Serialization.unmarshal("""
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {name: m-1, namespace: demo, labels: {kubernetes.io/service-name: m}}
                addressType: IPv4
                endpoints: [{addresses: [192.168.77.2]}]
                """, EndpointSlice.class));
        assertThat(cluster.desiredObjects()).filteredOn(EndpointSlice.class::isInstance)
                .extracting(o -> o.getMetadata().getName()).containsExactly("m-1");
    }
}
