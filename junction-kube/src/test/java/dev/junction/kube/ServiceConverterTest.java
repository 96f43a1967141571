package dev.junction.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.model.Cidr;
import dev.junction.model.Ip;
import dev.junction.model.Protocol;
import dev.junction.model.Service;
import dev.junction.model.Service.Topology;
import dev.junction.model.ServiceKey;
import dev.junction.model.ServicePort;
import io.fabric8.kubernetes.api.model.ClientIPConfig;
import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.LoadBalancerStatus;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.ServiceStatus;
import io.fabric8.kubernetes.api.model.SessionAffinityConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** IP plan in {@link TestObjects}; external IPs may come from 192.0.2.0/24 when a case allows them. */
@Tag("unit")
class ServiceConverterTest {
    private static final ServiceConverter.Options EXTERNAL_ALLOWED = new ServiceConverter.Options(
            List.of(Cidr.of("192.0.2.0/24")), List.of(Cidr.of("10.96.0.0/12")), true, false);
    private static final ServiceConverter.Options DUAL_STACK = new ServiceConverter.Options(
            List.of(), List.of(Cidr.of("10.96.0.0/12"), Cidr.of("fd00:96::/108")), true, true);

    private final ServiceConverter converter = new ServiceConverter(ServiceConverter.Options.defaults());

    private static Arguments rejected(String reason, Consumer<io.fabric8.kubernetes.api.model.Service> edit) {
        return Arguments.of(reason, edit);
    }

