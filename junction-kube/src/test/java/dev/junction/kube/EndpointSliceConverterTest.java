package dev.junction.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.model.Endpoint;
import dev.junction.model.EndpointPort;
import dev.junction.model.EndpointSlice;
import dev.junction.model.Ip;
import dev.junction.model.IpFamily;
import dev.junction.model.Protocol;
import dev.junction.model.ServiceKey;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointHintsBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** IP plan in {@link TestObjects}: endpoints 10.0.0.1 (node n1, zone z1) and 10.0.0.2. */
@Tag("unit")
class EndpointSliceConverterTest {
    private final EndpointSliceConverter converter = new EndpointSliceConverter(Set.of(IpFamily.V4));

    private static Arguments slice(String reason, Consumer<io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice> edit) {
        return Arguments.of(reason, edit);
    }

    static Stream<Arguments> rejectedCases() {
        return Stream.of(
                slice("metadata.name is missing", s -> s.getMetadata().setName(null)),
                slice("metadata.namespace is missing", s -> s.getMetadata().setNamespace(null)),
                slice("addressType: null is not IPv4, IPv6 or FQDN", s -> s.setAddressType(null)),
                slice("addressType: \"IPX\" is not IPv4, IPv6 or FQDN", s -> s.setAddressType("IPX")),
                slice("ports[0].port: 0 is out of range 1-65535", s -> s.getPorts().getFirst().setPort(0)),
                slice("ports[0].port: 70000 is out of range 1-65535", s -> s.getPorts().getFirst().setPort(70000)),
                slice("ports[0].protocol: \"ICMP\" is not TCP, UDP or SCTP", s -> s.getPorts().getFirst().setProtocol("ICMP")),
                slice("ports[1].name: \"http\" is also the name of ports[0]", s -> {
                    var ports = new ArrayList<>(s.getPorts());
                    ports.add(new io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort(null, "http", 9090, "UDP"));
                    s.setPorts(ports);
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedCases")
    void rejectsInvalidSlicesNamingTheField(String reason,
            Consumer<io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice> edit) {
        var s = TestObjects.slice();
        edit.accept(s);
        assertThat(converter.convert(s)).isEqualTo(new Conversion.Rejected<EndpointSliceConverter.Converted>(reason));
    }

    static Stream<Arguments> ignoredCases() {
        return Stream.of(
                slice("label kubernetes.io/service-name is missing: the slice belongs to no service",
                        s -> s.getMetadata().setLabels(Map.of())),
                slice("addressType FQDN is not proxied", s -> s.setAddressType("FQDN")),
                slice("address family IPv6 is not enabled", s -> s.setAddressType("IPv6")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ignoredCases")
    void ignoresSlicesThatAreNotForThisProxy(String reason,
            Consumer<io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice> edit) {
        var s = TestObjects.slice();
        edit.accept(s);
        assertThat(converter.convert(s)).isEqualTo(new Conversion.Ignored<EndpointSliceConverter.Converted>(reason));
    }

    @Test
    void convertsASlice() {
        var c = accept(TestObjects.slice());
        assertThat(c.triggerMillis()).isZero();
        assertThat(c.namespace()).isEqualTo("default");
        assertThat(c.slice()).isEqualTo(new EndpointSlice(new ServiceKey("default", "web"), "web-abc", IpFamily.V4,
                List.of(new EndpointPort("http", Protocol.TCP, 8080)),
                List.of(new Endpoint(Ip.of("10.0.0.1"), true, true, false, "n1", "z1", Set.of(), Set.of()),
                        new Endpoint(Ip.of("10.0.0.2"), true, true, false, "", "", Set.of(), Set.of()))));
    }

    static Stream<Arguments> conditionCases() {
        return Stream.of(
                // ready, serving, terminating as sent -> as understood
                Arguments.of(null, null, null, true, true, false),
                Arguments.of(false, null, null, false, false, false),
                Arguments.of(true, null, true, true, true, true),
                Arguments.of(false, true, true, false, true, true),
                Arguments.of(null, false, false, true, false, false));
    }

    @ParameterizedTest(name = "ready={0} serving={1} terminating={2}")
    @MethodSource("conditionCases")
    void appliesTheConditionDefaults(Boolean ready, Boolean serving, Boolean terminating,
            boolean isReady, boolean isServing, boolean isTerminating) {
        var s = TestObjects.slice();
        s.getEndpoints().getFirst().setConditions(new EndpointConditions(ready, serving, terminating));
        Endpoint e = accept(s).slice().endpoints().getFirst();
        assertThat(List.of(e.ready(), e.serving(), e.terminating())).containsExactly(isReady, isServing, isTerminating);
    }

    @Test
    void readsZoneAndNodeHints() {
        var s = TestObjects.slice();
        s.getEndpoints().getFirst().setHints(new EndpointHintsBuilder()
                .addNewForZone("z1").addNewForZone("z2").addNewForNode("n1").build());
        Endpoint e = accept(s).slice().endpoints().getFirst();
        assertThat(e.zoneHints()).containsExactlyInAnyOrder("z1", "z2");
        assertThat(e.nodeHints()).containsExactly("n1");
    }

    @Test
    void leavesOutAPortWithoutNumber() {
        var s = TestObjects.slice();
        s.getPorts().getFirst().setPort(null);
        assertThat(accept(s).slice().ports()).isEmpty();
    }

    @Test
    void defaultsThePortProtocolToTcp() {
        var s = TestObjects.slice();
        s.getPorts().getFirst().setProtocol(null);
        assertThat(accept(s).slice().ports()).containsExactly(new EndpointPort("http", Protocol.TCP, 8080));
    }

    @Test
    void dropsEndpointsWithABadAddressAndKeepsTheRest() {
        var s = TestObjects.slice();
        s.getEndpoints().get(1).setAddresses(List.of("10.0.0.x"));
        var extra = new io.fabric8.kubernetes.api.model.discovery.v1.Endpoint();
        extra.setAddresses(List.of("fd00::1"));
        var empty = new io.fabric8.kubernetes.api.model.discovery.v1.Endpoint();
        empty.setAddresses(List.of());
        var endpoints = new ArrayList<>(s.getEndpoints());
        endpoints.add(extra);
        endpoints.add(empty);
        s.setEndpoints(endpoints);
        var result = (Conversion.Accepted<EndpointSliceConverter.Converted>) converter.convert(s);
        assertThat(result.value().slice().endpoints()).extracting(Endpoint::ip).containsExactly(Ip.of("10.0.0.1"));
        assertThat(result.warnings()).containsExactly(
                "endpoints[1].addresses[0]: \"10.0.0.x\" is not an IPv4 address; endpoint dropped",
                "endpoints[2].addresses[0]: \"fd00::1\" is not an IPv4 address; endpoint dropped",
                "endpoints[3].addresses: empty; endpoint dropped");
    }

    @Test
    void readsIpv6SlicesWhenEnabled() {
        var s = TestObjects.slice();
        s.setAddressType("IPv6");
        s.getEndpoints().getFirst().setAddresses(List.of("fd00:0::1"));
        s.getEndpoints().get(1).setAddresses(List.of("10.0.0.2"));
        var result = (Conversion.Accepted<EndpointSliceConverter.Converted>)
                new EndpointSliceConverter(Set.of(IpFamily.V4, IpFamily.V6)).convert(s);
        assertThat(result.value().slice().family()).isEqualTo(IpFamily.V6);
        assertThat(result.value().slice().endpoints()).extracting(Endpoint::ip).containsExactly(Ip.of("fd00::1"));
        assertThat(result.warnings()).hasSize(1);
    }

    @Test
    void readsTheLastChangeTriggerTime() {
        var s = TestObjects.slice();
        s.getMetadata().setAnnotations(Map.of(EndpointSliceConverter.TRIGGER_TIME_ANNOTATION, "2026-03-01T10:15:30.250Z"));
        assertThat(accept(s).triggerMillis()).isEqualTo(Instant.parse("2026-03-01T10:15:30.250Z").toEpochMilli());
        s.getMetadata().setAnnotations(Map.of(EndpointSliceConverter.TRIGGER_TIME_ANNOTATION, "2026-03-01T12:15:30+02:00"));
        assertThat(accept(s).triggerMillis()).isEqualTo(Instant.parse("2026-03-01T10:15:30Z").toEpochMilli());
    }

    @Test
    void warnsAboutAnUnreadableTriggerTime() {
        var s = TestObjects.slice();
        s.getMetadata().setAnnotations(Map.of(EndpointSliceConverter.TRIGGER_TIME_ANNOTATION, "yesterday"));
        var result = (Conversion.Accepted<EndpointSliceConverter.Converted>) converter.convert(s);
        assertThat(result.value().triggerMillis()).isZero();
        assertThat(result.warnings()).containsExactly("metadata.annotations[" + EndpointSliceConverter.TRIGGER_TIME_ANNOTATION
                + "]: \"yesterday\" is not an RFC 3339 time; ignored");
    }

    @Test
    void neverThrowsOnNullEntries() {
        var s = TestObjects.slice();
        var endpoints = new ArrayList<>(s.getEndpoints());
        endpoints.add(null);
        s.setEndpoints(endpoints);
        s.setPorts(null);
        var result = (Conversion.Accepted<EndpointSliceConverter.Converted>) converter.convert(s);
        assertThat(result.value().slice().endpoints()).hasSize(2);
        assertThat(result.warnings()).containsExactly("endpoints[2].addresses: empty; endpoint dropped");
    }

    private EndpointSliceConverter.Converted accept(io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice s) {
        var r = converter.convert(s);
        assertThat(r).isInstanceOf(Conversion.Accepted.class);
        return ((Conversion.Accepted<EndpointSliceConverter.Converted>) r).value();
    }
}