    static Stream<Arguments> rejectedCases() {
        return Stream.of(
                rejected("metadata.name is missing", s -> s.getMetadata().setName(null)),
                rejected("metadata.namespace is missing", s -> s.getMetadata().setNamespace("")),
                rejected("spec is missing", s -> s.setSpec(null)),
                rejected("spec.type: \"Magic\" is not ClusterIP, NodePort, LoadBalancer or ExternalName",
                        s -> s.getSpec().setType("Magic")),
                rejected("spec.clusterIPs[0]: \"10.96.0.x\" is not an IP address", s -> {
                    s.getSpec().setClusterIP("10.96.0.x");
                    s.getSpec().setClusterIPs(List.of("10.96.0.x"));
                }),
                rejected("spec.clusterIP: \"10.96.0.x\" is not an IP address", s -> {
                    s.getSpec().setClusterIP("10.96.0.x");
                    s.getSpec().setClusterIPs(null);
                }),
                rejected("spec.clusterIP: \"10.96.0.11\" must equal spec.clusterIPs[0] \"10.96.0.10\"",
                        s -> s.getSpec().setClusterIP("10.96.0.11")),
                rejected("spec.clusterIPs: 3 addresses, at most 2 (one per family)",
                        s -> s.getSpec().setClusterIPs(List.of("10.96.0.10", "fd00:96::10", "10.96.0.11"))),
                rejected("spec.clusterIPs[1]: 10.96.0.11 is of the same family as 10.96.0.10 (dual-stack needs one address per family)",
                        s -> s.getSpec().setClusterIPs(List.of("10.96.0.10", "10.96.0.11"))),
                rejected("spec.ports: a service with a cluster IP needs at least one port",
                        s -> s.getSpec().setPorts(List.of())),
                rejected("spec.ports[1].port: 70000 is out of range 1-65535",
                        s -> s.getSpec().getPorts().get(1).setPort(70000)),
                rejected("spec.ports[0].port: 0 is out of range 1-65535", s -> s.getSpec().getPorts().get(0).setPort(0)),
                rejected("spec.ports[0].port: is missing", s -> s.getSpec().getPorts().get(0).setPort(null)),
                rejected("spec.ports[1].protocol: \"ICMP\" is not TCP, UDP or SCTP",
                        s -> s.getSpec().getPorts().get(1).setProtocol("ICMP")),
                rejected("spec.ports[0].nodePort: 70000 is out of range 0-65535", s -> {
                    s.getSpec().setType("NodePort");
                    s.getSpec().getPorts().get(0).setNodePort(70000);
                }),
                rejected("spec.ports[0].nodePort: 30080 is set on a service of type ClusterIP",
                        s -> s.getSpec().getPorts().get(0).setNodePort(30080)),
                rejected("spec.ports[1]: 80/TCP is also spec.ports[0]", s -> {
                    s.getSpec().getPorts().get(1).setPort(80);
                    s.getSpec().getPorts().get(1).setProtocol(null); // defaults to TCP
                }),
                rejected("spec.ports[1].name: \"http\" is also the name of spec.ports[0]",
                        s -> s.getSpec().getPorts().get(1).setName("http")),
                rejected("spec.ports[1].name: required when a service has more than one port",
                        s -> s.getSpec().getPorts().get(1).setName(null)),
                rejected("spec.ports[1].nodePort: 30080/TCP is also the node port of spec.ports[0]", s -> {
                    s.getSpec().setType("NodePort");
                    s.getSpec().getPorts().get(1).setProtocol("TCP");
                    s.getSpec().getPorts().forEach(p -> p.setNodePort(30080));
                }),
                rejected("spec.healthCheckNodePort: 70000 is out of range 0-65535", s -> {
                    loadBalancerLocal(s);
                    s.getSpec().setHealthCheckNodePort(70000);
                }),
                rejected("spec.healthCheckNodePort: 30100 may only be set when type is LoadBalancer and externalTrafficPolicy is Local",
                        s -> s.getSpec().setHealthCheckNodePort(30100)),
                rejected("spec.sessionAffinity: \"Cookie\" is not None or ClientIP",
                        s -> s.getSpec().setSessionAffinity("Cookie")),
                rejected("spec.sessionAffinityConfig.clientIP.timeoutSeconds: 0 is out of range 1-86400",
                        s -> affinity(s, 0)),
                rejected("spec.sessionAffinityConfig.clientIP.timeoutSeconds: 86401 is out of range 1-86400",
                        s -> affinity(s, 86401)),
                rejected("spec.loadBalancerSourceRanges[1]: \"10.0.0.0/33\" is not a CIDR",
                        s -> s.getSpec().setLoadBalancerSourceRanges(List.of("10.0.0.0/8", "10.0.0.0/33"))),
                rejected("spec.loadBalancerSourceRanges[0]: \"192.0.2.1\" is not a CIDR",
                        s -> s.getSpec().setLoadBalancerSourceRanges(List.of("192.0.2.1"))),
                rejected("status.loadBalancer.ingress[0].ip: \"203.0.113.x\" is not an IP address", s -> {
                    s.getSpec().setType("LoadBalancer");
                    ingress(s, "203.0.113.x", null);
                }),
                rejected("status.loadBalancer.ingress[0].ipMode: \"Tunnel\" is not VIP or Proxy", s -> {
                    s.getSpec().setType("LoadBalancer");
                    ingress(s, "203.0.113.7", "Tunnel");
                }),
                rejected("spec.externalTrafficPolicy: \"Global\" is not Cluster or Local",
                        s -> s.getSpec().setExternalTrafficPolicy("Global")),
                rejected("spec.internalTrafficPolicy: \"Node\" is not Cluster or Local",
                        s -> s.getSpec().setInternalTrafficPolicy("Node")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedCases")
    void rejectsInvalidServicesNamingTheField(String reason, Consumer<io.fabric8.kubernetes.api.model.Service> edit) {
        var svc = TestObjects.service();
        edit.accept(svc);
        assertThat(converter.convert(svc)).isEqualTo(new Conversion.Rejected<Service>(reason));
    }

    static Stream<Arguments> ignoredCases() {
        return Stream.of(
                Arguments.of("type ExternalName is resolved by DNS, not proxied",
                        (Consumer<io.fabric8.kubernetes.api.model.Service>) s -> s.getSpec().setType("ExternalName")),
                Arguments.of("headless: spec.clusterIP is None", (Consumer<io.fabric8.kubernetes.api.model.Service>) s -> {
                    s.getSpec().setClusterIP("None");
                    s.getSpec().setClusterIPs(List.of("None"));
                }),
                Arguments.of("headless: spec.clusterIP is empty", (Consumer<io.fabric8.kubernetes.api.model.Service>) s -> {
                    s.getSpec().setClusterIP("");
                    s.getSpec().setClusterIPs(List.of());
                }),
                Arguments.of("headless: label service.kubernetes.io/headless is set",
                        (Consumer<io.fabric8.kubernetes.api.model.Service>) s -> s.getMetadata()
                                .setLabels(Map.of(ServiceConverter.HEADLESS_LABEL, ""))),
                Arguments.of("label service.kubernetes.io/service-proxy-name is \"kube-router\", not \"junction\"",
                        (Consumer<io.fabric8.kubernetes.api.model.Service>) s -> s.getMetadata()
                                .setLabels(Map.of(ServiceConverter.PROXY_NAME_LABEL, "kube-router"))),
                Arguments.of("no cluster IP of an enabled family [V4]",
                        (Consumer<io.fabric8.kubernetes.api.model.Service>) s -> {
                            s.getSpec().setClusterIP("fd00:96::10");
                            s.getSpec().setClusterIPs(List.of("fd00:96::10"));
                        }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ignoredCases")
    void ignoresServicesThatAreNotForThisProxy(String reason, Consumer<io.fabric8.kubernetes.api.model.Service> edit) {
        var svc = TestObjects.service();
        edit.accept(svc);
        assertThat(converter.convert(svc)).isEqualTo(new Conversion.Ignored<Service>(reason));
    }

    @Test
    void ignoresExternalNameEvenWhenTheRestIsInvalid() {
        var svc = TestObjects.service();
        svc.getSpec().setType("ExternalName");
        svc.getSpec().setPorts(List.of());
        assertThat(converter.convert(svc)).isInstanceOf(Conversion.Ignored.class);
    }

    @Test
    void convertsAPlainClusterIpService() {
        Service s = accept(converter, TestObjects.service());
        assertThat(s).isEqualTo(new Service(new ServiceKey("default", "web"),
                List.of(new ServicePort("http", Protocol.TCP, 80, 0), new ServicePort("dns", Protocol.UDP, 53, 0)),
                List.of(Ip.of("10.96.0.10")), List.of(), List.of(), List.of(), 0, false, false, 0, Topology.NONE));
    }

    @Test
    void appliesTheApiDefaults() {
        var svc = TestObjects.service();
        svc.getSpec().setType(null);
        svc.getSpec().setClusterIPs(null); // written before dual-stack: spec.clusterIP only
        svc.getSpec().setPorts(List.of(svc.getSpec().getPorts().getFirst()));
        svc.getSpec().getPorts().getFirst().setProtocol(null);
        svc.getSpec().getPorts().getFirst().setName(null);
        svc.getSpec().setSessionAffinity("ClientIP");
        Service s = accept(converter, svc);
        assertThat(s.clusterIps()).containsExactly(Ip.of("10.96.0.10"));
        assertThat(s.ports()).containsExactly(new ServicePort("", Protocol.TCP, 80, 0));
        assertThat(s.affinityTimeoutSeconds()).isEqualTo(10800);
    }

    @Test
    void allowsTheSamePortNumberWithDifferentProtocols() {
        var svc = TestObjects.service();
        svc.getSpec().getPorts().get(1).setPort(80);
        assertThat(accept(converter, svc).ports()).extracting(ServicePort::port).containsExactly(80, 80);
    }

    @Test
    void acceptsItsOwnProxyName() {
        var svc = TestObjects.service();
        svc.getMetadata().setLabels(Map.of(ServiceConverter.PROXY_NAME_LABEL, "junction"));
        assertThat(converter.convert(svc)).isInstanceOf(Conversion.Accepted.class);
    }

    @Test
    void readsAnExplicitAffinityTimeout() {
        var svc = TestObjects.service();
        affinity(svc, 600);
        assertThat(accept(converter, svc).affinityTimeoutSeconds()).isEqualTo(600);
    }

    @Test
    void trimsLoadBalancerSourceRangesAndKeepsEveryFamily() {
        var svc = TestObjects.service();
        svc.getSpec().setLoadBalancerSourceRanges(List.of(" 10.1.2.3/8 ", "2001:db8::/32"));
        assertThat(accept(converter, svc).loadBalancerSourceRanges())
                .containsExactly(Cidr.of("10.0.0.0/8"), Cidr.of("2001:db8::/32"));
    }

    @Test
    void usesLoadBalancerIngressIpsExceptProxyModeAndHostnames() {
        var svc = TestObjects.service();
        svc.getSpec().setType("LoadBalancer");
        ingress(svc, "203.0.113.1", null);
        ingress(svc, "203.0.113.2", "VIP");
        ingress(svc, "203.0.113.3", "Proxy");
        ingress(svc, null, null);
        svc.getStatus().getLoadBalancer().getIngress().getLast().setHostname("lb.example.com");
        assertThat(accept(converter, svc).loadBalancerIps()).containsExactly(Ip.of("203.0.113.1"), Ip.of("203.0.113.2"));
    }

    @Test
    void ignoresAStaleIngressOnAServiceThatIsNoLongerALoadBalancer() {
        var svc = TestObjects.service();
        ingress(svc, "203.0.113.1", null);
        assertThat(accept(converter, svc).loadBalancerIps()).isEmpty();
    }

    @Test
    void appliesExternalTrafficPolicyLocalOnlyToExternallyAccessibleServices() {
        var clusterIpOnly = TestObjects.service();
        clusterIpOnly.getSpec().setExternalTrafficPolicy("Local");
        assertThat(accept(converter, clusterIpOnly).externalPolicyLocal()).isFalse();

        var nodePort = TestObjects.service();
        nodePort.getSpec().setType("NodePort");
        nodePort.getSpec().setExternalTrafficPolicy("Local");
        nodePort.getSpec().getPorts().getFirst().setNodePort(30080);
        assertThat(accept(converter, nodePort).externalPolicyLocal()).isTrue();
    }

    @Test
    void readsInternalTrafficPolicyLocal() {
        var svc = TestObjects.service();
        svc.getSpec().setInternalTrafficPolicy("Local");
        assertThat(accept(converter, svc).internalPolicyLocal()).isTrue();
    }

    @Test
    void keepsTheHealthCheckNodePortOfALocalLoadBalancer() {
        var svc = TestObjects.service();
        loadBalancerLocal(svc);
        svc.getSpec().setHealthCheckNodePort(30100);
        Service s = accept(converter, svc);
        assertThat(s.healthCheckNodePort()).isEqualTo(30100);
        assertThat(s.externalPolicyLocal()).isTrue();
    }

    static Stream<Arguments> topologyCases() {
        return Stream.of(
                Arguments.of("PreferClose", null, null, Topology.SAME_ZONE),
                Arguments.of("PreferSameZone", null, null, Topology.SAME_ZONE),
                Arguments.of("PreferSameNode", null, null, Topology.SAME_NODE),
                Arguments.of("SomethingNew", null, null, Topology.NONE),
                Arguments.of(null, "Auto", null, Topology.SAME_ZONE),
                Arguments.of(null, "auto", null, Topology.SAME_ZONE),
                Arguments.of(null, "Disabled", null, Topology.NONE),
                Arguments.of(null, null, "Auto", Topology.SAME_ZONE),
                Arguments.of("PreferSameNode", "Auto", null, Topology.SAME_NODE),
                Arguments.of(null, null, null, Topology.NONE));
    }

    @ParameterizedTest(name = "trafficDistribution={0} topology-mode={1} topology-aware-hints={2} -> {3}")
    @MethodSource("topologyCases")
    void derivesTheTopologyPreference(String distribution, String mode, String hints, Topology expected) {
        var svc = TestObjects.service();
        svc.getSpec().setTrafficDistribution(distribution);
        Map<String, String> annotations = new java.util.HashMap<>();
        if (mode != null) {
            annotations.put(ServiceConverter.TOPOLOGY_MODE_ANNOTATION, mode);
        }
        if (hints != null) {
            annotations.put(ServiceConverter.TOPOLOGY_HINTS_ANNOTATION, hints);
        }
        svc.getMetadata().setAnnotations(annotations);
        assertThat(accept(converter, svc).topology()).isEqualTo(expected);
    }

    @Test
    void dropsClusterIpsOfADisabledFamily() {
        var svc = TestObjects.service();
        svc.getSpec().setClusterIPs(List.of("10.96.0.10", "fd00:96::10"));
        assertThat(accept(converter, svc).clusterIps()).containsExactly(Ip.of("10.96.0.10"));
        assertThat(accept(new ServiceConverter(DUAL_STACK), svc).clusterIps())
                .containsExactly(Ip.of("10.96.0.10"), Ip.of("fd00:96::10"));
    }

    // externalIPs: dropped one by one with a warning, never rejecting the service.

    @Test
    void dropsEveryExternalIpWhenNoRangeIsConfigured() {
        var svc = TestObjects.service();
        svc.getSpec().setExternalIPs(List.of("192.0.2.7"));
        var result = (Conversion.Accepted<Service>) converter.convert(svc);
        assertThat(result.value().externalIps()).isEmpty();
        assertThat(result.warnings()).containsExactly(
                "spec.externalIPs[0]: 192.0.2.7 is not allowed: no --service-external-ip-range is configured; dropped");
    }

    @Test
    void keepsExternalIpsInsideAnAllowedRangeAndDropsTheRest() {
        var svc = TestObjects.service();
        svc.getSpec().setExternalIPs(List.of("192.0.2.7", "198.51.100.1", "not-an-ip", "10.96.0.99", "192.0.2.7",
                "2001:db8::1"));
        var result = (Conversion.Accepted<Service>) new ServiceConverter(EXTERNAL_ALLOWED).convert(svc);
        assertThat(result.value().externalIps()).containsExactly(Ip.of("192.0.2.7"));
        assertThat(result.value().clusterIps()).containsExactly(Ip.of("10.96.0.10"));
        assertThat(result.warnings()).containsExactly(
                "spec.externalIPs[1]: 198.51.100.1 is outside every --service-external-ip-range [192.0.2.0/24]; dropped",
                "spec.externalIPs[2]: \"not-an-ip\" is not an IP address; dropped",
                "spec.externalIPs[3]: 10.96.0.99 lies inside a service cluster IP range [10.96.0.0/12]; dropped");
    }

    @Test
    void dropsAnExternalIpInsideTheClusterRangeEvenIfAllowed() {
        var options = new ServiceConverter.Options(List.of(Cidr.of("10.0.0.0/8")), List.of(Cidr.of("10.96.0.0/12")),
                true, false);
        var svc = TestObjects.service();
        svc.getSpec().setExternalIPs(List.of("10.96.1.1", "10.1.1.1"));
        var result = (Conversion.Accepted<Service>) new ServiceConverter(options).convert(svc);
        assertThat(result.value().externalIps()).containsExactly(Ip.of("10.1.1.1"));
        assertThat(result.warnings()).hasSize(1).first().asString().contains("10.96.1.1 lies inside");
    }

    @Test
    void anExternalIpMakesAServiceExternallyAccessible() {
        var svc = TestObjects.service();
        svc.getSpec().setExternalIPs(List.of("192.0.2.7"));
        svc.getSpec().setExternalTrafficPolicy("Local");
        assertThat(accept(new ServiceConverter(EXTERNAL_ALLOWED), svc).externalPolicyLocal()).isTrue();
    }

    @Test
    void neverThrowsOnNullListEntries() {
        var svc = TestObjects.service();
        List<io.fabric8.kubernetes.api.model.ServicePort> ports = new ArrayList<>(svc.getSpec().getPorts());
        ports.add(null);
        svc.getSpec().setPorts(ports);
        assertThat(converter.convert(svc)).isEqualTo(new Conversion.Rejected<Service>("spec.ports[2]: is null"));
        svc.setSpec(new ServiceSpec());
        assertThat(converter.convert(svc)).isInstanceOf(Conversion.Ignored.class);
    }

    private static Service accept(ServiceConverter c, io.fabric8.kubernetes.api.model.Service svc) {
        Conversion<Service> r = c.convert(svc);
        assertThat(r).isInstanceOf(Conversion.Accepted.class);
        return ((Conversion.Accepted<Service>) r).value();
    }

    private static void affinity(io.fabric8.kubernetes.api.model.Service s, int timeout) {
        s.getSpec().setSessionAffinity("ClientIP");
        s.getSpec().setSessionAffinityConfig(new SessionAffinityConfig(new ClientIPConfig(timeout)));
    }

    private static void loadBalancerLocal(io.fabric8.kubernetes.api.model.Service s) {
        s.getSpec().setType("LoadBalancer");
        s.getSpec().setExternalTrafficPolicy("Local");
        s.getSpec().getPorts().get(0).setNodePort(30080);
        s.getSpec().getPorts().get(1).setNodePort(30053);
    }

    private static void ingress(io.fabric8.kubernetes.api.model.Service s, String ip, String mode) {
        if (s.getStatus() == null) {
            s.setStatus(new ServiceStatus(List.of(), new LoadBalancerStatus(new ArrayList<>())));
        }
        s.getStatus().getLoadBalancer().getIngress()
                .add(new LoadBalancerIngressBuilder().withIp(ip).withIpMode(mode).build());
    }
}
